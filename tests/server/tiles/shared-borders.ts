// Test support: do neighbours' borders coincide? Works in any planar coordinates (degrees, tile units).
//
// The true border of two neighbours is the edges they share, vertex for vertex, in the detailed (z7) set.
// A coarser drawing keeps some of each ring's vertices, in order. An edge one neighbour draws from P to Q
// stands for the stretch of its detailed ring from P to Q (whose vertices between it dropped); when all of
// that stretch is border with the other neighbour, points along the edge must lie on the other's drawn
// boundary too. Had the two been
// simplified apart (per feature, not per shared arc), the other would take another path there and a
// sliver or gap would open between them. `checkBorders` returns each point farther than `tolerance`.
import { VectorTile } from '@mapbox/vector-tile'
import Flatbush from 'flatbush'
import { PbfReader } from 'pbf'
import { TILE_EXTENT } from '../../../server/tiles/vector-tiles'

export type Point = readonly [number, number]
export type Rings = readonly (readonly Point[])[] // every ring of an area, holes and parts alike

const key = (p: Point) => `${p[0]},${p[1]}`
const edgeKey = (p: Point, q: Point) => {
  const [a, b] = [key(p), key(q)]
  return a < b ? `${a};${b}` : `${b};${a}`
}

export interface Border {
  a: string
  b: string
  edges: ReadonlySet<string> // the detailed edges both share (edgeKey)
}

/** Neighbour pairs (codes sorted) and the detailed edges they share. */
export function trueBorders(detailed: ReadonlyMap<string, Rings>): Border[] {
  const owners = new Map<string, Set<string>>()
  for (const [code, rings] of detailed) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const edge = edgeKey(ring[i], ring[i + 1])
        let set = owners.get(edge)
        if (!set) owners.set(edge, (set = new Set()))
        set.add(code)
      }
    }
  }
  const borders = new Map<string, { a: string; b: string; edges: Set<string> }>()
  for (const [edge, codes] of owners) {
    if (codes.size !== 2) continue
    const [a, b] = [...codes].sort()
    let border = borders.get(`${a}|${b}`)
    if (!border) borders.set(`${a}|${b}`, (border = { a, b, edges: new Set() }))
    border.edges.add(edge)
  }
  return [...borders.values()]
}

export interface BorderCheck {
  edges: number // drawn edges that stand for a stretch of true border, both ways
  sampled: number
  misfits: { from: string; to: string; point: Point; distance: number }[]
}

/**
 * For each border (a, b): the edges `drawn` gives a that stand for border with b (found in `detailed`, whose
 * vertices `project` places where `drawn` has them), sampled at ¼, ½ and ¾ and measured against the
 * boundary `drawn` gives b; and the same from b to a.
 */
export function checkBorders(
  drawn: ReadonlyMap<string, Rings>,
  detailed: ReadonlyMap<string, Rings>,
  borders: Iterable<Border>,
  tolerance: number,
  project: (p: Point) => Point = (p) => p,
): BorderCheck {
  const indexes = new Map<string, ReturnType<typeof edgeIndex>>()
  const indexOf = (code: string) => {
    if (!indexes.has(code)) indexes.set(code, edgeIndex(drawn.get(code)))
    return indexes.get(code)!
  }
  const result: BorderCheck = { edges: 0, sampled: 0, misfits: [] }
  for (const border of borders) {
    for (const [from, to] of [[border.a, border.b], [border.b, border.a]]) {
      const runs = borderRuns(detailed.get(from) ?? [], border.edges, project)
      const kept = new Set((drawn.get(from) ?? []).flat().map(key))
      const other = indexOf(to)
      for (const ring of drawn.get(from) ?? []) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const [p, q] = [ring[i], ring[i + 1]]
          if (key(p) === key(q) || !standsForBorder(runs, kept, p, q)) continue
          result.edges++
          for (const t of [0.25, 0.5, 0.75]) {
            const point: Point = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]
            result.sampled++
            const distance = other === null ? Infinity : distanceTo(other, point, tolerance)
            if (distance > tolerance) result.misfits.push({ from, to, point, distance })
          }
        }
      }
    }
  }
  return result
}

interface Runs {
  keys: string[][] // each run of consecutive border edges of the detailed rings, as projected vertex keys
  places: Map<string, [number, number][]> // vertex key → (run, place) wherever it lies on a run
}

