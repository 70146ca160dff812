// Which areas a /api/areas query selects, as GeoJSON, and which hold a point (/api/areas/at): pure functions.
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson'
import type { Area, AreaLevel } from '../shared/domain'
import { boxOfPolygons, labelPointOfPolygons, type LonLatBox } from '../shared/label-point'
import { ancestorsOf, deepestAreaAt, type AreaIndex } from './join'

export interface AreaProperties {
  code: string
  name: string
  level: AreaLevel
  parent: string | null
  population: number | null
  populationIsSample: boolean
  minorityShare: number | null
  areaKm2: number | null
  schematic: boolean
}

export function selectAreas(areas: readonly Area[], query: { level?: AreaLevel; parent?: string }): Area[] {
  return areas.filter(
    (a) => (query.level === undefined || a.level === query.level) && (query.parent === undefined || a.parent === query.parent),
  )
}

export function areaFeatures(areas: readonly Area[]): FeatureCollection<MultiPolygon | null, AreaProperties> {
  return {
    type: 'FeatureCollection',
    features: areas.map(
      (a): Feature<MultiPolygon | null, AreaProperties> => ({ type: 'Feature', id: a.code, geometry: a.geometry, properties: areaProperties(a) }),
    ),
  }
}

/** An area without its boundary: where its name goes and the box around its boundary (both null without one). */
export type AreaPlace = Omit<Feature<Point | null, AreaProperties>, 'bbox'> & { bbox: LonLatBox | null }

/**
 * The areas as label points with their boundary's box (GET /api/areas?geometry=label): what a map needs whose
 * boundaries come from vector tiles (names, framing, the list to pick from), without the boundaries themselves.
 */
export function areaPlaces(areas: readonly Area[]): { type: 'FeatureCollection'; features: AreaPlace[] } {
  return {
    type: 'FeatureCollection',
    features: areas.map((a): AreaPlace => {
      const point = a.geometry ? labelPointOfPolygons(a.geometry.coordinates) : null
      return {
        type: 'Feature',
        id: a.code,
        bbox: a.geometry ? boxOfPolygons(a.geometry.coordinates) : null,
        geometry: point ? { type: 'Point', coordinates: point } : null,
        properties: areaProperties(a),
      }
    }),
  }
}

function areaProperties(a: Area): AreaProperties {
  return {
    code: a.code,
    name: a.name,
    level: a.level,
    parent: a.parent,
    population: a.population,
    populationIsSample: a.populationIsSample,
    minorityShare: a.minorityShare,
    areaKm2: a.areaKm2,
    schematic: a.schematic,
  }
}

/** One area holding a point, as GET /api/areas/at answers it. */
export interface AreaStep {
  code: string
  name: string
  level: AreaLevel
  schematic: boolean // a 示意 township cell: the point's township is approximate
}

/**
 * The areas holding the WGS-84 point (lon, lat), deepest first: the deepest area with geometry, as the join
 * and the unit edit find it (deepestAreaAt), then its ancestors. [] outside every area.
 */
export function areaChainAt(index: AreaIndex, lon: number, lat: number): AreaStep[] {
  const code = deepestAreaAt(index, lon, lat)
  const deepest = code === null ? undefined : index.areasByCode.get(code)
  if (deepest === undefined) return []
  return [deepest, ...ancestorsOf(deepest.code, index.areasByCode)].map(({ code, name, level, schematic }) => ({ code, name, level, schematic }))
}
