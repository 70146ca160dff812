// What the map page shows, loaded from the API: the place (stable) and its coverage (per filter).
import type { HonourLevel } from '../../server/domain'
import { fetchAreas, fetchCountedUnits, fetchCoverage, fetchSchemes } from '../api/client'
import type { AreaFeature, CoverageReport, Scheme } from '../api/responses'
import { areaLabelsOf, drawableAreas, type AreaLabel } from '../data/area-geometry'
import { unitsOfColumns, type UnitPoint } from '../data/units'
import { loadLabelFont } from './label-font'

export interface PlaceData {
  scheme: Scheme
  place: AreaFeature // the prefecture the map frames
  areas: AreaFeature[] // its counties
  labels: AreaLabel[]
}

export interface CoverageData {
  coverage: CoverageReport
  units: UnitPoint[]
}

export async function loadPlace(): Promise<PlaceData> {
  const [{ schemes }, prefectures] = await Promise.all([fetchSchemes(), fetchAreas({ level: 'prefecture' })])
  const scheme = schemes.find((s) => s.isDefault) ?? schemes[0]
  if (!scheme) throw new Error('没有创建方案 (the store has no scheme)')
  // The demo holds one prefecture; choosing among several belongs to the page's URL state, later.
  const place = drawableAreas(prefectures)[0]
  if (!place) throw new Error('没有地级行政区边界 (the store has no prefecture with a boundary)')
  const areas = drawableAreas(await fetchAreas({ level: 'county', parent: place.properties.code }))
  const labels = areaLabelsOf(areas)
  await loadLabelFont(labels.map((l) => l.name).join(''))
  return { scheme, place, areas, labels }
}

export async function loadCoverage(place: PlaceData, minLevel: HonourLevel, year: number): Promise<CoverageData> {
  const scheme = place.scheme.id
  const code = place.place.properties.code
  const [coverage, units] = await Promise.all([
    fetchCoverage({ level: 'county', parent: code, scheme, minLevel, year }),
    fetchCountedUnits({ area: code, scheme, minLevel, year }),
  ])
  return { coverage, units: unitsOfColumns(units).points }
}
