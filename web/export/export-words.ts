// Every word the print layout prints, in Chinese and English, looked up like the dashboard's (i18n.ts
// translate): the sheet's language is the view's `lang`. Words the dashboard already has (level names, the
// heatmap, corridors, 示例) come from its table. Names of areas, schemes and categories are data and print as
// they are stored. Pure.
import type { AreaLevel } from '../../server/shared/domain'
import type { ViewLanguage } from '../../server/shared/view-state'
import { localeOf, translate, type WordTable } from '../dashboard/i18n'

export const EXPORT_WORDS = {
  title: { zh: '{area}民族团结进步创建示范单位分布图', en: 'Ethnic Unity Demonstration Units in {area}' },
  asOf: { zh: '截至 {year} 年底', en: 'as of end of {year}' },
  source: {
    zh: '数据来源：民族团结进步创建单位台账（{scheme}，{counted}）；行政区划：国家统计局 2023 年区划代码，边界 WGS84',
    en: 'Source: ledger of ethnic unity demonstration units ({scheme}, {counted}); areas: NBS 2023 division codes, boundaries WGS84',
  },
  countedNamed: { zh: '{level}及以上已命名单位', en: 'named units, {level} level and above' },
  countedStatuses: { zh: '{level}及以上、状态为{statuses}的单位', en: 'units of {level} level and above with status {statuses}' },
  listSeparator: { zh: '、', en: ', ' },
  mapDate: { zh: '制图日期：{date}', en: 'Map date: {date}' },
  reviewNumber: { zh: '审图号：{number}', en: 'Map review No.: {number}' },
  unreviewedMarking: { zh: '内部用图 未经审核 不得公开', en: 'Internal use only · not reviewed · not for publication' },
  figuresLabel: { zh: '主要数据', en: 'Key figures' },
  figureTotal: { zh: '示范单位', en: 'Named units' },
  figureChildren: { zh: '下级区域覆盖', en: 'Child areas covered' },
  figureCategories: { zh: '{scheme}类别', en: '{scheme} categories' },
  legend: { zh: '图例', en: 'Legend' },
  unitsLegend: { zh: '示范单位类别（{scheme}）', en: 'Unit categories ({scheme})' },
  columnsLegend: { zh: '三维柱高：{measure}', en: 'Column height: {measure}' },
  frameLine: { zh: '{area}界', en: 'Boundary of {area}' },
  areaLine: { zh: '{level}界', en: '{level} boundary' },
  schematicSuffix: { zh: '（示意）', en: ' (schematic)' },
  schematicNotice: { zh: '乡镇边界为示意', en: 'Township boundaries are schematic' },
  sampleNotice: { zh: '示例数据：{what}为演示用虚构数据', en: 'Sample data: {what} invented for the demo' },
  sampleUnits: { zh: '单位名称与位置', en: 'unit names and locations' },
  sampleCorridors: { zh: '示范走廊', en: 'demonstration corridors' },
  tiltedNotice: { zh: '三维倾斜视图，比例尺不适用', en: 'Tilted 3D view: no single scale' },
  inset: { zh: '位置示意', en: 'Location' },
  insetLabel: { zh: '位置示意图', en: 'Locator map' },
  north: { zh: '北', en: 'N' },
  northLabel: { zh: '指北针', en: 'North arrow' },
  kilometres: { zh: '千米', en: 'km' },
  metres: { zh: '米', en: 'm' },
  tableTitle: { zh: '覆盖情况', en: 'Coverage' },
  tableArea: { zh: '区域', en: 'Area' },
  tableUnits: { zh: '单位', en: 'Units' },
  tableCategories: { zh: '类别', en: 'Categories' },
  tablePer10k: { zh: '每万人', en: 'Per 10k' },
  allWithheld: { zh: '（位置不公开）', en: ' (location not public)' },
  someWithheld: { zh: '{count} 个位置不公开', en: '{count} location not public' },
  unlocated: { zh: '{count} 个无坐标', en: '{count} without coordinates' },
  ofWhich: { zh: '（其中 {parts}）', en: ' (of which {parts})' },
  partSeparator: { zh: '，', en: ', ' },
  levelCountry: { zh: '全国', en: 'Country' },
  levelProvince: { zh: '省', en: 'Province' },
  levelPrefecture: { zh: '市（州）', en: 'Prefecture' },
  levelCounty: { zh: '县（市、区）', en: 'County' },
  levelTownship: { zh: '乡镇', en: 'Township' },
  levelVillage: { zh: '村', en: 'Village' },
  levelArea: { zh: '行政区', en: 'Area' },
} as const satisfies WordTable

export type ExportWordKey = keyof typeof EXPORT_WORDS

/** The layout's word in `lang`, {name} placeholders filled from `vars`. */
export function exportWord(lang: ViewLanguage, key: ExportWordKey, vars: Record<string, string | number> = {}): string {
  return translate(EXPORT_WORDS, lang, key, vars)
}

const AREA_LEVEL_WORDS: Record<AreaLevel, ExportWordKey> = {
  country: 'levelCountry',
  province: 'levelProvince',
  prefecture: 'levelPrefecture',
  county: 'levelCounty',
  township: 'levelTownship',
  village: 'levelVillage',
}

/** 「乡镇」, 「Township」: the level of the areas whose boundaries the legend's line stands for. */
export function areaLevelWord(lang: ViewLanguage, level: string | undefined): string {
  const key = AREA_LEVEL_WORDS[level as AreaLevel]
  return exportWord(lang, key ?? 'levelArea')
}

/** 「2025年11月」, 「November 2025」: the month a map was made. */
export function monthOf(lang: ViewLanguage, date: Date): string {
  if (lang === 'zh') return `${date.getFullYear()}年${date.getMonth() + 1}月`
  return new Intl.DateTimeFormat(localeOf(lang), { year: 'numeric', month: 'long' }).format(date)
}

/** A list of data names (statuses, categories) joined as the language joins them. */
export function listOf(lang: ViewLanguage, items: readonly string[]): string {
  return items.join(exportWord(lang, 'listSeparator'))
}

