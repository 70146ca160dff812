// Checks of the national set as a whole, on the topology: where neighbours overlap, where they leave
// gaps, and whether each dissolved area adds up to its parts. Pure functions; the build reports what
// they find.
import type { MultiPolygon, Position } from 'geojson'
import Flatbush from 'flatbush'
import type { Topology } from 'topojson-specification'
import { ellipsoidalAreaKm2 } from '../../server/geo/area-km2.ts'
import { meanPoint } from './islands.ts'
import { perimeterKm } from './topology.ts'

/** Even-odd point in polygon over every ring (holes included); points on an edge may go either way. */
export function isPointInMultiPolygon(p: Position, geometry: MultiPolygon): boolean {
  let inside = false
  for (const rings of geometry.coordinates) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]
        const [xj, yj] = ring[j]
        if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
      }
    }
  }
  return inside
}

export function bboxOf(geometry: MultiPolygon): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const rings of geometry.coordinates) {
    for (const ring of rings) {
      for (const [x, y] of ring) {
        if (x < w) w = x
        if (y < s) s = y
        if (x > e) e = x
        if (y > n) n = y
      }
    }
  }
  return [w, s, e, n]
}

/** An index of areas by bounding box, answering which areas hold a point. */
export class AreaIndex {
  private readonly index: Flatbush
  constructor(readonly areas: readonly { code: string; geometry: MultiPolygon }[]) {
    this.index = new Flatbush(Math.max(1, areas.length))
    for (const a of areas) this.index.add(...bboxOf(a.geometry))
    if (areas.length === 0) this.index.add(0, 0, 0, 0)
    this.index.finish()
  }

  /** Codes of the areas whose interior holds p. */
  containing(p: Position): string[] {
    return this.index
      .search(p[0], p[1], p[0], p[1])
      .filter((i) => i < this.areas.length && isPointInMultiPolygon(p, this.areas[i].geometry))
      .map((i) => this.areas[i].code)
  }
}

export interface Overlap {
  codes: [string, string] // the unit whose boundary runs inside the other, and the other
  km: number // length of boundary found inside
  at: Position // one place where it happens
}

/**
 * Boundary two counties both draw on the same side: an arc that two units walk in the same
 * direction (a shared border is walked in opposite directions). This is how a piece drawn twice,
 * with the same outline, shows: its arcs count as shared, so overlapsAlongArcs does not see it.
 */
export function overlapsOnSameSide(t: Topology, geometries: readonly { type: string; arcs: unknown; properties: { code: string } }[]): Overlap[] {
  const forward: number[][] = t.arcs.map(() => [])
  const backward: number[][] = t.arcs.map(() => [])
  geometries.forEach((g, u) => {
    const rings = (g.type === 'Polygon' ? g.arcs : (g.arcs as number[][][]).flat()) as number[][]
    for (const ring of rings) for (const a of ring) (a < 0 ? backward[~a] : forward[a]).push(u)
  })
  const byPair = new Map<string, Overlap>()
  ;(t.arcs as Position[][]).forEach((arc, a) => {
    for (const side of [forward[a], backward[a]]) {
      const codes = [...new Set(side.map((u) => geometries[u].properties.code))].sort()
      for (let i = 0; i + 1 < codes.length; i++) {
        const key = `${codes[i]}|${codes[i + 1]}`
        const o = byPair.get(key) ?? { codes: [codes[i], codes[i + 1]] as [string, string], km: 0, at: arc[Math.floor(arc.length / 2)] }
        o.km += perimeterKm({ type: 'MultiPolygon', coordinates: [[arc]] })
        byPair.set(key, o)
      }
    }
  })
  return [...byPair.values()].sort((x, y) => y.km - x.km || (x.codes.join() < y.codes.join() ? -1 : 1))
}

/**
 * Boundary that runs inside a neighbour. An arc used by a single county is either the coast or the
 * national border, or a border its neighbour does not have vertex for vertex. For each such arc the
 * middle point of its middle segment is tested against every other county: if one holds it, the two
 * overlap there. Arcs are grouped per pair of counties.
 */
export function overlapsAlongArcs(t: Topology, users: readonly number[][], unitCodes: readonly string[], counties: AreaIndex): Overlap[] {
  const byPair = new Map<string, Overlap>()
  ;(t.arcs as Position[][]).forEach((arc, a) => {
    if (users[a].length !== 1 || arc.length < 2) return
    const owner = unitCodes[users[a][0]]
    const m = Math.floor((arc.length - 1) / 2)
    const p: Position = [(arc[m][0] + arc[m + 1][0]) / 2, (arc[m][1] + arc[m + 1][1]) / 2]
    for (const other of counties.containing(p)) {
      if (other === owner) continue
      const key = `${owner}|${other}`
      const o = byPair.get(key) ?? { codes: [owner, other] as [string, string], km: 0, at: p }
      o.km += perimeterKm({ type: 'MultiPolygon', coordinates: [[arc]] })
      byPair.set(key, o)
    }
  })
  return [...byPair.values()].sort((x, y) => y.km - x.km || (x.codes.join() < y.codes.join() ? -1 : 1))
}

export interface Gap {
  at: Position // mean of the hole's vertices
  areaKm2: number
  ring: Position[]
}

/** Holes in a dissolved area: ground that its parts enclose but none of them covers. */
export function holesOf(geometry: MultiPolygon): Gap[] {
  return geometry.coordinates
    .flatMap((rings) => rings.slice(1))
    .map((ring) => ({ at: meanPoint(ring), areaKm2: ellipsoidalAreaKm2({ type: 'Polygon', coordinates: [ring] }), ring }))
    .sort((a, b) => b.areaKm2 - a.areaKm2)
}

/** Relative difference |a − b| / b, 0 when both are 0. */
export function relativeDifference(a: number, b: number): number {
  return b === 0 ? (a === 0 ? 0 : Infinity) : Math.abs(a - b) / b
}
