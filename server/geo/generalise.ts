// Generalisation per zoom that keeps shared borders shared and keeps every island. The arcs of the
// whole topology are simplified once (Visvalingam, topojson-simplify), so a border two units share
// is simplified once and both draw the same line. Visvalingam would let a small island shrink to
// nothing; before each level, every ring that would keep fewer than three distinct points has its
// most significant points pinned, so it stays a small triangle of its own vertices.
import type { Position } from 'geojson'
import { presimplify, simplify } from 'topojson-simplify'
import type { Topology } from 'topojson-specification'
import { ringsOf, type AreaTopology, type UnitGeometry } from './dissolve'

export interface GeneralisationLevel {
  name: string // file suffix: counties.z5.geojson
  zoom: number // web map zoom it is drawn at (256-px tiles)
  tolerancePx2: number // Visvalingam area below which a point goes, in screen pixels² at that zoom
  decimals: number // coordinates are rounded to this many decimals
}

/**
 * The committed levels. At zoom z a pixel is 360 / (256·2^z) degrees of longitude: 0.18° at z3
 * (the whole country on a screen), 0.044° at z5 (a province), 0.011° at z7 (a prefecture). A point
 * goes when the triangle it makes with its neighbours is under one square pixel. Coordinates stay
 * at the build's 1e-6°: rounding them coarser would collapse some islets and slivers on one side
 * of a border and not the other.
 */
export const NATIONAL_LEVELS: readonly GeneralisationLevel[] = [
  { name: 'z3', zoom: 3, tolerancePx2: 1, decimals: 6 },
  { name: 'z5', zoom: 5, tolerancePx2: 1, decimals: 6 },
  { name: 'z7', zoom: 7, tolerancePx2: 1, decimals: 6 },
]

/** Web Mercator pixel coordinates at zoom 0 (a 256-px world), where Visvalingam weights are taken. */
export function mercatorPx([lon, lat]: readonly number[]): [number, number] {
  const φ = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180
  return [((lon + 180) / 360) * 256, ((1 - Math.log(Math.tan(Math.PI / 4 + φ / 2)) / Math.PI) / 2) * 256]
}

function mercatorTriangleArea(triangle: readonly (readonly number[])[]): number {
  const [a, b, c] = triangle.map(mercatorPx)
  return Math.abs((a[0] - c[0]) * (b[1] - a[1]) - (a[0] - b[0]) * (c[1] - a[1])) / 2
}

/** Each arc point gets its Visvalingam weight (px² at zoom 0) as a third coordinate. */
export function presimplified(t: AreaTopology): AreaTopology {
  return presimplify(t, mercatorTriangleArea as never) as AreaTopology
}

/** The weight below which a point is dropped at a level. */
export function minWeight(level: GeneralisationLevel): number {
  return level.tolerancePx2 / 4 ** level.zoom
}

/**
 * Pins points so that every ring of every unit keeps an area at `weight` (three distinct points,
 * not in a line): the most significant dropped point of each of the ring's arcs, then more while
 * still needed, are raised to Infinity. Arcs are shared, so a neighbour
 * sees the same pinned points. Returns how many rings needed pins. Run levels coarse to fine; pins
 * stay, and a finer level keeps them anyway.
 */
export function pinSmallRings(t: AreaTopology, units: readonly UnitGeometry[], weight: number): number {
  const arcs = t.arcs as unknown as number[][][]
  let pinned = 0
  for (const g of units) {
    for (const ring of ringsOf(g)) {
      const points = ring.flatMap((a) => (a < 0 ? [...arcs[~a]].reverse() : arcs[a]))
      if (isDrawable(points.filter((p) => p[2] >= weight))) continue
      pinned++
      // First the most significant point of each of the ring's arcs: two small pieces that share
      // an arc then keep their own other sides and cannot collapse onto the same triangle.
      for (const a of ring) {
        const interior = arcs[a < 0 ? ~a : a].slice(1, -1).filter((p) => p[2] < weight)
        if (interior.length > 0) interior.reduce((best, p) => (p[2] > best[2] ? p : best))[2] = Infinity
      }
      // Then the most significant of the rest, until the ring has area.
      const dropped = points.filter((p) => p[2] < weight).sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1])
      for (const p of dropped) {
        if (isDrawable(points.filter((q) => q[2] >= weight))) break
        p[2] = Infinity
      }
    }
  }
  return pinned
}

/** Whether the kept points of a ring, in order, make a ring with area (three distinct points, not in a line). */
function isDrawable(kept: readonly number[][]): boolean {
  if (new Set(kept.map((p) => `${p[0]},${p[1]}`)).size < 3) return false
  const [x0, y0] = kept[0]
  let area2 = 0
  for (let i = 1; i + 1 < kept.length; i++) area2 += (kept[i][0] - x0) * (kept[i + 1][1] - y0) - (kept[i + 1][0] - x0) * (kept[i][1] - y0)
  return area2 !== 0
}

/** The topology with the points under `weight` removed (a new topology; weights stay behind). */
export function simplified(t: AreaTopology, weight: number): Topology {
  return simplify(t, weight)
}

/** Positions of every arc of a topology, for counting what a level keeps. */
export function vertexCount(t: Topology): number {
  return (t.arcs as Position[][]).reduce((n, arc) => n + arc.length, 0)
}
