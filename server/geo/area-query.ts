// Which areas a /api/areas query selects, as GeoJSON: pure functions.
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'
import type { Area, AreaLevel } from '../shared/domain'

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
      (a): Feature<MultiPolygon | null, AreaProperties> => ({
        type: 'Feature',
        id: a.code,
        geometry: a.geometry,
        properties: {
          code: a.code,
          name: a.name,
          level: a.level,
          parent: a.parent,
          population: a.population,
          populationIsSample: a.populationIsSample,
          minorityShare: a.minorityShare,
          areaKm2: a.areaKm2,
          schematic: a.schematic,
        },
      }),
    ),
  }
}
