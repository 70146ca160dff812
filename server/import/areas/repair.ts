// Makes a boundary valid where that is unambiguous, and says what it did; reports what it cannot mend.
//
// Repaired (each counted in the feature's messages):
//   - coordinates rounded to 1e-7° (~1 cm), then consecutive duplicate points removed;
//   - unclosed rings closed;
//   - spikes removed: a vertex where the boundary runs out and straight back (A → B → A, or B beyond A on
//     the same line, within 1e-6 rad), repeated until none is left;
//   - rings with fewer than 3 distinct points or no area (< 1 m²) dropped; a polygon whose outer ring is
//     dropped goes with its holes;
//   - ring orientation set as RFC 7946 wants it: outer rings counter-clockwise, holes clockwise. This one
//     is counted in `reoriented` but not listed as a repair: shapefiles wind the other way by definition.
// Crossings: a ring that crosses itself (a bow-tie), another ring, or a ring of another part (parts that
// overlap) is repaired as the geodata build repairs it (server/geo/polygon-repair.ts): the union of the
// geometry with itself through polyclip-ts, the area it covers as valid rings, every input vertex put back.
// The repair is reported (`crossingRepair`: what was wrong, area before and after); a geometry that still
// crosses after it, or has nothing left, is rejected naming where. Touching at a single vertex is allowed.
// Non-polygon geometry (points, lines) is rejected.
import type { Geometry, MultiPolygon, Position } from 'geojson'
import { validityProblems } from '../../geo/polygon-clean'
import { repairedPolygonal } from '../../geo/polygon-repair'

/** A crossing mended by self-union: the problems found (as validityProblems words them) and the areas. */
export interface CrossingRepair {
  problems: string[]
  areaBeforeKm2: number // as drawn: loops wound the wrong way count against the rest
  areaAfterKm2: number
}

export interface RepairResult {
  geometry: MultiPolygon | null // null when nothing valid is left, or a crossing could not be repaired
  repairs: string[]
  errors: string[]
  reoriented: number // rings whose orientation was reversed
  crossingRepair: CrossingRepair | null
}

const DECIMALS = 1e7 // 1e-7° ≈ 1 cm
const MIN_RING_AREA_M2 = 1

export function repairPolygonal(geometry: Geometry | null): RepairResult {
  if (geometry === null) return refused('没有几何（geometry 为空）')
  const polygons = polygonsOf(geometry)
  if (polygons === null) return refused(`几何类型为 ${geometry.type}，区划边界应为面（Polygon/MultiPolygon）`)
  const counts = { duplicates: 0, closed: 0, spikes: 0, dropped: 0, reoriented: 0 }
  const out: Position[][][] = []
  for (const polygon of polygons) {
    const rings: Position[][] = []
    for (let r = 0; r < polygon.length; r++) {
      const raw = polygon[r]
      if (!Array.isArray(raw) || raw.some((p) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) {
        return refused('坐标中有非数值')
      }
      const ring = cleanRing(raw, counts)
      // A bow-tie's two lobes cancel out: it has no net area, but it is a crossing to repair, not a sliver.
      if (ring === null || (Math.abs(ringAreaM2(ring)) < MIN_RING_AREA_M2 && firstCrossing([ring]) === null)) {
        counts.dropped++
        if (r === 0) break // the outer ring is gone: its holes go with it
        continue
      }
      const ccw = signedArea(ring) > 0
      if (ccw !== (rings.length === 0)) {
        ring.reverse()
        counts.reoriented++
      }
      rings.push(ring)
    }
    if (rings.length > 0) out.push(rings)
  }
  const repairs = [
    counts.duplicates > 0 ? `移除重复点 ${counts.duplicates} 个` : '',
    counts.closed > 0 ? `闭合未闭合的环 ${counts.closed} 个` : '',
    counts.spikes > 0 ? `移除尖刺 ${counts.spikes} 处` : '',
    counts.dropped > 0 ? `移除零面积或不足 3 点的环 ${counts.dropped} 个` : '',
  ].filter(Boolean)
  const { reoriented } = counts
  if (out.length === 0) return { geometry: null, repairs, errors: ['修复后没有剩下有效的面'], reoriented, crossingRepair: null }
  const cleaned: MultiPolygon = { type: 'MultiPolygon', coordinates: out }
  const crossing = firstCrossing(out.flat())
  if (crossing === null) return { geometry: cleaned, repairs, errors: [], reoriented, crossingRepair: null }
  return { ...withCrossingsRepaired(cleaned, crossing), repairs, reoriented }
}

/** The self-union of a geometry whose rings cross (at `crossing`, among others), or why it cannot be had. */
function withCrossingsRepaired(geometry: MultiPolygon, crossing: Position): Pick<RepairResult, 'geometry' | 'errors' | 'crossingRepair'> {
  const found = validityProblems(geometry)
  let outcome: ReturnType<typeof repairedPolygonal>
  try {
    outcome = repairedPolygonal(geometry, { decimals: 7, problems: found.length > 0 ? found : [`edges cross at ${where(crossing)}`] })
  } catch (error) {
    // polyclip-ts gives up on some degenerate input ("Unable to complete output ring…"): say so, as a rejection.
    return { geometry: null, errors: [`边界自相交（约 ${where(crossing)} 处），自动修复失败（${error instanceof Error ? error.message : String(error)}），请在 GIS 软件中修正`], crossingRepair: null }
  }
  const { geometry: repaired, repair } = outcome
  const left = repaired.coordinates.length === 0 ? null : firstCrossing(repaired.coordinates.flat())
  if (repair === null || repaired.coordinates.length === 0 || left !== null) {
    const after = left === null ? '修复后没有剩下有效的面' : `修复后仍自相交（约 ${where(left)} 处）`
    return { geometry: null, errors: [`边界自相交（约 ${where(crossing)} 处），${after}，请在 GIS 软件中修正`], crossingRepair: null }
  }
  return { geometry: repaired, errors: [], crossingRepair: { problems: repair.problems, areaBeforeKm2: repair.areaBeforeKm2, areaAfterKm2: repair.areaAfterKm2 } }
}

function refused(error: string): RepairResult {
  return { geometry: null, repairs: [], errors: [error], reoriented: 0, crossingRepair: null }
}

function where([lon, lat]: Position): string {
  return `${lon.toFixed(5)}, ${lat.toFixed(5)}`
}

function polygonsOf(geometry: Geometry): Position[][][] | null {
  if (geometry.type === 'Polygon') return [geometry.coordinates]
  if (geometry.type === 'MultiPolygon') return geometry.coordinates
  if (geometry.type === 'GeometryCollection') {
    const parts = geometry.geometries.map(polygonsOf)
    return parts.every((p): p is Position[][][] => p !== null) ? parts.flat() : null
  }
  return null
}

type Counts = { duplicates: number; closed: number; spikes: number; dropped: number; reoriented: number }

/** A closed ring without duplicates or spikes, or null when fewer than 3 points are left. */
function cleanRing(raw: readonly Position[], counts: Counts): Position[] | null {
  const points: Position[] = []
  for (const p of raw) {
    const q: Position = [Math.round(p[0] * DECIMALS) / DECIMALS, Math.round(p[1] * DECIMALS) / DECIMALS]
    const last = points[points.length - 1]
    if (last !== undefined && same(last, q)) counts.duplicates++
    else points.push(q)
  }
  if (points.length > 1 && same(points[0], points[points.length - 1])) points.pop()
  else if (points.length > 2) counts.closed++
  // Now an open cycle: remove spikes until none is left.
  let changed = true
  while (changed && points.length >= 3) {
    changed = false
    for (let i = 0; i < points.length && points.length >= 3; i++) {
      const a = points[(i - 1 + points.length) % points.length]
      const b = points[i]
      const c = points[(i + 1) % points.length]
      if (isSpike(a, b, c)) {
        points.splice(i, 1)
        // Removing B may leave A and C equal: then C goes too.
        const j = i % points.length
        const prev = points[(j - 1 + points.length) % points.length]
        if (points.length > 1 && same(prev, points[j])) points.splice(j, 1)
        counts.spikes++
        changed = true
        i--
      }
    }
  }
  if (points.length < 3) return null
  return [...points, points[0]]
}

function same(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1]
}

