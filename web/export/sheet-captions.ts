// The words a sheet prints about its own content: the subtitle, what was counted and the sample-data notice. Pure.
import { NAMED_STATUSES } from '../../server/shared/domain'

export interface SubtitleParts {
  schemeName: string // 七进
  categories: readonly string[] | null // the view's category filter; null: every category
  measureTitle: string // what colours the areas, e.g. 示范单位总数 (县级及以上)
  year: number // the figures are as of the end of this year
}

/** E.g. 「七进 · 学校、社区 · 示范单位总数 (县级及以上) · 截至 2025 年底」; without a filter the categories are left out. */
export function sheetSubtitle({ schemeName, categories, measureTitle, year }: SubtitleParts): string {
  return [schemeName, ...(categories ? [categories.join('、')] : []), measureTitle, `截至 ${year} 年底`].join(' · ')
}

/** What the source line says was counted: 「县级及以上已命名单位」, or the statuses when the view chose others. */
export function countedUnitsPhrase(minLevel: string, statuses: readonly string[]): string {
  const named = statuses.length === NAMED_STATUSES.length && NAMED_STATUSES.every((s) => statuses.includes(s))
  return named ? `${minLevel}及以上已命名单位` : `${minLevel}及以上、状态为${statuses.join('、')}的单位`
}

export interface SampleParts {
  units: boolean // the coverage or the units drawn are sample data
  corridors: boolean // a corridor drawn is sample data
}

/** The notice that what is shown is made up, naming what; null when nothing shown is sample data. */
export function sampleNoticeOf({ units, corridors }: SampleParts): string | null {
  const parts = [...(units ? ['单位名称与位置'] : []), ...(corridors ? ['示范走廊'] : [])]
  return parts.length > 0 ? `示例数据：${parts.join('、')}为演示用虚构数据` : null
}
