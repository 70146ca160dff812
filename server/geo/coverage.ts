// Coverage of areas by demonstration units: pure functions of (areas, units, scheme, filters).
import {
  NAMED_STATUSES,
  type Area,
  type AreaLevel,
  type HonourLevel,
  type Scheme,
  type Target,
  type Unit,
  type UnitStatus,
} from '../shared/domain'
import { DomainError } from '../domain-error'
import { redactedName, withholds, type Audience } from '../shared/audience'
import { expiresOn, isAtLeastLevel, ledgerAsOfYear, type LedgerState } from './unit-history'

export interface CoverageInput {
  areas: readonly Area[]
  units: readonly Unit[]
  schemes: readonly Scheme[]
  targets: readonly Target[]
  /** unit id → the area the join placed it in (see join.ts) */
  unitAreas: ReadonlyMap<number, string | null>
  /** area code → units in it or below it; computed from unitAreas when absent (see unitsByAncestor) */
  unitsInArea?: ReadonlyMap<string, readonly Unit[]>
}

export interface CoverageQuery {
  level: AreaLevel
  parent?: string // only areas whose parent is this code
  schemeId?: string // default: the scheme marked isDefault
  minLevel?: HonourLevel // 县级: lower honour levels count for nothing
  statuses?: readonly UnitStatus[] // NAMED_STATUSES: which statuses count
  year?: number // as of the end of this year; default: today's year
  categories?: readonly string[] // only these categories count, and completeness is out of them; default: the scheme's
  today: string // yyyy-mm-dd, the reference for expiry
  expiryWindowMonths?: number // 12
}

export interface TargetProgress {
  id: number
  category: string | null
  minLevel: HonourLevel | null
  count: number
  dueYear: number
  achieved: number
  progress: number // 0..1
  met: boolean
  behind: boolean // due by the reporting year and not met
  note: string
}

export interface ExpiringUnit {
  id: number
  name: string
  category: string
  level: HonourLevel
  expiresOn: string
}

export interface AreaCoverage {
  code: string
  name: string
  level: AreaLevel
  parent: string | null
  total: number
  byLevel: Record<HonourLevel, number>
  byCategory: Record<string, number>
  byCategoryLevel: Record<string, Record<HonourLevel, number>>
  categoriesCovered: number
  categoriesInScheme: number
  missingCategories: string[]
  childAreas: number
  childAreasCovered: number
  population: number | null
  per10kPeople: number | null
  areaKm2: number | null
  per100km2: number | null
  targets: TargetProgress[]
  expiring: ExpiringUnit[]
  expiringCount: number
  sample: boolean // some counted unit is 示例数据
  schematic: boolean // the area's geometry is 示意
  noData: boolean // 暂无数据: the store holds no ledger for the area's province (see noLedgerAreas); its 0s are not counts
}

export interface CoverageReport {
  scheme: { id: string; name: string; categories: string[] }
  minLevel: HonourLevel
  statuses: UnitStatus[]
  year: number
  today: string
  sample: boolean
  areas: AreaCoverage[]
}

export class UnknownSchemeError extends DomainError {
  constructor(readonly schemeId: string, readonly known: string[]) {
    super('invalid', `scheme: "${schemeId}" does not exist (expected one of: ${known.join(', ')})`)
  }
}

export function schemeById(schemes: readonly Scheme[], schemeId: string | undefined): Scheme {
  const scheme = schemeId === undefined ? (schemes.find((s) => s.isDefault) ?? schemes[0]) : schemes.find((s) => s.id === schemeId)
  if (!scheme) throw new UnknownSchemeError(schemeId ?? '(default)', schemes.map((s) => s.id))
  return scheme
}

/** Every area code mapped to the units placed in it or anywhere below it. */
export function unitsByAncestor(
  units: readonly Unit[],
  unitAreas: ReadonlyMap<number, string | null>,
  areasByCode: ReadonlyMap<string, Area>,
): Map<string, readonly Unit[]> {
  const result = new Map<string, Unit[]>()
  // One chain per area, not per unit: a million units lie in a few thousand areas.
  const chains = new Map<string | null, string[]>()
  for (const unit of units) {
    const placed = unitAreas.get(unit.id) ?? null
    let chain = chains.get(placed)
    if (!chain) chains.set(placed, (chain = ancestorChain(placed, areasByCode)))
    for (const code of chain) {
      const bucket = result.get(code)
      if (bucket) bucket.push(unit)
      else result.set(code, [unit])
    }
  }
  return result
}

/** `code` and the areas above it, nearest first, by the stored parents. */
export function ancestorChain(code: string | null, areasByCode: ReadonlyMap<string, Area>): string[] {
  const chain: string[] = []
  // A cycle in parent links would loop forever; the depth of the hierarchy bounds the walk.
  for (let depth = 0; code !== null && depth < 8; depth++) {
    chain.push(code)
    code = areasByCode.get(code)?.parent ?? null
  }
  return chain
}

