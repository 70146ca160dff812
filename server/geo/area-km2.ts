// Area as the atlas reports it. `areaKm2` (the prefecture build's) is turf's area on a sphere of the
// mean Earth radius (6371.0088 km): at Yunnan's latitudes about 0.2 % more than on the WGS84
// ellipsoid, which is within the source's own error. `ellipsoidalAreaKm2` (the national build's) is
// the geodesic area on the WGS84 ellipsoid (GeographicLib, Karney 2013), as PostGIS
// ST_Area(geography) gives it.
import type { MultiPolygon, Polygon, Position } from 'geojson'
import { area } from '@turf/turf'
import geodesic from 'geographiclib-geodesic'

export function areaKm2(geometry: Polygon | MultiPolygon): number {
  return Math.round(area(geometry) / 1e5) / 10
}

/**
 * Geodesic area on the WGS84 ellipsoid in km², unrounded: outer rings less their holes, each ring
 * measured whatever its orientation. A ring that crosses itself counts its loops with their winding.
 */
export function ellipsoidalAreaKm2(geometry: Polygon | MultiPolygon): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let m2 = 0
  for (const rings of polygons) rings.forEach((ring, r) => (m2 += (r === 0 ? 1 : -1) * Math.abs(ringAreaM2(ring))))
  return m2 / 1e6
}

function ringAreaM2(ring: readonly Position[]): number {
  const polygon = geodesic.Geodesic.WGS84.Polygon(false)
  const n = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.length - 1 : ring.length
  for (let i = 0; i < n; i++) polygon.AddPoint(ring[i][1], ring[i][0])
  return polygon.Compute(false, true).area ?? 0
}
