// Repairs polygons that cleaning could not make valid (rings that cross or touch themselves, parts
// that overlap) with polyclip-ts: the union of the geometry with itself is the area it covers,
// drawn as valid rings. polyclip drops vertices that lie on a straight stretch of boundary; such a
// vertex may be where a neighbour's boundary branches off, so every input vertex that lies on an
// output edge is put back, and edges shared with neighbours stay shared vertex for vertex.
import type { MultiPolygon, Position } from 'geojson'
import Flatbush from 'flatbush'
import { union } from 'polyclip-ts'
import { ellipsoidalAreaKm2 } from './area-km2'
import { cleanPolygonal, roundCoordinates, validityProblems } from './polygon-clean'

export interface Repair {
  problems: string[] // what validityProblems found before
  areaBeforeKm2: number // of the invalid rings, as drawn (crossing loops count with their winding)
  areaAfterKm2: number
  remaining: string[] // problems left after the repair: empty when it worked
}

/** Slack for "this input vertex lies on that output edge": 1e-9° ≈ 0.1 mm, far below the 1e-6° grid. */
const ON_EDGE = 1e-9

export interface RepairOptions {
  decimals?: number // 6 (≈ 0.1 m): the grid the output is rounded to
  problems?: string[] // what makes the geometry invalid; default validityProblems(geometry), none = valid
}

/**
 * The geometry unchanged when it is valid; otherwise its self-union, with the input vertices put
 * back on the edges they lie on, rounded to `decimals` and cleaned, and a report of the repair.
 */
export function repairedPolygonal(geometry: MultiPolygon, options: RepairOptions = {}): { geometry: MultiPolygon; repair: Repair | null } {
  const { decimals = 6, problems = validityProblems(geometry) } = options
  if (problems.length === 0) return { geometry, repair: null }
  // Each part on its own first (an island group has hundreds of valid parts); then the whole, if
  // parts still overlap one another.
  const parts = geometry.coordinates.flatMap((polygon) => {
    const part: MultiPolygon = { type: 'MultiPolygon', coordinates: [polygon] }
    return validityProblems(part).length === 0 ? [polygon] : selfUnion(part, decimals)
  })
  let cleaned = cleanPolygonal({ type: 'MultiPolygon', coordinates: parts }).geometry
  if (cleaned && validityProblems(cleaned).length > 0) cleaned = cleanPolygonal({ type: 'MultiPolygon', coordinates: selfUnion(cleaned, decimals) }).geometry
  const repaired = cleaned ?? { type: 'MultiPolygon', coordinates: [] }
  return {
    geometry: repaired,
    repair: {
      problems,
      areaBeforeKm2: ellipsoidalAreaKm2(geometry),
      areaAfterKm2: ellipsoidalAreaKm2(repaired),
      remaining: cleaned ? validityProblems(repaired) : ['nothing left after the repair'],
    },
  }
}

/** The area a geometry covers as valid rings, input vertices restored, rounded to `decimals`. */
function selfUnion(geometry: MultiPolygon, decimals: number): Position[][][] {
  const unioned = union(geometry.coordinates as Position[][][] as never) as Position[][][]
  return roundCoordinates({ type: 'MultiPolygon', coordinates: withInputVertices(unioned, geometry) }, decimals).coordinates
}

/** Each output ring with every input vertex that lies on one of its edges inserted, in order. */
function withInputVertices(polygons: Position[][][], input: MultiPolygon): Position[][][] {
  const vertices = [...new Map(input.coordinates.flat(2).map((p) => [`${p[0]},${p[1]}`, p])).values()]
  if (vertices.length === 0) return polygons
  const index = new Flatbush(vertices.length)
  for (const [x, y] of vertices) index.add(x, y, x, y)
  index.finish()
  return polygons.map((rings) =>
    rings.map((ring) => {
      const out: Position[] = []
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i], ring[i + 1]]
        out.push(a)
        const between = index
          .search(Math.min(a[0], b[0]) - ON_EDGE, Math.min(a[1], b[1]) - ON_EDGE, Math.max(a[0], b[0]) + ON_EDGE, Math.max(a[1], b[1]) + ON_EDGE)
          .map((k) => vertices[k])
          .map((p) => ({ p, t: alongEdge(a, b, p) }))
          .filter((e): e is { p: Position; t: number } => e.t !== null)
          .sort((u, v) => u.t - v.t)
        for (const { p } of between) out.push(p)
      }
      out.push(ring[ring.length - 1])
      return out
    }),
  )
}

/** Where p lies strictly inside edge a→b (0 < t < 1), or null when it is off the edge or an end. */
function alongEdge(a: Position, b: Position, p: Position): number | null {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]]
  const length2 = dx * dx + dy * dy
  if (length2 === 0) return null
  const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2
  if (t <= 0 || t >= 1) return null
  const off = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / Math.sqrt(length2)
  return off <= ON_EDGE ? t : null
}
