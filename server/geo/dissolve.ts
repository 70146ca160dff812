// Topological dissolve. Every polygon of the country goes into one TopoJSON topology
// (topojson-server), where a boundary two units share is stored once, as one arc. A prefecture or
// a province is then the merge (topojson-client) of its counties: the arcs used once among them,
// stitched into rings. Borders therefore coincide exactly at every level, and stay so when the arcs
// are simplified, since every unit is drawn from the same arcs.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import { feature, mergeArcs } from 'topojson-client'
import { topology } from 'topojson-server'
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification'

/** One piece of the country as it goes into the topology; several units may share a county code. */
export interface Unit {
  code: string
  geometry: MultiPolygon
}

export type UnitGeometry = (TopoPolygon | TopoMultiPolygon) & { properties: { code: string } }
export type AreaTopology = Topology<{ units: GeometryCollection<{ code: string }> }>

/** The topology of the units, in the order given; no quantisation, so vertices stay exact. */
export function areaTopology(units: readonly Unit[]): AreaTopology {
  const collection: FeatureCollection<MultiPolygon, { code: string }> = {
    type: 'FeatureCollection',
    features: units.map((u): Feature<MultiPolygon, { code: string }> => ({ type: 'Feature', properties: { code: u.code }, geometry: u.geometry })),
  }
  return topology({ units: collection }) as AreaTopology
}

export function unitGeometries(t: AreaTopology): UnitGeometry[] {
  return t.objects.units.geometries.map((g, i) => {
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new Error(`unit ${i} (${(g.properties as { code?: string } | undefined)?.code}) has no area in the topology (type ${g.type})`)
    return g as UnitGeometry
  })
}

/**
 * The dissolve of some units: the arcs they share removed, the rest stitched into rings
 * (topojson-client mergeArcs), and the rings sorted into polygons again (see polygonsFromRings).
 * For a simplified topology, pass the full one as `reference`: it has the same arcs, so it tells
 * reliably which rings are shells and which are holes, even where simplification has turned a small
 * ring over or moved a hole out of its shell.
 */
export function dissolvedGeometry(t: Topology, geometries: readonly UnitGeometry[], reference: Topology = t): MultiPolygon {
  const merged = mergeArcs(t, geometries as unknown as (TopoPolygon | TopoMultiPolygon)[])
  const coordinates = merged.arcs.flatMap((group) =>
    polygonsFromRings(group.map((arcs) => ({ ring: ringCoordinates(t, arcs), orientation: Math.sign(planarArea(ringCoordinates(reference, arcs))) }))),
  )
  return { type: 'MultiPolygon', coordinates }
}

function ringCoordinates(t: Topology, arcs: number[]): Position[] {
  const polygon = feature(t, { type: 'Polygon', arcs: [arcs] }).geometry as Polygon
  return polygon.coordinates[0].map((p): Position => [p[0], p[1]])
}

export interface RingInput {
  ring: Position[]
  orientation?: number // 1 shell, −1 hole, as the ring was at full detail; its own orientation when absent
}

/**
 * Polygons from the rings of one connected group of units. topojson's stitch joins two rings that
 * touch at a vertex into one ring passing that vertex twice, so rings are first cut at every vertex
 * they pass twice. A ring that needs no cut is a shell or a hole as `orientation` says; a loop cut
 * out of a ring is one by its own orientation (counter-clockwise: shell). Each hole goes to the
 * smallest shell around it; failing that (simplification can move a hole's edge out of its shell)
 * to the smallest shell whose bounding box holds it, then to the group's largest shell. Loops of
 * zero area (a boundary walked there and back) are dropped. Rings keep the direction the stitch
 * walked them in (for valid rings: shells counter-clockwise, holes clockwise), and shells the order
 * it gave them.
 */