export function emptyByLevel(): Record<HonourLevel, number> {
  return { 县级: 0, 市级: 0, 省级: 0, 国家级: 0 }
}

/** A report made for the same query before some units were written, and which of its areas those writes left alone. */
export interface EarlierReport {
  report: CoverageReport
  untouched: (code: string) => boolean
}

/**
 * Coverage of the areas `query` names. With `earlier`, the entries of areas the writes since left alone are
 * taken from it as they are (an area's entry depends only on the units in it or below), so that after an edit
 * a prefecture's report costs the one county the edit was in.
 */
export function coverageByArea(input: CoverageInput, query: CoverageQuery, earlier?: EarlierReport): CoverageReport {
  const scheme = schemeById(input.schemes, query.schemeId)
  const chosen = query.categories === undefined || query.categories.length === 0 ? null : new Set(query.categories)
  const categories = chosen === null ? scheme.categories : scheme.categories.filter((c) => chosen.has(c))
  const minLevel = query.minLevel ?? '县级'
  const statuses = [...(query.statuses ?? NAMED_STATUSES)]
  const countedStatuses = new Set(statuses)
  const year = query.year ?? Number(query.today.slice(0, 4))
  // Namings due for 复查 within the window from the as-of date: today, or the end of an earlier as-of year.
  const expiryFrom = year < Number(query.today.slice(0, 4)) ? `${year}-12-31` : query.today
  const expiryUntil = addMonths(expiryFrom, query.expiryWindowMonths ?? 12)

  // Each unit as its ledger stood at the end of `year` (status and level), worked out once per report.
  const states = new Map<number, LedgerState | null>()
  const stateOf = (unit: Unit) => {
    if (!states.has(unit.id)) states.set(unit.id, ledgerAsOfYear(unit, year))
    return states.get(unit.id) as LedgerState | null
  }
  // A target is met by what its own terms count, whatever categories the view has chosen.
  const countsForTarget = (unit: Unit, atLeast: HonourLevel) => {
    const state = stateOf(unit)
    return state !== null && countedStatuses.has(state.status) && isAtLeastLevel(state.level, atLeast)
  }
  const counts = (unit: Unit, atLeast: HonourLevel) => (chosen === null || chosen.has(unit.category)) && countsForTarget(unit, atLeast)

  const areasByCode = new Map(input.areas.map((a) => [a.code, a]))
  const byAncestor = input.unitsInArea ?? unitsByAncestor(input.units, input.unitAreas, areasByCode)
  const childCount = new Map<string, Area[]>()
  for (const area of input.areas) {
    if (area.parent === null) continue
    const siblings = childCount.get(area.parent)
    if (siblings) siblings.push(area)
    else childCount.set(area.parent, [area])
  }

  const noData = noLedgerAreas(input.areas, byAncestor, input.targets)
  const reported = input.areas.filter(
    (a) => a.level === query.level && (query.parent === undefined || a.parent === query.parent),
  )

  const earlierEntries = new Map(earlier?.report.areas.map((entry) => [entry.code, entry]))
  const areas = reported.map((area): AreaCoverage => {
    const kept = earlier?.untouched(area.code) ? earlierEntries.get(area.code) : undefined
    if (kept && kept.noData === noData.has(area.code)) return kept
    const inArea = byAncestor.get(area.code) ?? []
    const byLevel = emptyByLevel()
    const byCategory: Record<string, number> = Object.fromEntries(categories.map((c) => [c, 0]))
    const byCategoryLevel: Record<string, Record<HonourLevel, number>> = Object.fromEntries(
      categories.map((c) => [c, emptyByLevel()]),
    )
    // One pass over the area's units (a county's can be 10 000): counted, and due for 复查 in the window.
    let total = 0
    let sample = false
    const expiring: ExpiringUnit[] = []
    for (const unit of inArea) {
      if (chosen !== null && !chosen.has(unit.category)) continue
      // Not through stateOf: at 10 000 units its memo costs more than working the state out again.
      const state = ledgerAsOfYear(unit, year)
      if (state === null) continue
      if (countedStatuses.has(state.status) && isAtLeastLevel(state.level, minLevel)) {
        const level = state.level as HonourLevel // isAtLeastLevel: it has one
        total++
        sample ||= unit.sample
        byLevel[level]++
        byCategory[unit.category] = (byCategory[unit.category] ?? 0) + 1
        byCategoryLevel[unit.category] ??= emptyByLevel()
        byCategoryLevel[unit.category][level]++
      }
      const on = expiresOn(state)
      if (on !== null && on >= expiryFrom && on <= expiryUntil) {
        expiring.push({ id: unit.id, name: unit.name, category: unit.category, level: state.level as HonourLevel, expiresOn: on })
      }
    }
    expiring.sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.id - b.id)
    const missingCategories = categories.filter((c) => byCategory[c] === 0)
    const children = (childCount.get(area.code) ?? []).filter((child) => !noData.has(child.code))
    const childAreasCovered = children.filter((child) =>
      (byAncestor.get(child.code) ?? []).some((u) => counts(u, minLevel)),
    ).length

    const targets = input.targets
      .filter((t) => t.areaCode === area.code && (t.schemeId === null || t.schemeId === scheme.id))
      .filter((t) => chosen === null || t.category === null || chosen.has(t.category))
      .map((t): TargetProgress => {
        const achieved = inArea.filter(
          (u) => countsForTarget(u, t.minLevel ?? minLevel) && (t.category === null || u.category === t.category),
        ).length
        const met = achieved >= t.count
        return {
          id: t.id,
          category: t.category,
          minLevel: t.minLevel,
          count: t.count,
          dueYear: t.dueYear,
          achieved,
          progress: t.count === 0 ? 1 : Math.min(1, achieved / t.count),
          met,
          behind: !met && t.dueYear <= year,
          note: t.note,
        }
      })

    return {
      code: area.code,
      name: area.name,
      level: area.level,
      parent: area.parent,
      total,
      byLevel,
      byCategory,
      byCategoryLevel,
      categoriesCovered: categories.length - missingCategories.length,
      categoriesInScheme: categories.length,
      missingCategories,
      childAreas: children.length,
      childAreasCovered,
      population: area.population,
      per10kPeople: ratePer(total, area.population, 10_000),
      areaKm2: area.areaKm2,
      per100km2: ratePer(total, area.areaKm2, 100),
      targets,
      expiring,
      expiringCount: expiring.length,
      sample,
      schematic: area.schematic,
      noData: noData.has(area.code),
    }
  })

  return {
    scheme: { id: scheme.id, name: scheme.name, categories: [...scheme.categories] },
    minLevel,
    statuses,
    year,
    today: query.today,
    sample: input.units.some((u) => u.sample),
    areas,
  }
}