/** B is a spike tip: A → B → C turns straight back (C on the line AB, on A's side of B). */
function isSpike(a: Position, b: Position, c: Position): boolean {
  if (same(a, c)) return true
  const abx = b[0] - a[0]
  const aby = b[1] - a[1]
  const cbx = b[0] - c[0]
  const cby = b[1] - c[1]
  const cross = abx * cby - aby * cbx
  const dot = abx * cbx + aby * cby
  const scale = Math.hypot(abx, aby) * Math.hypot(cbx, cby)
  return dot > 0 && Math.abs(cross) <= 1e-6 * scale
}

/** Shoelace in degrees²: positive for counter-clockwise. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
  return sum / 2
}

/** Approximate area in m² (equirectangular at the ring's latitude): enough to tell "none" from "some". */
function ringAreaM2(ring: readonly Position[]): number {
  const lat = (ring[0][1] * Math.PI) / 180
  return signedArea(ring) * 111_320 * 111_320 * Math.cos(lat)
}

interface Segment {
  ring: number
  index: number // of its first point in the ring
  last: number // the ring's last segment index
  a: Position
  b: Position
  minX: number
  maxX: number
}

/** Where two segments of a polygon's rings cross (or overlap along a line), or null when none do. */
export function firstCrossing(polygon: readonly Position[][]): Position | null {
  const segments: Segment[] = []
  polygon.forEach((ring, r) => {
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i]
      const b = ring[i + 1]
      segments.push({ ring: r, index: i, last: ring.length - 2, a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) })
    }
  })
  segments.sort((s, t) => s.minX - t.minX)
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]
    for (let j = i + 1; j < segments.length && segments[j].minX <= s.maxX; j++) {
      const t = segments[j]
      if (s.ring === t.ring && adjacent(s.index, t.index, s.last)) continue
      const hit = crossing(s.a, s.b, t.a, t.b)
      if (hit !== null) return hit
    }
  }
  return null
}

function adjacent(i: number, j: number, last: number): boolean {
  return Math.abs(i - j) <= 1 || (Math.min(i, j) === 0 && Math.max(i, j) === last)
}

/** The point where segments ab and cd cross in their interiors, or overlap collinearly; null otherwise. */
function crossing(a: Position, b: Position, c: Position, d: Position): Position | null {
  const d1 = orient(c, d, a)
  const d2 = orient(c, d, b)
  const d3 = orient(a, b, c)
  const d4 = orient(a, b, d)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2)
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
  }
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
    // Collinear: an overlap longer than a point is a crossing.
    const axis = Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]) ? 0 : 1
    const lo = Math.max(Math.min(a[axis], b[axis]), Math.min(c[axis], d[axis]))
    const hi = Math.min(Math.max(a[axis], b[axis]), Math.max(c[axis], d[axis]))
    if (hi > lo) return axis === 0 ? [lo, a[1] + ((lo - a[0]) * (b[1] - a[1])) / (b[0] - a[0] || 1)] : [a[0], lo]
  }
  return null
}

function orient(a: Position, b: Position, c: Position): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}
