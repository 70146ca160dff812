// The dashboard's filters: read from the view state, turned into API queries, and applied on the client
// where the API has no parameter for them (several categories at once). Pure.
import { NAMED_STATUSES, type HonourLevel, type UnitStatus } from '../../server/domain'
import type { CoverageWhere, UnitsWhere } from '../api/client'
import type { CoverageArea, CoverageReport, UnitProperties } from '../api/responses'
import { emptyByLevelCounts } from './level-counts'
import { childCodeWithin } from './area-tree'
import type { ViewState } from '../data/view-state'

export interface DashboardFilters {
  scheme: string // a scheme id
  categories: readonly string[] | null // null: every category of the scheme
  minLevel: HonourLevel
  statuses: readonly UnitStatus[] // the statuses counted
  year: number // as of the end of this year
}

/** The filters a view asks for; `scheme` and `year` fall back to the store's default scheme and this year. */
export function filtersOf(view: ViewState, defaults: { scheme: string; year: number }): DashboardFilters {
  return {
    scheme: view.scheme ?? defaults.scheme,
    categories: view.categories && view.categories.length > 0 ? view.categories : null,
    minLevel: view.minLevel,
    statuses: view.status && view.status.length > 0 ? view.status : NAMED_STATUSES,
    year: view.year ?? defaults.year,
  }
}

/** GET /api/units parameters for the units of `area` under `filters` (categories are applied after). */
export function unitsQueryOf(area: string, f: DashboardFilters): UnitsWhere {
  return { area, scheme: f.scheme, minLevel: f.minLevel, year: String(f.year), status: f.statuses.join(',') }
}

/** GET /api/coverage parameters for the areas of `level` under `parent` (all of the level when parent is null). */
export function coverageQueryOf(level: string, parent: string | null, f: DashboardFilters, year = f.year): CoverageWhere {
  return {
    level,
    ...(parent === null ? {} : { parent }),
    scheme: f.scheme,
    minLevel: f.minLevel,
    year: String(year),
    status: f.statuses.join(','),
  }
}

/** The units of the chosen categories; the same array when no category filter is set. */
export function filterUnits<U extends Pick<UnitProperties, 'category'>>(units: readonly U[], categories: readonly string[] | null): readonly U[] {
  if (categories === null) return units
  const chosen = new Set(categories)
  return units.filter((u) => chosen.has(u.category))
}

/**
 * An area's coverage counting only `categories`: totals, levels, rates and completeness are recomputed from
 * byCategoryLevel. Child areas covered need the units: `childCovered` is the count the caller worked out
 * (see childAreasCoveredBy); expiring units are kept when their category is chosen, targets also when they
 * name no category.
 */
export function areaForCategories(area: CoverageArea, categories: readonly string[], childCovered: number): CoverageArea {
  const chosen = new Set(categories)
  const byLevel = emptyByLevelCounts()
  const byCategory: Record<string, number> = {}
  const byCategoryLevel: CoverageArea['byCategoryLevel'] = {}
  for (const category of categories) {
    const levels = area.byCategoryLevel[category] ?? emptyByLevelCounts()
    byCategoryLevel[category] = { ...levels }
    byCategory[category] = area.byCategory[category] ?? 0
    for (const level of Object.keys(byLevel) as HonourLevel[]) byLevel[level] += levels[level]
  }
  const total = Object.values(byCategory).reduce((a, b) => a + b, 0)
  const missingCategories = categories.filter((c) => (byCategory[c] ?? 0) === 0)
  const expiring = area.expiring.filter((e) => chosen.has(e.category))
  return {
    ...area,
    total,
    byLevel,
    byCategory,
    byCategoryLevel,
    categoriesCovered: categories.length - missingCategories.length,
    categoriesInScheme: categories.length,
    missingCategories,
    childAreasCovered: childCovered,
    per10kPeople: rate(total, area.population, 10_000),
    per100km2: rate(total, area.areaKm2, 100),
    targets: area.targets.filter((t) => t.category === null || chosen.has(t.category)),
    expiring,
    expiringCount: expiring.length,
  }
}

/** As the server's ratePer: count per `per` of the base, to 3 decimals; null without a base. */
function rate(count: number, base: number | null, per: number): number | null {
  if (base === null || base <= 0) return null
  return Math.round((count / base) * per * 1000) / 1000
}

/**
 * For each area code: how many of its children (by code digits) hold one of `units`. Units share few
 * distinct area codes (townships, villages), so each distinct code is placed once.
 */
export function childAreasCoveredBy(units: readonly Pick<UnitProperties, 'areaCode'>[], areaCodes: readonly string[]): Map<string, number> {
  const unitAreas = new Set<string>()
  for (const unit of units) if (unit.areaCode !== null) unitAreas.add(unit.areaCode)
  const covered = new Map<string, Set<string>>(areaCodes.map((c) => [c, new Set()]))
  for (const unitArea of unitAreas) {
    for (const [code, children] of covered) {
      const child = childCodeWithin(unitArea, code)
      if (child !== null) children.add(child)
    }
  }
  return new Map([...covered].map(([code, children]) => [code, children.size]))
}

/** The report as it reads with only `categories` counted; unchanged (same object) without a category filter. */
export function reportForCategories(report: CoverageReport, categories: readonly string[] | null, units: readonly Pick<UnitProperties, 'category' | 'areaCode'>[]): CoverageReport {
  if (categories === null) return report
  const covered = childAreasCoveredBy(filterUnits(units, categories), report.areas.map((a) => a.code))
  return { ...report, areas: report.areas.map((a) => areaForCategories(a, categories, covered.get(a.code) ?? 0)) }
}

/** The categories after toggling `category`: all chosen again collapses to null (no filter). */
export function toggleCategory(current: readonly string[] | null, category: string, all: readonly string[]): string[] | null {
  const base = current ?? all
  const next = base.includes(category) ? base.filter((c) => c !== category) : all.filter((c) => c === category || base.includes(c))
  if (next.length === 0 || next.length === all.length) return null
  return next
}

export interface AreaSearchEntry {
  code: string
  name: string
  level: string
}

/** Areas whose name contains `text` or whose code starts with it; exact and shorter names first; at most `limit`. */
export function searchAreas(entries: readonly AreaSearchEntry[], text: string, limit = 8): AreaSearchEntry[] {
  const q = text.trim()
  if (q === '') return []
  const isCode = /^\d+$/.test(q)
  const hits = entries.filter((e) => (isCode ? e.code.startsWith(q) : e.name.includes(q)))
  const score = (e: AreaSearchEntry) => (e.name === q || e.code === q ? 0 : e.name.startsWith(q) ? 1 : 2)
  return hits.sort((a, b) => score(a) - score(b) || a.name.length - b.name.length || a.code.localeCompare(b.code)).slice(0, limit)
}
