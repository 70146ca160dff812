// Units as the map draws them: with a position, higher levels last so their bigger dots sit on top.
import { HONOUR_LEVELS, type HonourLevel } from '../../server/shared/domain'
import { unitRowsOf, type UnitColumnRow, type UnitColumns } from '../../server/shared/unit-columns'
import type { UnitProperties } from '../api/responses'

/** What the map, legend, tooltip and filters need of a unit (what a columns answer keeps); the detail panel loads the rest by id. */
export type UnitSummary = Omit<UnitColumnRow, 'position'>

export type UnitPoint = UnitSummary & { position: [number, number] }

export interface CategoryCount {
  category: string
  count: number
}

/** 县级 0 … 国家级 3; a unit not yet named ranks below all. */
export function levelRank(level: HonourLevel | null): number {
  return level === null ? -1 : HONOUR_LEVELS.indexOf(level)
}

/**
 * The units of a columns answer (located or not), and those with a location, ordered by level (stable
 * within a level) so higher levels are drawn last, on top.
 */
export function unitsOfColumns(columns: UnitColumns): { units: UnitSummary[]; points: UnitPoint[] } {
  const units = unitRowsOf(columns)
  const points = units.filter((u): u is typeof u & UnitPoint => u.position !== null)
  return { units, points: points.sort((a, b) => levelRank(a.level) - levelRank(b.level)) }
}

/** How many of `units` (located or not, e.g. redacted for anonymous viewers) fall in each of the scheme's categories, in scheme order. */
export function countsByCategory(units: readonly Pick<UnitProperties, 'category'>[], categories: readonly string[]): CategoryCount[] {
  const counts = new Map(categories.map((c) => [c, 0]))
  for (const unit of units) {
    const count = counts.get(unit.category)
    if (count !== undefined) counts.set(unit.category, count + 1)
  }
  return [...counts].map(([category, count]) => ({ category, count }))
}
