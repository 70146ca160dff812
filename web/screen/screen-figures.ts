// What the screen's panels show, derived from the polled answers. Pure functions, one per panel.
import type { CoverageArea, CoverageReport } from '../api/responses'
import type { UnitPoint } from '../data/units'

/** Categories a public screen counts but never draws or names (aggregateSensitive). */
export const SENSITIVE_CATEGORIES: readonly string[] = ['宗教活动场所']

export function isSensitive(category: string): boolean {
  return SENSITIVE_CATEGORIES.includes(category)
}

/** The units a screen may draw and name: all, or with sensitive categories left out. */
export function visibleUnits(units: readonly UnitPoint[], aggregateSensitive: boolean): UnitPoint[] {
  return aggregateSensitive ? units.filter((u) => !isSensitive(u.category)) : [...units]
}

export interface YearTotal {
  year: number
  total: number
  areasCovered: number
}

/** One row per report (any order in), by year ascending. */
export function growthOf(reports: readonly { year: number; areas: readonly { total: number }[] }[]): YearTotal[] {
  return reports
    .map((r) => ({
      year: r.year,
      total: r.areas.reduce((sum, a) => sum + a.total, 0),
      areasCovered: r.areas.filter((a) => a.total > 0).length,
    }))
    .sort((a, b) => a.year - b.year)
}

export interface RankRow {
  code: string
  name: string
  value: number
}

/** Child areas by total, highest first; ties by code so the order never flickers between polls; areas without a ledger not at all. */
export function rankingOf(report: CoverageReport): RankRow[] {
  return report.areas
    .filter((a) => !a.noData)
    .map((a) => ({ code: a.code, name: a.name, value: a.total }))
    .sort((a, b) => b.value - a.value || a.code.localeCompare(b.code))
}

export interface CategoryShare {
  category: string
  count: number
  covered: boolean
}

/** The scheme's categories in scheme order, each with its count over all child areas. */
export function categorySharesOf(report: CoverageReport): CategoryShare[] {
  return report.scheme.categories.map((category) => {
    const count = report.areas.reduce((sum, a) => sum + (a.byCategory[category] ?? 0), 0)
    return { category, count, covered: count > 0 }
  })
}

export interface TargetRow {
  key: string
  label: string // e.g. 绥江县 · 市级及以上示范学校6所
  achieved: number
  count: number
  progress: number // 0..1
  dueYear: number
  met: boolean
  behind: boolean
}

/** Targets of the framed area first, then its child areas'; behind-schedule ones before the rest. */
export function targetRowsOf(place: CoverageArea | null, children: CoverageReport): TargetRow[] {
  const rows = (area: CoverageArea, prefix: boolean) =>
    area.targets.map((t) => ({
      key: `${area.code}-${t.id}`,
      label: `${prefix ? `${area.name} · ` : ''}${targetText(t)}`,
      achieved: t.achieved,
      count: t.count,
      progress: t.progress,
      dueYear: t.dueYear,
      met: t.met,
      behind: t.behind,
    }))
  const own = place ? rows(place, false) : []
  const theirs = children.areas.flatMap((a) => rows(a, true))
  return [...own, ...theirs.sort((a, b) => Number(b.behind) - Number(a.behind) || a.progress - b.progress)]
}

function targetText(t: CoverageArea['targets'][number]): string {
  const note = t.note.replace(/^示例目标[:：]/, '')
  if (note) return note
  return `${t.minLevel ? `${t.minLevel}及以上` : ''}${t.category ?? '示范单位'} ${t.count} 个`
}

export interface TickerItem {
  id: number
  text: string // e.g. 2025 · 绥江县 · 南岸镇中心学校 (学校 · 省级)
}

/**
 * The latest namings, newest year first (then newest id). With `aggregateSensitive` the sensitive
 * categories are left out: their names never reach a public screen.
 */
export function latestNamings(
  units: readonly UnitPoint[],
  areaName: (code: string | null) => string,
  { limit = 20, aggregateSensitive = true }: { limit?: number; aggregateSensitive?: boolean } = {},
): TickerItem[] {
  return visibleUnits(units, aggregateSensitive)
    .filter((u) => u.yearNamed !== null)
    .sort((a, b) => (b.yearNamed ?? 0) - (a.yearNamed ?? 0) || b.id - a.id)
    .slice(0, limit)
    .map((u) => ({ id: u.id, text: `${u.yearNamed} · ${areaName(u.areaCode)} · ${u.name}（${u.category} · ${u.level ?? '—'}）` }))
}

/** Counties by code prefix: a unit's area may be a township or village below the county. */
export function countyOfCode(code: string | null, countyCodes: readonly string[]): string | null {
  if (code === null) return null
  return countyCodes.find((c) => code.startsWith(c)) ?? null
}
