// Area as the atlas reports it: turf's area on a sphere of the mean Earth radius (6371.0088 km), in
// km² to one decimal. At Yunnan's latitudes (21–29°N) that is about 0.2 % more than on the WGS84
// ellipsoid, which is within the source's own error.
import type { MultiPolygon, Polygon } from 'geojson'
import { area } from '@turf/turf'

export function areaKm2(geometry: Polygon | MultiPolygon): number {
  return Math.round(area(geometry) / 1e5) / 10
}
