// Whether neighbouring polygons share their edges exactly. Where two counties meet, each must have
// the same segment, walked the other way; every segment without such a twin lies on the outside of
// the whole. So if the unshared length equals the perimeter of the dissolved outline, there is no
// gap and no overlap anywhere inside.
import type { MultiPolygon, Position } from 'geojson'

const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180

export interface EdgeSharing {
  sharedKm: number // length of boundary between two polygons, counted once
  unsharedKm: number // length of boundary with no twin: the outside, plus any gap or overlap
}

export function edgeSharing(geometries: readonly MultiPolygon[]): EdgeSharing {
  const segments = new Set<string>()
  forEachSegment(geometries, (a, b) => segments.add(segmentKey(a, b)))
  let twinned = 0
  let unsharedKm = 0
  forEachSegment(geometries, (a, b) => {
    if (segments.has(segmentKey(b, a))) twinned += segmentKm(a, b)
    else unsharedKm += segmentKm(a, b)
  })
  return { sharedKm: twinned / 2, unsharedKm }
}

export function perimeterKm(geometry: MultiPolygon): number {
  let km = 0
  forEachSegment([geometry], (a, b) => (km += segmentKm(a, b)))
  return km
}

function forEachSegment(geometries: readonly MultiPolygon[], visit: (a: Position, b: Position) => void): void {
  for (const g of geometries) for (const rings of g.coordinates) for (const ring of rings) for (let i = 0; i + 1 < ring.length; i++) visit(ring[i], ring[i + 1])
}

function segmentKey(a: Position, b: Position): string {
  return `${a[0]},${a[1]},${b[0]},${b[1]}`
}

// Segments are about 100 m long, so a flat-earth length at their latitude is exact enough.
function segmentKm(a: Position, b: Position): number {
  const dx = (b[0] - a[0]) * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180)
  return Math.hypot(dx, b[1] - a[1]) * KM_PER_DEGREE
}
