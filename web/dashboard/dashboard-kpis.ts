// The headline figures for the framed area, from its children's coverage (already category-filtered), or
// from its own coverage when it has no children (a township). Pure.
import { HONOUR_LEVELS, type HonourLevel } from '../../server/shared/domain'
import type { CoverageArea, CoverageReport } from '../api/responses'
import { emptyByLevelCounts } from './level-counts'

export interface DashboardKpis {
  byLevel: Record<HonourLevel, number>
  total: number
  categoriesCovered: number // categories (of the scheme, or of the category filter) with a counted unit
  categoriesInScheme: number
  childAreas: number
  childAreasCovered: number
  childCoverage: number | null // 0..1; null without children
  per10kPeople: number | null // null when no population figure is known
  targetsMet: number
  targets: number
  targetProgress: number | null // mean progress of the targets, 0..1; null without targets
  expiring: number // named units whose naming lapses within 12 months
  sample: boolean
  excluded: string[] // names of the child areas without a ledger (暂无数据): left out of every figure and rank
}

/** The areas the figures sum over: the children, or the area itself when it has none. */
export function kpiBasis(children: CoverageReport, self: CoverageArea | null): CoverageArea[] {
  return children.areas.length > 0 ? children.areas : self ? [self] : []
}

export function dashboardKpis(children: CoverageReport, self: CoverageArea | null, categories: readonly string[] | null): DashboardKpis {
  const all = kpiBasis(children, self)
  const basis = all.filter((a) => !a.noData)
  const byLevel = emptyByLevelCounts()
  const seen = new Set<string>()
  let total = 0
  let population = 0
  let populationKnown = false
  let expiring = 0
  for (const area of basis) {
    for (const level of HONOUR_LEVELS) byLevel[level] += area.byLevel[level]
    for (const [category, count] of Object.entries(area.byCategory)) if (count > 0) seen.add(category)
    total += area.total
    expiring += area.expiringCount
    if (area.population !== null) {
      population += area.population
      populationKnown = true
    }
  }
  const inScope = categories ?? children.scheme.categories
  const leaf = children.areas.length === 0
  const childAreas = leaf ? (self?.childAreas ?? 0) : basis.length
  const childAreasCovered = leaf ? (self?.childAreasCovered ?? 0) : basis.filter((a) => a.total > 0).length
  const targets = self?.targets ?? []
  return {
    byLevel,
    total,
    categoriesCovered: inScope.filter((c) => seen.has(c)).length,
    categoriesInScheme: inScope.length,
    childAreas,
    childAreasCovered,
    childCoverage: childAreas > 0 ? childAreasCovered / childAreas : null,
    per10kPeople: populationKnown && population > 0 ? Math.round((total / population) * 10_000 * 100) / 100 : null,
    targetsMet: targets.filter((t) => t.met).length,
    targets: targets.length,
    targetProgress: targets.length > 0 ? targets.reduce((s, t) => s + t.progress, 0) / targets.length : null,
    expiring,
    sample: children.sample || (self?.sample ?? false),
    excluded: all.filter((a) => a.noData).map((a) => a.name),
  }
}
