// Great-circle distance on a sphere of the Earth's mean radius, and the longitude/latitude boxes that hold
// every point within a distance of a centre (the prefilter before the exact distance test).
export type LonLat = readonly [lon: number, lat: number]

/** A longitude/latitude box in degrees: [minLon, minLat, maxLon, maxLat]. */
export type LonLatBox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number]

// IUGG mean Earth radius R1 = (2a + b) / 3. A sphere is off by up to about 0.5 % from the ellipsoid: far less
// than the uncertainty in where a settlement "is", and what ArcGIS and spopt users compare against.
export const EARTH_RADIUS_KM = 6371.0088

const RADIANS = Math.PI / 180

/** Haversine distance in km between two [lon, lat] points in degrees. */
export function greatCircleKm(a: LonLat, b: LonLat): number {
  return haversineKm(a[0], a[1], b[0], b[1])
}

/** The same distance from bare numbers, for inner loops that should not build tuples. */
export function haversineKm(lonA: number, latA: number, lonB: number, latB: number): number {
  const sinHalfDLat = Math.sin((latB - latA) * RADIANS * 0.5)
  const sinHalfDLon = Math.sin((lonB - lonA) * RADIANS * 0.5)
  const h = sinHalfDLat * sinHalfDLat + Math.cos(latA * RADIANS) * Math.cos(latB * RADIANS) * sinHalfDLon * sinHalfDLon
  // Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)))
}

// Boxes are widened by this many degrees (about 10 cm) so that rounding in the box arithmetic can never
// exclude a point the exact test would include; the exact test then decides.
const BOX_PAD_DEGREES = 1e-6

/**
 * One or two boxes that together hold every point within `radiusKm` of `center`: two when the circle crosses
 * the antimeridian, the full longitude range when it holds a pole. Longitudes stay within −180…180.
 */
export function boxesWithinKm(center: LonLat, radiusKm: number): LonLatBox[] {
  const [lon, lat] = center
  const angle = radiusKm / EARTH_RADIUS_KM // radians of arc
  if (angle >= Math.PI) return [[-180, -90, 180, 90]]
  const latRad = lat * RADIANS
  const minLat = Math.max(-90, (latRad - angle) / RADIANS - BOX_PAD_DEGREES)
  const maxLat = Math.min(90, (latRad + angle) / RADIANS + BOX_PAD_DEGREES)
  // A cap that reaches a pole spans every longitude.
  if (latRad + angle >= Math.PI / 2 || latRad - angle <= -Math.PI / 2) return [[-180, minLat, 180, maxLat]]
  // The widest longitude a cap of angular radius `angle` centred at latitude φ reaches: asin(sin angle / cos φ).
  const halfWidth = Math.asin(Math.min(1, Math.sin(angle) / Math.cos(latRad))) / RADIANS + BOX_PAD_DEGREES
  if (halfWidth >= 180) return [[-180, minLat, 180, maxLat]]
  const west = lon - halfWidth
  const east = lon + halfWidth
  if (west < -180) return [[west + 360, minLat, 180, maxLat], [-180, minLat, east, maxLat]]
  if (east > 180) return [[west, minLat, 180, maxLat], [-180, minLat, east - 360, maxLat]]
  return [[west, minLat, east, maxLat]]
}
