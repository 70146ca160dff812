// The headline figures for the framed area, summed from its child areas' coverage.
import { HONOUR_LEVELS, type HonourLevel } from '../../server/shared/domain'
import type { CoverageReport } from '../api/responses'

export interface Kpis {
  byLevel: Record<HonourLevel, number>
  total: number
  areasCovered: number // child areas with at least one counted unit
  areas: number // child areas with a ledger (noData areas are not counted)
  categoriesCovered: number // scheme categories with a counted unit somewhere in the area
  categoriesInScheme: number
}

export function kpisOf(report: CoverageReport): Kpis {
  const areas = report.areas.filter((a) => !a.noData)
  const byLevel = Object.fromEntries(HONOUR_LEVELS.map((l) => [l, 0])) as Record<HonourLevel, number>
  const categoriesSeen = new Set<string>()
  let total = 0
  let areasCovered = 0
  for (const area of areas) {
    for (const level of HONOUR_LEVELS) byLevel[level] += area.byLevel[level]
    for (const [category, count] of Object.entries(area.byCategory)) if (count > 0) categoriesSeen.add(category)
    total += area.total
    if (area.total > 0) areasCovered++
  }
  const categories = report.scheme.categories
  return {
    byLevel,
    total,
    areasCovered,
    areas: areas.length,
    categoriesCovered: categories.filter((c) => categoriesSeen.has(c)).length,
    categoriesInScheme: categories.length,
  }
}
