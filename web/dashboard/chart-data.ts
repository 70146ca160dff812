// The shapes the dashboard's charts draw, from the coverage the map shows. Pure; d3 stays in the charts.
import { HONOUR_LEVELS, type HonourLevel } from '../../server/shared/domain'
import type { CoverageArea } from '../api/responses'
import type { Measure } from '../data/measures'
import { emptyByLevelCounts } from './level-counts'

export interface CategoryStack {
  category: string
  byLevel: Record<HonourLevel, number>
  total: number
}

/** Units per category, split by honour level, summed over `areas`; in the order of `categories`. */
export function categoryLevelStacks(areas: readonly CoverageArea[], categories: readonly string[]): CategoryStack[] {
  return categories.map((category) => {
    const byLevel = emptyByLevelCounts()
    for (const area of areas) {
      const levels = area.byCategoryLevel[category]
      if (!levels) continue
      for (const level of HONOUR_LEVELS) byLevel[level] += levels[level]
    }
    return { category, byLevel, total: HONOUR_LEVELS.reduce((s, l) => s + byLevel[l], 0) }
  })
}

export interface StackSegment {
  category: string
  level: HonourLevel
  start: number // cumulative count before this segment
  end: number
}

/** Segments of each category's bar, lowest level first (县级 at the base). Empty segments are left out. */
export function stackSegments(stacks: readonly CategoryStack[], levels: readonly HonourLevel[] = HONOUR_LEVELS): StackSegment[] {
  return stacks.flatMap((stack) => {
    let start = 0
    return levels.flatMap((level) => {
      const n = stack.byLevel[level]
      if (n === 0) return []
      const segment = { category: stack.category, level, start, end: start + n }
      start += n
      return [segment]
    })
  })
}

export interface RankRow {
  code: string
  name: string
  value: number | null
}

/** Child areas by `measure`, highest first; areas without a value last, by name; areas without a ledger not at all. */
export function childRanking(areas: readonly CoverageArea[], measure: Pick<Measure, 'valueOf'>): RankRow[] {
  return areas
    .filter((a) => !a.noData)
    .map((a) => ({ code: a.code, name: a.name, value: measure.valueOf(a) }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.name.localeCompare(b.name, 'zh'))
}

export interface GrowthPoint {
  year: number
  total: number
}

/** Years from `from` to `to` inclusive. */
export function yearRange(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)
}

export interface TargetBullet {
  key: string
  label: string
  achieved: number
  count: number
  progress: number // 0..1
  dueYear: number
  tone: 'met' | 'behind' | 'on-track'
}

/** One bullet per target; the label says what counts (category, level) and by when. */
export function targetBullets(
  targets: CoverageArea['targets'],
  describe: (t: CoverageArea['targets'][number]) => string,
): TargetBullet[] {
  return targets.map((t) => ({
    key: String(t.id),
    label: describe(t),
    achieved: t.achieved,
    count: t.count,
    progress: t.progress,
    dueYear: t.dueYear,
    tone: t.met ? 'met' : t.behind ? 'behind' : 'on-track',
  }))
}
