// What the dashboard shows, loaded from the API: the framed area with its children (per drill-down step),
// the coverage and units (per filter), and the growth series (per filter, all years). Area lists are
// cached for the page's life, so going back up the breadcrumb is instant.
import type { AreaLevel } from '../../server/domain'
import { fetchAreas, fetchCoverageWhere, fetchSchemes, fetchUnitColumnsWhere } from '../api/client'
import type { AreaFeature, CoverageArea, CoverageReport, Scheme } from '../api/responses'
import { areaLabelsOf, drawableAreas, type AreaLabel } from '../data/area-geometry'
import { unitsOfColumns, type UnitPoint, type UnitSummary } from '../data/units'
import { loadLabelFont } from '../map/label-font'
import { areaLevelOfCode, childLevelOf, parentCodeOf } from './area-tree'
import { coverageQueryOf, filterUnits, reportForCategories, unitsQueryOf, type DashboardFilters } from './filters'
import type { GrowthPoint } from './chart-data'

export interface TrailStep {
  code: string
  name: string
  level: AreaLevel
}

export interface Frame {
  area: AreaFeature // the area the map frames
  level: AreaLevel
  childLevel: AreaLevel | null
  children: AreaFeature[] // drawable children; empty at the bottom of the hierarchy
  labels: AreaLabel[]
  trail: TrailStep[] // from the topmost drawable ancestor down to the area itself
}

const areaLists = new Map<string, Promise<AreaFeature[]>>()

function areaList(level: AreaLevel, parent: string | null): Promise<AreaFeature[]> {
  const key = `${level}/${parent ?? '*'}`
  let list = areaLists.get(key)
  if (!list) {
    list = fetchAreas(parent === null ? { level } : { level, parent }).then(drawableAreas)
    list.catch(() => areaLists.delete(key)) // a failed load is retried next time
    areaLists.set(key, list)
  }
  return list
}

async function areaByCode(code: string): Promise<AreaFeature> {
  const level = areaLevelOfCode(code)
  const parent = parentCodeOf(code)
  let found: AreaFeature | undefined
  try {
    found = (await areaList(level, parent)).find((a) => a.properties.code === code)
  } catch {
    // The parent the digits suggest is not in the store (a remapped code): look through the whole level.
  }
  found ??= (await areaList(level, null)).find((a) => a.properties.code === code)
  if (!found) throw new Error(`行政区 ${code} 不在数据中或没有边界 (area ${code} is not in the store or has no boundary)`)
  return found
}

export async function loadSchemes(): Promise<readonly Scheme[]> {
  const { schemes } = await fetchSchemes()
  if (schemes.length === 0) throw new Error('没有创建方案 (the store has no scheme)')
  return schemes
}

/** The area `code` (null: the store's first prefecture) with its children and its breadcrumb trail. */
export async function loadFrame(code: string | null): Promise<Frame> {
  let area: AreaFeature
  if (code === null) {
    const first = (await areaList('prefecture', null))[0]
    if (!first) throw new Error('没有地级行政区边界 (the store has no prefecture with a boundary)')
    area = first
  } else {
    area = await areaByCode(code)
  }
  const level = area.properties.level
  const childLevel = childLevelOf(level)
  const children = childLevel ? await areaList(childLevel, area.properties.code).catch(() => []) : []
  const trail: TrailStep[] = [{ code: area.properties.code, name: area.properties.name, level }]
  for (let parent = area.properties.parent, depth = 0; parent !== null && depth < 4; depth++) {
    const up = await areaByCode(parent).catch(() => null)
    if (!up) break
    trail.unshift({ code: up.properties.code, name: up.properties.name, level: up.properties.level })
    parent = up.properties.parent
  }
  const labels = areaLabelsOf(children.length > 0 ? children : [area])
  await loadLabelFont(labels.map((l) => l.name).join(''))
  return { area, level, childLevel, children, labels, trail }
}

export interface Figures {
  children: CoverageReport // the children's coverage, category filter applied
  self: CoverageArea | null // the framed area's own coverage (targets, expiring), category filter applied
  units: readonly UnitSummary[] // every unit the filters select, located or not (redacted ones have no location)
  points: readonly UnitPoint[] // those with a location, for the map
}

/** What the server answers for a frame and the filters it knows; the category filter is applied after. */
export interface RawFigures {
  code: string
  childReport: CoverageReport
  selfReport: CoverageReport
  units: UnitSummary[]
  points: UnitPoint[]
}

/** Coverage and units of the frame under `filters`, all categories (see figuresForCategories). */
export async function loadRawFigures(frame: Frame, f: DashboardFilters): Promise<RawFigures> {
  const code = frame.area.properties.code
  const [childReport, selfReport, columns] = await Promise.all([
    frame.childLevel ? fetchCoverageWhere(coverageQueryOf(frame.childLevel, code, f)) : null,
    fetchCoverageWhere(coverageQueryOf(frame.level, frame.area.properties.parent, f)),
    fetchUnitColumnsWhere(unitsQueryOf(code, f)),
  ])
  return { code, childReport: childReport ?? { ...selfReport, areas: [] }, selfReport, ...unitsOfColumns(columns) }
}

/** The figures with only `categories` counted (null: all): on the client, so a category change needs no request. */
export function figuresForCategories(raw: RawFigures, categories: readonly string[] | null): Figures {
  const children = reportForCategories(raw.childReport, categories, raw.units)
  const self = reportForCategories(raw.selfReport, categories, raw.units).areas.find((a) => a.code === raw.code) ?? null
  return { children, self, units: filterUnits(raw.units, categories), points: filterUnits(raw.points, categories) }
}

export interface RawGrowthPoint {
  year: number
  total: number
  byCategory: Record<string, number>
}

/** The framed area's counted units at the end of each of `years` (all filters but categories applied). */
export async function loadGrowth(frame: Frame, f: DashboardFilters, years: readonly number[]): Promise<RawGrowthPoint[]> {
  const code = frame.area.properties.code
  return Promise.all(
    years.map(async (year) => {
      const report = await fetchCoverageWhere(coverageQueryOf(frame.level, frame.area.properties.parent, f, year))
      const area = report.areas.find((a) => a.code === code)
      return { year, total: area?.total ?? 0, byCategory: area?.byCategory ?? {} }
    }),
  )
}

/** The growth series counting only `categories` (null: all). */
export function growthForCategories(points: readonly RawGrowthPoint[], categories: readonly string[] | null): GrowthPoint[] {
  return points.map((p) => ({ year: p.year, total: categories === null ? p.total : categories.reduce((s, c) => s + (p.byCategory[c] ?? 0), 0) }))
}

/** Every county and township name and code, for the area search (loaded on first use). */
export async function loadSearchEntries(): Promise<TrailStep[]> {
  const lists = await Promise.all((['prefecture', 'county', 'township'] as const).map((level) => areaList(level, null).catch(() => [])))
  return lists.flat().map((a) => ({ code: a.properties.code, name: a.properties.name, level: a.properties.level }))
}