/**
 * The runs of consecutive border edges of the detailed rings. A drawn edge P→Q stands for border when P
 * and Q lie on one run and the drawing keeps no vertex of the run between them (else P→Q is another
 * edge of the ring, elsewhere). Either direction: tiles rewind rings as the MVT spec wants them.
 */
function borderRuns(rings: Rings, edges: ReadonlySet<string>, project: (p: Point) => Point): Runs {
  const runs: Runs = { keys: [], places: new Map() }
  const add = (run: readonly Point[]) => {
    const id = runs.keys.length
    const keys = run.map((p) => key(project(p)))
    runs.keys.push(keys)
    keys.forEach((k, i) => {
      const list = runs.places.get(k)
      if (list) list.push([id, i])
      else runs.places.set(k, [[id, i]])
    })
  }
  for (const ring of rings) {
    const n = ring.length - 1 // closed: the last vertex repeats the first
    if (n < 3) continue
    const shared = Array.from({ length: n }, (_, i) => edges.has(edgeKey(ring[i], ring[i + 1])))
    const start = shared.indexOf(false)
    if (start < 0) {
      add(ring) // all border (an enclave): one run round it
      continue
    }
    let run: Point[] = []
    for (let k = 1; k <= n; k++) {
      const i = (start + k) % n
      if (shared[i]) {
        if (run.length === 0) run.push(ring[i])
        run.push(ring[i + 1])
      } else if (run.length > 0) {
        add(run)
        run = []
      }
    }
    if (run.length > 0) add(run)
  }
  return runs
}

function standsForBorder(runs: Runs, kept: ReadonlySet<string>, p: Point, q: Point): boolean {
  const [kp, kq] = [key(p), key(q)]
  const [from, to] = [runs.places.get(kp), runs.places.get(kq)]
  if (!from || !to) return false
  return from.some(([run, i]) =>
    to.some(([other, j]) => {
      if (other !== run || i === j) return false
      const between = runs.keys[run].slice(Math.min(i, j) + 1, Math.max(i, j))
      return between.every((k) => k === kp || k === kq || !kept.has(k))
    }),
  )
}

function edgeIndex(rings: Rings | undefined): { index: Flatbush; segments: [Point, Point][] } | null {
  const segments: [Point, Point][] = []
  for (const ring of rings ?? []) for (let i = 0; i + 1 < ring.length; i++) segments.push([ring[i], ring[i + 1]])
  if (segments.length === 0) return null
  const index = new Flatbush(segments.length)
  for (const [p, q] of segments) index.add(Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1]))
  index.finish()
  return { index, segments }
}

/** Distance from `point` to the nearest indexed segment within `reach` (Infinity when none is that near). */
function distanceTo({ index, segments }: { index: Flatbush; segments: [Point, Point][] }, [x, y]: Point, reach: number): number {
  let best = Infinity
  for (const i of index.search(x - reach, y - reach, x + reach, y + reach)) {
    const [[x1, y1], [x2, y2]] = segments[i]
    const [dx, dy] = [x2 - x1, y2 - y1]
    const length2 = dx * dx + dy * dy
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / length2))
    best = Math.min(best, Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)))
  }
  return best
}

/** Longitude and latitude to tile units of tile (z, x, y), as geojson-vt places them. */
export function toTile(z: number, x: number, y: number): (p: Point) => Point {
  const z2 = 2 ** z
  return ([lon, lat]) => {
    const sin = Math.sin((lat * Math.PI) / 180)
    const my = Math.min(1, Math.max(0, 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI))
    return [Math.round(TILE_EXTENT * ((lon / 360 + 0.5) * z2 - x)), Math.round(TILE_EXTENT * (my * z2 - y))]
  }
}

/** The areas of `level` in the tile the app serves at (z, x, y), in tile units, by code. */
export async function tileAreas(app: { request: (path: string) => Response | Promise<Response> }, level: string, z: number, x: number, y: number): Promise<Map<string, Rings>> {
  const bytes = new Uint8Array(await (await app.request(`/api/tiles/${level}/${z}/${x}/${y}.mvt`)).arrayBuffer())
  const layer = new VectorTile(new PbfReader(bytes)).layers[level]
  const areas = new Map<string, Rings>()
  for (let i = 0; i < (layer?.length ?? 0); i++) {
    const feature = layer.feature(i)
    const rings = feature.loadGeometry().map((ring) => ring.map((p): Point => [p.x, p.y]))
    areas.set(String(feature.properties.code), [...(areas.get(String(feature.properties.code)) ?? []), ...rings])
  }
  return areas
}
