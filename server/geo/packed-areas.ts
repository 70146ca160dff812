// Areas as a few flat arrays, for handing them to a worker thread and back. Posting nested coordinate arrays
// clones every position as an object on the sending thread (230 ms for the 2 846 national counties, 125 ms for
// their generalisations coming back); typed arrays are moved, not cloned. Pure.
import type { MultiPolygon, Position } from 'geojson'
import type { AreaShape } from './generalised-areas'

export interface PackedAreas {
  codes: string[]
  coordinates: Float64Array // x, y of every position, area after area
  ringEnds: Uint32Array // position count at the end of each ring
  polygonEnds: Uint32Array // ring count at the end of each polygon
  areaEnds: Uint32Array // polygon count at the end of each area
}

export function packAreas(areas: readonly AreaShape[]): PackedAreas {
  let [positions, rings, polygons] = [0, 0, 0]
  for (const area of areas) {
    for (const polygon of area.geometry.coordinates) {
      polygons++
      for (const ring of polygon) [rings, positions] = [rings + 1, positions + ring.length]
    }
  }
  const packed: PackedAreas = {
    codes: areas.map((a) => a.code),
    coordinates: new Float64Array(positions * 2),
    ringEnds: new Uint32Array(rings),
    polygonEnds: new Uint32Array(polygons),
    areaEnds: new Uint32Array(areas.length),
  }
  let [n, r, p] = [0, 0, 0]
  areas.forEach((area, a) => {
    for (const polygon of area.geometry.coordinates) {
      for (const ring of polygon) {
        for (const position of ring) {
          packed.coordinates[2 * n] = position[0]
          packed.coordinates[2 * n + 1] = position[1]
          n++
        }
        packed.ringEnds[r++] = n
      }
      packed.polygonEnds[p++] = r
    }
    packed.areaEnds[a] = p
  })
  return packed
}

export function unpackAreas(packed: PackedAreas): AreaShape[] {
  let [n, r, p] = [0, 0, 0]
  return packed.codes.map((code, a) => {
    const coordinates: Position[][][] = []
    for (; p < packed.areaEnds[a]; p++) {
      const polygon: Position[][] = []
      for (; r < packed.polygonEnds[p]; r++) {
        const ring: Position[] = []
        for (; n < packed.ringEnds[r]; n++) ring.push([packed.coordinates[2 * n], packed.coordinates[2 * n + 1]])
        polygon.push(ring)
      }
      coordinates.push(polygon)
    }
    return { code, geometry: { type: 'MultiPolygon', coordinates } satisfies MultiPolygon }
  })
}

/** The buffers to move rather than copy when posting `packed`. */
export function packedBuffers(packed: PackedAreas): ArrayBuffer[] {
  return [packed.coordinates, packed.ringEnds, packed.polygonEnds, packed.areaEnds].map((array) => array.buffer as ArrayBuffer)
}
