// What the dashboard shows, loaded from the API: the framed area with its children (per drill-down step,
// web/map/area-frame.ts), the coverage and units (per filter), and the growth series (per filter, all years in
// one answer).
import { fetchCoverage, fetchCoverageSeries, fetchSchemes, fetchUnitColumnsWhere } from '../api/client'
import type { CoverageArea, CoverageReport, Scheme } from '../api/responses'
import { showsUnitPoints } from '../data/unit-aggregation'
import { unitsOfColumns, type UnitPoint, type UnitSummary } from '../data/units'
import { placeList, type MapFrame, type TrailStep } from '../map/area-frame'
import { coverageQueryOf, filterUnits, unitsQueryOf, type DashboardFilters } from './filters'
import type { GrowthPoint } from './chart-data'

export async function loadSchemes(): Promise<readonly Scheme[]> {
  const { schemes } = await fetchSchemes()
  if (schemes.length === 0) throw new Error('没有创建方案 (the store has no scheme)')
  return schemes
}

export interface Figures {
  code: string // the framed area these figures are for
  children: CoverageReport // the children's coverage, as the filters count it
  self: CoverageArea | null // the framed area's own coverage (targets, expiring)
  units: readonly UnitSummary[] // every unit the filters select, located or not (redacted ones have no location); none above a prefecture
  points: readonly UnitPoint[] // those with a location, for the map; none above a prefecture (showsUnitPoints)
}

/** What the server counts for a frame under `filters`, categories included. */
export async function loadFigures(frame: MapFrame, f: DashboardFilters): Promise<Figures> {
  const code = frame.area.properties.code
  const [childReport, selfReport, columns] = await Promise.all([
    frame.childLevel ? fetchCoverage(coverageQueryOf(frame.childLevel, code, f)) : null,
    fetchCoverage(coverageQueryOf(frame.level, frame.area.properties.parent, f)),
    showsUnitPoints(frame.level) ? fetchUnitColumnsWhere(unitsQueryOf(code, f)) : null,
  ])
  const { units, points } = columns ? unitsOfColumns(columns) : { units: [], points: [] }
  return {
    code,
    children: childReport ?? { ...selfReport, areas: [] },
    self: selfReport.areas.find((a) => a.code === code) ?? null,
    units: filterUnits(units, f.categories),
    points: filterUnits(points, f.categories),
  }
}

/** The framed area's counted units at the end of each year from `from` to `to`: one request. */
export async function loadGrowth(frame: MapFrame, f: DashboardFilters, from: number, to: number): Promise<GrowthPoint[]> {
  const code = frame.area.properties.code
  const { year: _year, ...query } = coverageQueryOf(frame.level, frame.area.properties.parent, f)
  const { series } = await fetchCoverageSeries(query, from, to)
  return series.map((point) => ({ year: point.year, total: point.areas.find((a) => a.code === code)?.total ?? 0 }))
}

/** Every county and township name and code, for the area search (loaded on first use). */
export async function loadSearchEntries(): Promise<TrailStep[]> {
  const lists = await Promise.all((['prefecture', 'county', 'township'] as const).map((level) => placeList(level, null).catch(() => [])))
  return lists.flat().map((a) => ({ code: a.properties.code, name: a.properties.name, level: a.properties.level }))
}
