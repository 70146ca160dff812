// The dashboard's own words in Chinese (default) and English: a flat table and a pure lookup. Category
// names are data (the scheme's) and are never translated; honour levels and statuses are.
import type { AreaLevel, HonourLevel, UnitStatus } from '../../server/shared/domain'
import type { CoverageArea } from '../api/responses'
import type { MeasureId } from '../../server/shared/view-state'
import type { ViewLanguage } from '../../server/shared/view-state'

export const MESSAGES = {
  title: { zh: '民族团结进步创建地图', en: 'Ethnic Unity Atlas' },
  asOf: { zh: '截至 {year} 年底', en: 'as of end of {year}' },
  filters: { zh: '筛选', en: 'Filters' },
  scheme: { zh: '创建方案', en: 'Scheme' },
  categories: { zh: '类别', en: 'Categories' },
  allCategories: { zh: '全部类别', en: 'All categories' },
  minLevel: { zh: '统计级别', en: 'Minimum level' },
  levelAndAbove: { zh: '{level}及以上', en: '{level} and above' },
  status: { zh: '状态', en: 'Status' },
  year: { zh: '年份', en: 'Year' },
  play: { zh: '播放', en: 'Play' },
  pause: { zh: '暂停', en: 'Pause' },
  search: { zh: '搜索行政区名称或代码', en: 'Search area name or code' },
  noMatch: { zh: '没有匹配的行政区', en: 'No matching area' },
  layers: { zh: '图层', en: 'Layers' },
  measure: { zh: '专题指标', en: 'Measure' },
  opacity: { zh: '透明度', en: 'Opacity' },
  layerChoropleth: { zh: '分级设色', en: 'Choropleth' },
  layerUnits: { zh: '示范单位点', en: 'Unit points' },
  layerLabels: { zh: '地名标注', en: 'Labels' },
  layerColumns: { zh: '三维柱', en: '3D columns' },
  layerHexagons: { zh: '六边形密度', en: 'Hexagon density' },
  layerHeatmap: { zh: '热力图', en: 'Heatmap' },
  layerCorridors: { zh: '示范走廊', en: 'Demonstration corridors' },
  heatmapTitle: { zh: '示范单位热力（按级别加权）', en: 'Unit heat (weighted by level)' },
  low: { zh: '低', en: 'low' },
  high: { zh: '高', en: 'high' },
  sampleShort: { zh: '示例', en: 'sample' },
  corridorStops: { zh: '{count} 个站点', en: '{count} stops' },
  clustered: { zh: '小比例尺下聚合显示', en: 'aggregated at low zoom' },
  basemap: { zh: '底图', en: 'Basemap' },
  basemapOffline: { zh: '仅边界（离线）', en: 'Boundaries only (offline)' },
  basemapTiandituVector: { zh: '天地图 矢量', en: 'Tianditu vector' },
  basemapTiandituImagery: { zh: '天地图 影像', en: 'Tianditu imagery' },
  basemapXyz: { zh: 'XYZ 瓦片地址', en: 'XYZ tile URL' },
  basemapPmtiles: { zh: 'PMTiles 地址', en: 'PMTiles URL' },
  basemapKey: { zh: '天地图密钥 (tk)', en: 'Tianditu key (tk)' },
  basemapUrl: { zh: '瓦片地址，含 {z}/{x}/{y}', en: 'Tile URL with {z}/{x}/{y}' },
  apply: { zh: '应用', en: 'Apply' },
  basemapFailed: { zh: '底图瓦片加载失败（{detail}），边界与数据仍正常显示', en: 'Basemap tiles failed to load ({detail}); boundaries and data are still shown' },
  kpiNamed: { zh: '命名单位', en: 'Named units' },
  kpiTotal: { zh: '合计', en: 'Total' },
  kpiCategories: { zh: '{scheme}类别', en: '{scheme} categories' },
  kpiChildren: { zh: '{level}覆盖', en: '{level} covered' },
  kpiPer10k: { zh: '每万人', en: 'per 10k people' },
  kpiTargets: { zh: '目标达成', en: 'Targets met' },
  kpiExpiring: { zh: '12个月内到期', en: 'Expiring ≤ 12 mo' },
  charts: { zh: '图表', en: 'Charts' },
  alerts: { zh: '提醒', en: 'Alerts' },
  alertsAsOf: { zh: '{area} · 截至 {date}', en: '{area} · as of {date}' },
  alertsNone: { zh: '暂无提醒', en: 'No alerts' },
  alertsMore: { zh: '另有 {count} 条未列出', en: '{count} more not listed' },
  alertsWithheld: { zh: '另有 {count} 条涉及不公开类别单位的提醒未列出', en: '{count} alerts about non-public units are not listed' },
  details: { zh: '详情', en: 'Details' },
  chartByCategory: { zh: '各类别示范单位（按级别）', en: 'Units by category and level' },
  chartRanking: { zh: '{level}排名 · {measure}', en: '{level} ranking · {measure}' },
  chartGrowth: { zh: '历年增长（截至各年底）', en: 'Growth by year (end of year)' },
  chartTargets: { zh: '创建目标进度', en: 'Target progress' },
  noTargets: { zh: '本区域未设创建目标', en: 'No targets set for this area' },
  noData: { zh: '无数据', en: 'No data' },
  noLedger: { zh: '暂无数据', en: 'No ledger yet' },
  noLedgerNote: { zh: '不含{names}（暂无数据）', en: 'Excludes {names} (no ledger yet)' },
  areaDetail: { zh: '区域详情', en: 'Area details' },
  categoryByLevel: { zh: '类别 × 级别', en: 'Category × level' },
  missing: { zh: '未覆盖类别', en: 'Missing categories' },
  none: { zh: '无', en: 'None' },
  targets: { zh: '创建目标', en: 'Targets' },
  children: { zh: '下级区域', en: 'Child areas' },
  unitDetail: { zh: '单位详情', en: 'Unit details' },
  close: { zh: '关闭', en: 'Close' },
  attrCategory: { zh: '类别', en: 'Category' },
  attrLevel: { zh: '级别', en: 'Level' },
  attrStatus: { zh: '状态', en: 'Status' },
  attrYearNamed: { zh: '命名年份', en: 'Year named' },
  attrExpires: { zh: '到期', en: 'Expires' },
  attrArea: { zh: '所在区域', en: 'Area' },
  attrAddress: { zh: '地址', en: 'Address' },
  attrNotes: { zh: '备注', en: 'Notes' },
  notNamed: { zh: '未命名', en: 'Not named' },
  namedIn: { zh: '{year}年命名', en: 'named {year}' },
  namedUnits: { zh: '示范单位', en: 'Named units' },
  history: { zh: '状态记录', en: 'Status history' },
  inspections: { zh: '督导记录', en: 'Inspections' },
  noInspections: { zh: '暂无督导记录', en: 'No inspections' },
  redacted: { zh: '该类别的名称、位置与地址仅对登录用户显示', en: 'Name, location and address of this category are shown to signed-in users only' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  sampleData: { zh: '示例数据', en: 'Sample data' },
  total: { zh: '合计', en: 'Total' },
  due: { zh: '{year}年', en: 'by {year}' },
  anyCategory: { zh: '各类', en: 'any category' },
  hintClick: { zh: '单击区域下钻，单击图表筛选', en: 'Click an area to drill down, a chart to filter' },
  language: { zh: 'English', en: '中文' },
} as const satisfies WordTable

export type MessageKey = keyof typeof MESSAGES

/** A table of words: each key in every language. The dashboard's is MESSAGES; a page may keep its own. */
export type WordTable = Record<string, Record<ViewLanguage, string>>

/** `table`'s word in `lang` with {name} placeholders filled from `vars`; an unfilled placeholder stays visible. */
export function translate<T extends WordTable>(table: T, lang: ViewLanguage, key: keyof T, vars: Record<string, string | number> = {}): string {
  return table[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

/** The dashboard's message in `lang` with {name} placeholders filled from `vars`. */
export function t(lang: ViewLanguage, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return translate(MESSAGES, lang, key, vars)
}

const LEVEL_EN: Record<HonourLevel, string> = { 县级: 'County', 市级: 'Prefecture', 省级: 'Provincial', 国家级: 'National' }
const STATUS_EN: Record<UnitStatus, string> = { 培育: 'Cultivating', 申报: 'Applied', 推荐: 'Recommended', 验收: 'Accepted', 命名: 'Named', 复查: 'Under review', 撤销: 'Revoked' }
const AREA_LEVEL: Record<AreaLevel, Record<ViewLanguage, string>> = {
  country: { zh: '全国', en: 'Country' },
  province: { zh: '省', en: 'Provinces' },
  prefecture: { zh: '市州', en: 'Prefectures' },
  county: { zh: '县区', en: 'Counties' },
  township: { zh: '乡镇', en: 'Townships' },
  village: { zh: '村', en: 'Villages' },
}
const MEASURE_EN: Record<MeasureId, string> = {
  total: 'Named units',
  categoriesCovered: 'Categories covered',
  per10kPeople: 'Per 10k people',
  per100km2: 'Per 100 km²',
  childCoverage: 'Child areas covered',
}

export function levelName(lang: ViewLanguage, level: HonourLevel): string {
  return lang === 'zh' ? level : LEVEL_EN[level]
}

export function statusName(lang: ViewLanguage, status: UnitStatus): string {
  return lang === 'zh' ? status : STATUS_EN[status]
}

export function areaLevelName(lang: ViewLanguage, level: AreaLevel): string {
  return AREA_LEVEL[level][lang]
}

const AREA_LEVEL_ONE_EN: Record<AreaLevel, string> = { country: 'Country', province: 'Province', prefecture: 'Prefecture', county: 'County', township: 'Township', village: 'Village' }

/** The level's name for one area of it (singular in English), e.g. in the ranking chart's title. */
export function oneAreaLevelName(lang: ViewLanguage, level: AreaLevel): string {
  return lang === 'zh' ? AREA_LEVEL[level].zh : AREA_LEVEL_ONE_EN[level]
}

/** The measure's selector label: the Chinese one from measures.ts, or its English name. */
export function measureLabel(lang: ViewLanguage, id: MeasureId, zhLabel: string): string {
  return lang === 'zh' ? zhLabel : MEASURE_EN[id]
}

/** The legend title in English; in Chinese the measure's own title (measures.ts) is used unchanged. */
export function measureTitleEn(id: MeasureId, minLevel: HonourLevel, schemeName: string, categoryCount: number): string {
  const level = `${LEVEL_EN[minLevel]} level and above`
  switch (id) {
    case 'total':
      return `Named units (${level})`
    case 'categoriesCovered':
      return `${schemeName} categories covered (of ${categoryCount})`
    case 'per10kPeople':
      return `Units per 10k people (${level})`
    case 'per100km2':
      return `Units per 100 km² (${level})`
    case 'childCoverage':
      return `Child areas covered % (${level})`
  }
}

export function localeOf(lang: ViewLanguage): string {
  return lang === 'zh' ? 'zh-CN' : 'en-GB'
}

/** A number for the locale, with at most `digits` decimals. */
export function formatNumber(lang: ViewLanguage, value: number, digits = 0): string {
  return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: digits }).format(value)
}

export function formatPercent(lang: ViewLanguage, share: number): string {
  return new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 0 }).format(share)
}

/** yyyy-mm-dd as the locale writes a date. */
export function formatDate(lang: ViewLanguage, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return new Intl.DateTimeFormat(localeOf(lang), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d))
}

/** A target in words: its category (or any), its lowest level and its due year, e.g. 学校 · 市级及以上 · 2027年. */
export function targetDescription(lang: ViewLanguage, target: CoverageArea['targets'][number]): string {
  return [target.category ?? t(lang, 'anyCategory'), target.minLevel ? t(lang, 'levelAndAbove', { level: levelName(lang, target.minLevel) }) : null, t(lang, 'due', { year: target.dueYear })]
    .filter(Boolean)
    .join(' · ')
}