export function polygonsFromRings(rings: readonly (RingInput | Position[])[]): Position[][][] {
  const shells: { ring: Position[]; area: number; bbox: number[] }[] = []
  const holes: Position[][] = []
  for (const input of rings) {
    const { ring, orientation } = Array.isArray(input) ? { ring: input, orientation: undefined } : input
    const loops = loopsOf(ring)
    for (const loop of loops) {
      const area = planarArea(loop)
      if (area === 0) continue
      // A simplified ring is walked along the same arcs as at full detail; where it now crosses
      // itself its own orientation means nothing, so it is classed by the full-detail one and left
      // as walked (turning it over would walk the border the same way as the neighbour does).
      const isShell = loops.length === 1 && orientation ? orientation > 0 : area > 0
      if (isShell) shells.push({ ring: loop, area: Math.abs(area), bbox: ringBbox(loop) })
      else holes.push(loop)
    }
  }
  const polygons = shells.map((s) => [s.ring])
  for (const hole of holes) {
    const [w, so, e, n] = ringBbox(hole)
    // A hole may touch its shell at a vertex but never runs along it, so the middle of its longest
    // edge is inside the shell and not on its boundary.
    const probe = midpointOfLongestEdge(hole)
    let [inside, boxed] = [-1, -1]
    shells.forEach((s, i) => {
      if (s.bbox[0] > w || s.bbox[1] > so || s.bbox[2] < e || s.bbox[3] < n) return
      if (boxed < 0 || shells[boxed].area > s.area) boxed = i
      if ((inside < 0 || shells[inside].area > s.area) && isInsideRing(probe, s.ring)) inside = i
    })
    const largest = shells.reduce((best, s, i) => (best < 0 || shells[best].area < s.area ? i : best), -1)
    const to = inside >= 0 ? inside : boxed >= 0 ? boxed : largest
    if (to >= 0) polygons[to].push(hole)
    else polygons.push([hole])
  }
  return polygons
}

/** A closed ring cut into closed loops at every vertex it passes more than once. */
function loopsOf(ring: readonly Position[]): Position[][] {
  const loops: Position[][] = []
  const path: Position[] = []
  const at = new Map<string, number>() // vertex → its index in path
  for (let i = 0; i < ring.length - 1; i++) {
    const p = ring[i]
    const key = `${p[0]},${p[1]}`
    const seen = at.get(key)
    if (seen === undefined) {
      at.set(key, path.length)
      path.push(p)
      continue
    }
    const loop = path.splice(seen)
    for (const q of loop.slice(1)) at.delete(`${q[0]},${q[1]}`)
    loops.push([...loop, loop[0]])
    path.push(p)
  }
  if (path.length > 0) loops.push([...path, path[0]])
  return loops.filter((l) => l.length >= 4)
}

/** The planar signed area of a closed ring (positive when counter-clockwise). */
function planarArea(ring: readonly Position[]): number {
  const [x0, y0] = ring[0]
  let sum = 0
  for (let i = 1; i + 1 < ring.length; i++) sum += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0)
  return sum / 2
}

function ringBbox(ring: readonly Position[]): number[] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of ring) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)]
  return [w, s, e, n]
}

function isInsideRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function midpointOfLongestEdge(ring: readonly Position[]): Position {
  let [best, at] = [-1, 0]
  for (let i = 0; i + 1 < ring.length; i++) {
    const d = (ring[i + 1][0] - ring[i][0]) ** 2 + (ring[i + 1][1] - ring[i][1]) ** 2
    if (d > best) [best, at] = [d, i]
  }
  return [(ring[at][0] + ring[at + 1][0]) / 2, (ring[at][1] + ring[at + 1][1]) / 2]
}

/** Units grouped by a key (a county, prefecture or province code), keys in ascending order. */
export function groupedBy(geometries: readonly UnitGeometry[], key: (code: string) => string): Map<string, UnitGeometry[]> {
  const groups = new Map<string, UnitGeometry[]>()
  for (const g of geometries) {
    const k = key(g.properties.code)
    groups.set(k, [...(groups.get(k) ?? []), g])
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Arc index → the units (by position) whose rings use it, counting a unit once. */
export function arcUsers(t: Topology, geometries: readonly UnitGeometry[]): number[][] {
  const users: number[][] = t.arcs.map(() => [])
  geometries.forEach((g, u) => {
    for (const ring of ringsOf(g)) {
      for (const a of ring) {
        const list = users[a < 0 ? ~a : a]
        if (list[list.length - 1] !== u) list.push(u)
      }
    }
  })
  return users
}

/** The rings of a topology geometry, each as its list of arc indices (negative: walked backwards). */
export function ringsOf(g: UnitGeometry): number[][] {
  return g.type === 'Polygon' ? g.arcs : g.arcs.flat()
}
