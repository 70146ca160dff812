// The words a sheet prints about its own content: the subtitle, what was counted and the sample-data notice. Pure.
import { NAMED_STATUSES, type HonourLevel } from '../../server/shared/domain'
import type { ViewLanguage } from '../../server/shared/view-state'
import { levelName } from '../dashboard/i18n'
import { exportWord, listOf } from './export-words'

export interface SubtitleParts {
  schemeName: string // 七进
  categories: readonly string[] | null // the view's category filter; null: every category
  measureTitle: string // what colours the areas, e.g. 示范单位总数 (县级及以上)
  year: number // the figures are as of the end of this year
}

/** E.g. 「七进 · 学校、社区 · 示范单位总数 (县级及以上) · 截至 2025 年底」; without a filter the categories are left out. */
export function sheetSubtitle({ schemeName, categories, measureTitle, year }: SubtitleParts, lang: ViewLanguage = 'zh'): string {
  return [schemeName, ...(categories ? [listOf(lang, categories)] : []), measureTitle, exportWord(lang, 'asOf', { year })].join(' · ')
}

/** What the source line says was counted: 「县级及以上已命名单位」, or the statuses when the view chose others. */
export function countedUnitsPhrase(minLevel: HonourLevel, statuses: readonly string[], lang: ViewLanguage = 'zh'): string {
  const named = statuses.length === NAMED_STATUSES.length && NAMED_STATUSES.every((s) => statuses.includes(s))
  const level = levelName(lang, minLevel)
  return named ? exportWord(lang, 'countedNamed', { level }) : exportWord(lang, 'countedStatuses', { level, statuses: listOf(lang, statuses) })
}

export interface SampleParts {
  units: boolean // the coverage or the units drawn are sample data
  corridors: boolean // a corridor drawn is sample data
}

/** The notice that what is shown is made up, naming what; null when nothing shown is sample data. */
export function sampleNoticeOf({ units, corridors }: SampleParts, lang: ViewLanguage = 'zh'): string | null {
  const parts = [...(units ? [exportWord(lang, 'sampleUnits')] : []), ...(corridors ? [exportWord(lang, 'sampleCorridors')] : [])]
  return parts.length > 0 ? exportWord(lang, 'sampleNotice', { what: listOf(lang, parts) }) : null
}
