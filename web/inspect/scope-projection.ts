// Lon/lat to the pixels of the scope map: equirectangular with the longitude scaled by cos(mid-latitude), fitted
// to the box with a margin; at a county's size the distortion is invisible. Pure.
type LonLat = readonly [number, number]

export function fitProjection(points: readonly LonLat[], width: number, height: number, margin = 12): (p: LonLat) => [number, number] {
  if (points.length === 0) return () => [width / 2, height / 2]
  const lons = points.map((p) => p[0])
  const lats = points.map((p) => p[1])
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)]
  const kx = Math.cos((((south + north) / 2) * Math.PI) / 180)
  const spanX = Math.max((east - west) * kx, 1e-9)
  const spanY = Math.max(north - south, 1e-9)
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
  const offsetX = (width - spanX * scale) / 2
  const offsetY = (height - spanY * scale) / 2
  return ([lon, lat]) => [offsetX + (lon - west) * kx * scale, offsetY + (north - lat) * scale]
}

/** The outer and inner rings of a Polygon or MultiPolygon (null: none). */
export function ringsOf(geometry: { type: string; coordinates: unknown } | null): [number, number][][] {
  if (!geometry) return []
  if (geometry.type === 'Polygon') return geometry.coordinates as [number, number][][]
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as [number, number][][][]).flat()
  return []
}
