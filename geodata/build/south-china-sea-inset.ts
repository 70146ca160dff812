// The data of the 南海诸岛 附图: the provinces of one generalisation level cut to the inset's bounds (海南岛, the
// islands, the coast above them), the 断续国界线, and a point per island group to write its name at. One small
// file the web app loads only for maps that carry the inset (server/shared/south-china-sea.ts).
import { bboxClip } from '@turf/turf'
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson'
import { INSET_BOUNDS, ISLAND_GROUPS } from '../../server/shared/south-china-sea.ts'

export type InsetFeature =
  | Feature<MultiPolygon | Polygon, { kind: 'land'; code: string; name: string }>
  | Feature<MultiLineString, { kind: 'line'; name: string }>
  | Feature<Point, { kind: 'label'; name: string }>

/** The generalisation level the inset is cut from: it is drawn a few centimetres across. */
export const INSET_LEVEL = 'z5'

export function southChinaSeaInset(
  provinces: readonly Feature<MultiPolygon, { code: string; name: string }>[],
  line: Feature<MultiLineString, { name: string }>,
): FeatureCollection<InsetFeature['geometry'], InsetFeature['properties']> {
  const bbox = [...INSET_BOUNDS] as [number, number, number, number]
  const land = provinces.flatMap((province): InsetFeature[] => {
    const clipped = bboxClip(province, bbox)
    const polygons = clipped.geometry.type === 'MultiPolygon' ? (clipped.geometry.coordinates as Position[][][]) : [clipped.geometry.coordinates as Position[][]]
    const kept = polygons.filter((polygon) => polygon.length > 0 && polygon[0].length >= 4)
    if (kept.length === 0) return []
    return [{ type: 'Feature', properties: { kind: 'land', code: province.properties.code, name: province.properties.name }, geometry: { type: 'MultiPolygon', coordinates: kept } }]
  })
  const labels = ISLAND_GROUPS.map((g): InsetFeature => ({ type: 'Feature', properties: { kind: 'label', name: g.name }, geometry: { type: 'Point', coordinates: [g.lon, g.lat] } }))
  const dashes: InsetFeature = { type: 'Feature', properties: { kind: 'line', name: line.properties.name }, geometry: line.geometry }
  return { type: 'FeatureCollection', features: [...land, dashes, ...labels] }
}
