// What one export page (a "sheet") shows, loaded from the API: the framed area, the areas coloured
// around it, their coverage and units, the corridors when the view shows them, and the prefecture for
// the locator map. The view's filters become the same coverage query the dashboard sends (filters.ts), so
// the paper counts what the screen counts. Fetches are cached for the page's life (area lists by area-frame.ts,
// which the dashboard and the planner load through too), so an atlas of eleven sheets asks for the prefecture
// and the scheme once.
import { fetchCorridors, fetchCountedUnits, fetchCoverage, fetchExportSettings, fetchSchemes, type CorridorItem, type CountedUnitsQuery } from '../api/client'
import type { AreaFeature, CoverageArea, CoverageReport, Scheme } from '../api/responses'
import { filtersOf, filterUnits } from '../dashboard/filters'
import { areaLabelsOf, type AreaLabel } from '../data/area-geometry'
import { areaList } from '../map/area-frame'
import { showsUnitPoints } from '../data/unit-aggregation'
import { unitsOfColumns, type UnitPoint, type UnitSummary } from '../data/units'
import type { ViewState } from '../../server/shared/view-state'
import type { UnitStatus } from '../../server/shared/domain'
import type { MapReviewSettings } from '../../server/shared/map-review'
import { loadLabelFont } from '../map/label-font'
import { childLevelOf, isWithin, levelOfCode, parentCodeOf } from '../../server/shared/area-codes'

export interface SheetData {
  scheme: Scheme
  year: number
  frame: AreaFeature // the area the sheet is about; the map frames it
  areas: AreaFeature[] // coloured by the measure: the frame's children, or its siblings when it has none
  areasAreChildren: boolean
  labels: AreaLabel[]
  categories: readonly string[] | null // the view's category filter; null: every category of the scheme
  statuses: readonly UnitStatus[] // the statuses counted (the view's status filter; 命名, 复查 by default)
  coverage: CoverageReport // of `areas`, counting only `categories`
  figures: CoverageArea[] // the rows the sheet's figures sum: the children, or the frame's own row
  units: readonly UnitPoint[] // counted units inside the frame, of `categories`, with a location
  counted: readonly UnitSummary[] // the same, located or not: redacted units (sensitive categories, not signed in) have no location
  corridors: CorridorItem[] | null // the corridors with a stop in the frame; null: the corridor overlay is off
  prefecture: AreaFeature | null // for the locator map
  prefectureCounties: AreaFeature[]
  mapReview: MapReviewSettings // the server's 审图号 and unreviewed marking, for the footer (map-review.ts)
}

const cache = new Map<string, Promise<unknown>>()
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let hit = cache.get(key) as Promise<T> | undefined
  if (!hit) {
    hit = load()
    cache.set(key, hit)
    hit.catch(() => cache.delete(key))
  }
  return hit
}

/** Counted units in `query.area` (all categories), located or not, and those located. */
const countedUnitsOf = (query: CountedUnitsQuery) =>
  cached(`units:${JSON.stringify(query)}`, async () => unitsOfColumns(await fetchCountedUnits(query)))

const corridorsOf = (code: string) => cached(`corridors:${code}`, async () => (await fetchCorridors(code)).corridors)

/** The code the view frames: its own, or the store's first prefecture with a boundary. */
export async function frameCodeOf(view: ViewState): Promise<string> {
  if (view.area !== null) return view.area
  const first = (await areaList('prefecture', null))[0]
  if (!first) throw new Error('没有地级行政区边界 (the store has no prefecture with a boundary)')
  return first.properties.code
}

/** The codes of an atlas's sheets: every area of `level` inside the view's area, by code. */
export async function atlasSheetCodes(view: ViewState, level: 'county' | 'township'): Promise<string[]> {
  const within = await frameCodeOf(view)
  // Direct children come by parent; deeper ones (every township of a prefecture) by code prefix.
  const areas = await areaList(level, childLevelOf(levelOfCode(within)) === level ? within : null)
  const codes = areas.map((a) => a.properties.code).filter((code) => code !== within && isWithin(code, within))
  if (codes.length === 0) throw new Error(`${within} 内没有${level === 'county' ? '县级' : '乡镇级'}行政区 (no ${level} areas inside ${within} to make an atlas of)`)
  return codes.sort()
}

export async function loadSheet(view: ViewState, code: string, thisYear: number): Promise<SheetData> {
  const level = levelOfCode(code)
  const parent = parentCodeOf(code)
  const [{ schemes }, peers, { mapReview }] = await Promise.all([
    cached('schemes', fetchSchemes),
    areaList(level, level === 'province' ? null : parent),
    cached('export-settings', fetchExportSettings),
  ])
  const scheme = (view.scheme ? schemes.find((s) => s.id === view.scheme) : schemes.find((s) => s.isDefault)) ?? schemes[0]
  if (!scheme) throw new Error(view.scheme ? `没有方案 ${view.scheme} (no scheme "${view.scheme}" in the store)` : '没有创建方案 (the store has no scheme)')
  const frame = peers.find((a) => a.properties.code === code)
  if (!frame) throw new Error(`没有行政区 ${code} 的边界 (area ${code} is not in the store, or has no boundary)`)

  const childLevel = childLevelOf(level)
  const children = childLevel ? await areaList(childLevel, code) : []
  const areasAreChildren = children.length > 0
  const areas = areasAreChildren ? children : peers
  const areasLevel = areasAreChildren ? (childLevel as string) : level
  const areasParent = areasAreChildren ? code : parent
  const year = view.year ?? thisYear
  const { categories, statuses } = filtersOf(view, { scheme: scheme.id, year })
  const query = { scheme: scheme.id, minLevel: view.minLevel, year, statuses }
  const prefectureCode = level === 'prefecture' ? code : showsUnitPoints(level) ? prefectureCodeOf(code) : null
  const coverageQuery = { level: areasLevel, ...(areasParent ? { parent: areasParent } : {}), ...query, categories }
  const [coverage, inFrame, corridors, prefectures, prefectureCounties] = await Promise.all([
    cached(`coverage:${JSON.stringify(coverageQuery)}`, () => fetchCoverage(coverageQuery)),
    // Above a prefecture the sheet prints per-area counts only, as the dashboard shows them (unit-aggregation.ts).
    showsUnitPoints(level) ? countedUnitsOf({ area: code, ...query }) : Promise.resolve({ units: [], points: [] }),
    view.overlays?.includes('corridors') ? corridorsOf(code) : Promise.resolve(null),
    prefectureCode ? areaList('prefecture', null) : Promise.resolve([]),
    prefectureCode ? areaList('county', prefectureCode) : Promise.resolve([]),
  ])
  const labels = areaLabelsOf(areas)
  await loadLabelFont(labels.map((l) => l.name).join('') + frame.properties.name)
  return {
    scheme,
    year,
    frame,
    areas,
    areasAreChildren,
    labels,
    categories,
    statuses,
    coverage,
    figures: areasAreChildren ? coverage.areas : coverage.areas.filter((a) => a.code === code),
    units: filterUnits(inFrame.points, categories),
    counted: filterUnits(inFrame.units, categories),
    corridors,
    prefecture: prefectures.find((p) => p.properties.code === prefectureCode) ?? null,
    prefectureCounties,
    mapReview,
  }
}

function prefectureCodeOf(code: string): string {
  return `${code.slice(0, 4)}00`
}