/**
 * The areas with no ledger in the store (暂无数据): a province-level area in which no unit of any status and no
 * target lies, and every area inside it. A mainland bureau's national atlas keeps no ledger for 台湾省, 香港 and
 * 澳门, and their coverage must read 暂无数据, not 0. A county with no unit in a province that has a ledger is a
 * true 0. Areas above the province level (the country) always have data. Such areas count as no child areas
 * of their parent (31 provinces, not 34), so shares and ranks are of the areas with a ledger.
 */
export function noLedgerAreas(areas: readonly Area[], unitsInArea: ReadonlyMap<string, readonly Unit[]>, targets: readonly Target[]): Set<string> {
  const byCode = new Map(areas.map((a) => [a.code, a]))
  const provinceOf = (code: string): string | null => ancestorChain(code, byCode).find((c) => byCode.get(c)?.level === 'province') ?? null
  const withTargets = new Set(targets.map((t) => provinceOf(t.areaCode)))
  const empty = new Set(
    areas.filter((a) => a.level === 'province' && (unitsInArea.get(a.code)?.length ?? 0) === 0 && !withTargets.has(a.code)).map((a) => a.code),
  )
  const result = new Set<string>()
  if (empty.size === 0) return result
  for (const area of areas) {
    const province = provinceOf(area.code)
    if (province !== null && empty.has(province)) result.add(area.code)
  }
  return result
}

/** The report as `audience` may see it: expiring units of withheld categories under the generic name. Pure. */
export function coverageForAudience(report: CoverageReport, audience: Audience): CoverageReport {
  if (audience.withheld.size === 0) return report
  const hidden = (e: ExpiringUnit) => withholds(audience, e.category)
  return {
    ...report,
    areas: report.areas.map((area) =>
      area.expiring.some(hidden) ? { ...area, expiring: area.expiring.map((e) => (hidden(e) ? { ...e, name: redactedName(e.category) } : e)) } : area,
    ),
  }
}

export interface CoverageSeriesPoint {
  year: number
  areas: Pick<AreaCoverage, 'code' | 'total' | 'byLevel' | 'byCategory'>[]
}

/** The counts of `query`'s areas at the end of each of `years`: one answer for a growth chart. */
export function coverageSeries(input: CoverageInput, query: Omit<CoverageQuery, 'year'>, years: readonly number[]): CoverageSeriesPoint[] {
  return years.map((year) => ({
    year,
    areas: coverageByArea(input, { ...query, year }).areas.map(({ code, total, byLevel, byCategory }) => ({ code, total, byLevel, byCategory })),
  }))
}

/** count per `per` of the base, to 3 decimals; null when the base is unknown or zero. */
export function ratePer(count: number, base: number | null, per: number): number | null {
  if (base === null || base <= 0) return null
  return Math.round((count / base) * per * 1000) / 1000
}

export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
