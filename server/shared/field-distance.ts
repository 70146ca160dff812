// How far a phone's GPS fix lies from the unit it records a visit to, and when that is worth a warning: the
// fix should be at the unit (a visit recorded from the office, or a wrong unit chosen, shows here). Pure.

/** Beyond this many metres from the unit's point a fix is flagged (the rule). */
export const FAR_FROM_UNIT_M = 500

const EARTH_RADIUS_M = 6_371_008.8 // mean radius: within 0.5 % of the ellipsoid at any latitude

/** Great-circle distance in metres between two [lon, lat] points (WGS84 degrees). */
export function distanceM([lon1, lat1]: readonly [number, number], [lon2, lat2]: readonly [number, number]): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLon = (lon2 - lon1) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * The warning for a fix more than `limitM` from the unit (null: near enough, or the unit has no point). It
 * names the distance and the fix's own accuracy, so the inspector can tell a poor fix from a wrong place.
 */
export function farFromUnitWarning(
  fix: { lon: number; lat: number; accuracyM: number },
  unit: readonly [number, number] | null,
  limitM = FAR_FROM_UNIT_M,
): string | null {
  if (unit === null) return null
  const metres = distanceM([fix.lon, fix.lat], unit)
  if (metres <= limitM) return null
  const far = metres >= 1000 ? `${(metres / 1000).toFixed(1)} 公里` : `${Math.round(metres)} 米`
  return `定位点距该单位 ${far}，超过 ${limitM} 米（定位精度 ±${Math.round(fix.accuracyM)} 米）：请确认是否在现场、是否选对了单位`
}
