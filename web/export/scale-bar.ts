// The scale bar: ground metres per pixel of a Web Mercator map at a latitude, and a bar of a round
// length. Pure, so it is tested against ground distances known independently of the map.

/** 2π × 6 378 137 m: the equator of the WGS84 ellipsoid, the sphere Web Mercator projects. */
export const EARTH_CIRCUMFERENCE_M = 40_075_016.686

/** MapLibre's tiles are 512 px: at zoom z the world is 512 × 2^z CSS px wide. */
export const TILE_SIZE_PX = 512

/** Ground metres along the parallel per CSS px, at `latitude` (degrees) and MapLibre zoom `zoom`. */
export function metresPerPixel(latitude: number, zoom: number, tileSize = TILE_SIZE_PX): number {
  if (!Number.isFinite(latitude) || Math.abs(latitude) >= 90) throw new RangeError(`metresPerPixel: latitude ${latitude} is not between -90 and 90`)
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (tileSize * 2 ** zoom)
}

export interface ScaleBar {
  metres: number // the ground length the whole bar stands for: 1, 2 or 5 × 10^n
  pixels: number // its length in CSS px
  unit: 'kilometres' | 'metres' // what the tick labels count (export-words.ts names it in the sheet's language)
  ticks: { metres: number; pixels: number; label: string }[] // 0, the middle and the end
}

/** The longest bar of 1, 2 or 5 × 10^n metres that fits in `maxPixels` CSS px. */
export function scaleBarOf(metresPerPx: number, maxPixels: number): ScaleBar {
  if (!(metresPerPx > 0) || !(maxPixels > 0)) throw new RangeError(`scaleBarOf: ${metresPerPx} m/px over ${maxPixels} px is not a scale`)
  const most = metresPerPx * maxPixels
  const power = 10 ** Math.floor(Math.log10(most))
  const metres = [5, 2, 1].map((m) => m * power).find((m) => m <= most) ?? power
  const pixels = metres / metresPerPx
  const ticks = [0, metres / 2, metres].map((m) => ({ metres: m, pixels: m / metresPerPx, label: distanceNumber(m, metres) }))
  return { metres, pixels, unit: metres >= 1000 ? 'kilometres' : 'metres', ticks }
}

/** The representative fraction's denominator (1 : N) when one layout CSS px is `paperMmPerPx` mm of paper. */
export function scaleDenominator(metresPerPx: number, paperMmPerPx: number): number {
  return (metresPerPx * 1000) / paperMmPerPx
}

/** "1:250 000", rounded to two significant figures as printed maps do. */
export function scaleFractionLabel(denominator: number): string {
  const power = 10 ** Math.max(0, Math.floor(Math.log10(denominator)) - 1)
  const rounded = Math.round(denominator / power) * power
  return `1:${String(rounded).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}`
}

/** Haversine great-circle metres between two [lon, lat] points on the 6 371 008.8 m mean sphere. */
export function groundMetres([lon1, lat1]: readonly [number, number], [lon2, lat2]: readonly [number, number]): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLon = (lon2 - lon1) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
}

function distanceNumber(metres: number, total: number): string {
  const value = total >= 1000 ? metres / 1000 : metres
  return String(Number(value.toPrecision(6)))
}
