// The legend's category rows: how many units of each category the sheet counts, and how many of them it
// cannot draw. A caller not signed in gets units of sensitive categories (宗教活动场所 by default) counted but
// without a location (server/geo/unit-query.ts), so a row of dots alone would read "0" beside KPIs that
// count them. Pure.
import type { ViewLanguage } from '../../server/shared/view-state'
import type { UnitSummary } from '../data/units'
import { exportWord } from './export-words'

export interface CategoryLegendRow {
  category: string
  count: number // counted units of the category, located or not: what the KPIs and /api/coverage count
  drawn: number // of those, the ones with a dot on the map
  withheld: number // of those, the ones whose location is not shown to this caller (redacted)
}

/** One row per category, in the order given; units of other categories are not counted. */
export function categoryLegendRows(
  counted: readonly Pick<UnitSummary, 'category' | 'redacted'>[],
  drawn: readonly Pick<UnitSummary, 'category'>[],
  categories: readonly string[],
): CategoryLegendRow[] {
  const rows = new Map(categories.map((category) => [category, { category, count: 0, drawn: 0, withheld: 0 }]))
  for (const unit of counted) {
    const row = rows.get(unit.category)
    if (!row) continue
    row.count++
    if (unit.redacted) row.withheld++
  }
  for (const unit of drawn) {
    const row = rows.get(unit.category)
    if (row) row.drawn++
  }
  return [...rows.values()]
}

/** What the counted-but-undrawn part of a row says, e.g. 「（位置不公开）」; '' when every unit is drawn. */
export function undrawnNote({ count, drawn, withheld }: CategoryLegendRow, lang: ViewLanguage = 'zh'): string {
  if (withheld > 0 && withheld === count) return exportWord(lang, 'allWithheld')
  const unlocated = count - drawn - withheld
  const parts = [
    ...(withheld > 0 ? [exportWord(lang, 'someWithheld', { count: withheld })] : []),
    ...(unlocated > 0 ? [exportWord(lang, 'unlocated', { count: unlocated })] : []),
  ]
  return parts.length > 0 ? exportWord(lang, 'ofWhich', { parts: parts.join(exportWord(lang, 'partSeparator')) }) : ''
}

/** The row as text, e.g. 「宗教活动场所 25（位置不公开）」 or 「学校 12」. */
export function categoryLegendLabel(row: CategoryLegendRow, lang: ViewLanguage = 'zh'): string {
  return `${row.category} ${row.count}${undrawnNote(row, lang)}`
}
