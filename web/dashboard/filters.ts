// The dashboard's filters: read from the view state and turned into API queries; the one filter applied on the
// client is the category filter on the unit points already loaded (coverage is always counted by the server). Pure.
import { NAMED_STATUSES, type HonourLevel, type UnitStatus } from '../../server/shared/domain'
import type { CoverageQuery, UnitsWhere } from '../api/client'
import type { UnitProperties } from '../api/responses'
import type { ViewState } from '../../server/shared/view-state'

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

/** The coverage of the areas of `level` under `parent` (all of the level when parent is null), as `f` counts it. */
export function coverageQueryOf(level: string, parent: string | null, f: DashboardFilters): CoverageQuery {
  return {
    level,
    ...(parent === null ? {} : { parent }),
    scheme: f.scheme,
    minLevel: f.minLevel,
    year: f.year,
    statuses: f.statuses,
    categories: f.categories,
  }
}

/** The units of the chosen categories; the same array when no category filter is set. */
export function filterUnits<U extends Pick<UnitProperties, 'category'>>(units: readonly U[], categories: readonly string[] | null): readonly U[] {
  if (categories === null) return units
  const chosen = new Set(categories)
  return units.filter((u) => chosen.has(u.category))
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
