// A briefing's content put into words and blocks (headings, paragraphs, tables, the map figure), in Chinese or
// English: what the DOCX and the HTML (printed to PDF) both draw, so the two say the same. Pure.
import { childLevelOf } from '../shared/area-codes'
import { CHECKLIST_RESULTS, HONOUR_LEVELS, INSPECTION_RATINGS, type AreaLevel, type ChecklistResult, type HonourLevel, type InspectionRating } from '../shared/domain'
import type { BriefContent, BriefPhoto, InspectionOverview, LevelCounts } from './content'
import type { JoinIssueKind } from '../geo/join'
import type { Period } from './period'

export type BriefLanguage = 'zh' | 'en'

export type BriefBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; caption: string; header: string[]; rows: string[][] }
  | { kind: 'figure'; caption: string }
  | { kind: 'photos'; caption: string; photos: (BriefPhoto & { label: string })[] } // visits' photos, drawn small side by side

export interface BriefDocument {
  lang: BriefLanguage
  title: string
  number: string // 文号, a placeholder the office fills in
  date: string
  sampleMark: string | null // 示例数据 marking under the title, when sample data is shown
  source: string // the source line, saying when the version is the public (redacted) one
  blocks: BriefBlock[]
}

/** Rows listed at most per table: a prefecture's inspections can run to hundreds; the rest are counted. */
export const MAX_ROWS = 50

/** Honour levels as the tables list them, highest first. */
const LEVELS_DOWN: readonly HonourLevel[] = [...HONOUR_LEVELS].reverse()

export function briefDocument(content: BriefContent, lang: BriefLanguage): BriefDocument {
  const w = lang === 'zh' ? ZH : EN
  const c = content
  const blocks: BriefBlock[] = []
  const h1 = (text: string) => blocks.push({ kind: 'heading', level: 1, text })
  const p = (text: string) => blocks.push({ kind: 'paragraph', text })
  let tables = 0
  const table = (caption: string, header: string[], rows: string[][]) => {
    blocks.push({ kind: 'table', caption: w.tableCaption(++tables, caption), header, rows: rows.slice(0, MAX_ROWS) })
    if (rows.length > MAX_ROWS) p(w.moreRows(rows.length - MAX_ROWS))
  }
  const period = w.period(c.period)

  h1(w.sections[0])
  p(w.stock(c))
  p(w.namings(c, period))

  h1(w.sections[1])
  blocks.push({ kind: 'figure', caption: w.figure(c.area.name) })

  h1(w.sections[2])
  if (c.children.length === 0 || c.childLevel === null) p(w.noChildren)
  else table(w.childCaption(c.childLevel), w.childHeader(c), [...c.children.map((row) => childCells(w, row, rowCoverage(row, c.childLevel === 'township'))), childCells(w, { name: w.total, ...c.stock }, totalCoverage(c))])

  h1(w.sections[3])
  if (c.targets.length === 0) p(w.noTargets)
  else {
    const behind = c.targets.filter((t) => t.progress.behind).length
    p(w.targetSummary(c.targets.length, c.targets.filter((t) => t.progress.met).length, behind))
    table(w.targetCaption, w.targetHeader, c.targets.map((t) => [
      t.areaName,
      t.note || w.targetText(t.category, t.minLevel, t.progress.count),
      `${t.progress.achieved}/${t.progress.count}`,
      percent(t.progress.progress),
      String(t.progress.dueYear),
      t.progress.met ? w.met : t.progress.behind ? w.behind : w.onTrack,
    ]))
  }

  h1(w.sections[4])
  if (c.reviewsDue.length === 0) p(w.noReviews)
  else {
    p(w.reviewSummary(c.reviewsDue.length))
    table(w.reviewCaption, w.unitHeader(w.expires), c.reviewsDue.map((r) => [r.name, r.category, w.level(r.level), r.areaName, r.expiresOn]))
  }

  h1(w.sections[5])
  p(w.inspectionSummary(c, period))
  if (c.inspectionsDone.length > 0) p(w.ratingSummary(c.inspection, c.inspectionsHidden > 0))
  if (c.inspectionsDone.length > 0) {
    table(w.inspectionCaption, w.inspectionHeader, c.inspectionsDone.map((i) => [i.date, i.unitName, i.category, i.findings, w.followUp(i.followUpState)]))
  }
  // The photos beside the visits they show, before the (often long) list of units behind their rhythm.
  if (c.photos.length > 0) blocks.push({ kind: 'photos', caption: w.photoCaption(c.photos.length), photos: c.photos.map((photo) => ({ ...photo, label: w.photoLabel(photo) })) })
  if (c.visitsBehind.length > 0) {
    table(w.behindCaption, w.behindHeader, c.visitsBehind.map((v) => [v.unitName, v.category, String(v.done), String(v.expected)]))
  }

  h1(w.sections[6])
  if (c.newNamings.length === 0) p(w.noNamings(period))
  else table(w.namingCaption(period), w.unitHeader(w.namedOn), c.newNamings.map((n) => [n.name, n.category, n.level ? w.level(n.level) : '—', n.areaName, n.on]))

  h1(w.sections[7])
  if (c.dataIssues.length === 0 && c.yearOnlyNamings === 0) p(w.noIssues)
  if (c.dataIssues.length > 0) {
    p(w.issueSummary(c.dataIssues.length))
    table(w.issueCaption, w.issueHeader, c.dataIssues.map((d) => [d.unitName, w.issue(d.kind), d.claimed ?? '—', d.located ?? '—']))
  }
  if (c.yearOnlyNamings > 0) p(w.yearOnly(c.yearOnlyNamings, c.period.year))

  return {
    lang,
    title: w.title(c.area.name, period),
    number: w.number(Number(c.today.slice(0, 4))),
    date: w.date(c.today),
    sampleMark: c.sample ? w.sampleMark : null,
    source: w.source(c.asOf, c.redacted, c.sample),
    blocks,
  }
}

type Coverage = { covered: number; of: number } | 'covered' | 'not-covered' | null

function rowCoverage(row: { total: number; childAreas: number; childAreasCovered: number }, rowsAreTownships: boolean): Coverage {
  if (rowsAreTownships) return row.total > 0 ? 'covered' : 'not-covered'
  return row.childAreas > 0 ? { covered: row.childAreasCovered, of: row.childAreas } : null
}

/** The area's own township coverage for a county; the sum of its children's for an area further up. */
function totalCoverage(c: BriefContent): Coverage {
  if (c.childLevel === 'township') return c.stock.childAreas > 0 ? { covered: c.stock.childAreasCovered, of: c.stock.childAreas } : null
  const of = c.children.reduce((sum, row) => sum + row.childAreas, 0)
  return of > 0 ? { covered: c.children.reduce((sum, row) => sum + row.childAreasCovered, 0), of } : null
}

function childCells(w: Words, row: LevelCounts & { name: string; categoriesCovered: number; categoriesInScheme: number }, coverage: Coverage): string[] {
  const shown = coverage === null ? '—' : coverage === 'covered' ? w.covered : coverage === 'not-covered' ? w.notCovered : `${coverage.covered}/${coverage.of}（${percent(coverage.covered / coverage.of)}）`
  return [row.name, String(row.total), ...LEVELS_DOWN.map((l) => String(row.byLevel[l])), `${row.categoriesCovered}/${row.categoriesInScheme}`, shown]
}

/** 25%, 12.5%, 100%: at most one decimal. */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`
}

/** The change from `before` to `now` in words; never a growth rate over zero. */
export function changeWords(now: number, before: number, lang: BriefLanguage): string {
  const w = lang === 'zh' ? ZH : EN
  if (before === 0) return now === 0 ? w.bothZero : w.fromZero
  if (now === before) return w.unchanged
  const rate = percent(Math.abs(now - before) / before)
  return now > before ? w.up(rate) : w.down(rate)
}

const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const ZH_LEVELS: Record<AreaLevel, string> = { country: '全国', province: '省（区、市）', prefecture: '州（市）', county: '县（市、区）', township: '乡镇（街道）', village: '村（社区）' }
const EN_LEVELS: Record<AreaLevel, string> = { country: 'country', province: 'province', prefecture: 'prefecture', county: 'county', township: 'township', village: 'village' }
const EN_HONOUR: Record<HonourLevel, string> = { 国家级: 'national', 省级: 'provincial', 市级: 'prefectural', 县级: 'county' }

const EN_RATINGS: Record<InspectionRating, string> = { 优秀: 'excellent', 良好: 'good', 合格: 'adequate', 不合格: 'inadequate' }
const EN_CHECKS: Record<ChecklistResult, string> = { 达标: 'met', 基本达标: 'mostly met', 不达标: 'not met' }

const ZH_ISSUES: Record<JoinIssueKind, string> = {
  'outside-all-areas': '坐标不在任何行政区内',
  'area-mismatch': '坐标所在地区与台账不符',
  'unknown-area': '台账地区代码不存在',
  'no-location': '无坐标且无有效地区代码',
}
const EN_ISSUES: Record<JoinIssueKind, string> = {
  'outside-all-areas': 'point outside every area',
  'area-mismatch': 'point lies in another area than the ledger says',
  'unknown-area': 'ledger area code unknown',
  'no-location': 'no point and no valid area code',
}

function zhCount(counts: LevelCounts): string {
  const parts = LEVELS_DOWN.filter((l) => counts.byLevel[l] > 0).map((l) => `${l} ${counts.byLevel[l]} 个`)
  return parts.length > 0 ? `，其中${parts.join('、')}` : ''
}

function enCount(counts: LevelCounts): string {
  const parts = LEVELS_DOWN.filter((l) => counts.byLevel[l] > 0).map((l) => `${counts.byLevel[l]} ${EN_HONOUR[l]}`)
  return parts.length > 0 ? ` (${parts.join(', ')})` : ''
}

const ZH = {
  sections: ['一、总体情况', '二、示范单位分布图', '三、各地创建情况', '四、目标任务进展', '五、到期复查提醒', '六、督导检查情况', '七、新命名示范单位', '八、数据质量说明'],
  period: (p: Period) => ({ year: `${p.year}年`, half: `${p.year}年${p.index === 1 ? '上' : '下'}半年`, quarter: `${p.year}年第${ZH_NUMERALS[p.index - 1]}季度`, month: `${p.year}年${p.index}月` })[p.kind],
  title: (area: string, period: string) => `${area}民族团结进步示范创建工作简报（${period}）`,
  number: (year: number) => `〔${year}〕第　　期`,
  date: (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`,
  sampleMark: '【示例数据】本简报中的单位与数字含演示用示例数据，不代表实际创建情况。',
  source: (asOf: string, redacted: boolean, sample: boolean) =>
    `数据来源：民族团结进步创建示范单位台账（统一地图平台），截至${ZH.date(asOf)}。${sample ? '含示例数据。' : ''}${redacted ? '（公开版：敏感类别单位已汇总）' : ''}`,
  stock: (c: BriefContent) => {
    const child = c.childLevel === null ? '' : `；下辖${ZH_LEVELS[c.childLevel]} ${c.stock.childAreas} 个，已覆盖 ${c.stock.childAreasCovered} 个${c.stock.childAreas > 0 ? `（覆盖率 ${percent(c.stock.childAreasCovered / c.stock.childAreas)}）` : ''}`
    const diff = c.stock.total - c.stockBefore.total
    const change = diff === 0 ? `与${c.previous.year}年末持平` : `较${c.previous.year}年末${diff > 0 ? '增加' : '减少'} ${Math.abs(diff)} 个`
    return `截至${ZH.date(c.stockAsOf)}，${c.area.name}共有命名示范单位 ${c.stock.total} 个${zhCount(c.stock)}，${change}；${c.scheme.name}类别覆盖 ${c.stock.categoriesCovered}/${c.stock.categoriesInScheme}${child}。`
  },
  namings: (c: BriefContent, period: string) => {
    if (c.named.total === 0 && c.namedBefore.total === 0) return `${period}无新增命名示范单位，上年同期亦无新增，与上年同期持平。`
    const lines = LEVELS_DOWN.filter((l) => c.named.byLevel[l] > 0 || c.namedBefore.byLevel[l] > 0).map(
      (l) => `新增命名${l}示范单位 ${c.named.byLevel[l]} 个，${changeWords(c.named.byLevel[l], c.namedBefore.byLevel[l], 'zh')}`,
    )
    return `${period}新增命名示范单位 ${c.named.total} 个（上年同期 ${c.namedBefore.total} 个），${changeWords(c.named.total, c.namedBefore.total, 'zh')}${lines.length > 0 ? `。其中${lines.join('；')}` : ''}。`
  },
  bothZero: '与上年同期持平（均为 0）',
  fromZero: '上年同期为 0，无法计算增幅',
  unchanged: '与上年同期持平',
  up: (rate: string) => `同比增长 ${rate}`,
  down: (rate: string) => `同比下降 ${rate}`,
  tableCaption: (n: number, caption: string) => `表${n}　${caption}`,
  figure: (area: string) => `图1　${area}民族团结进步示范单位分布图`,
  noChildren: '本地区无下级行政区划数据。',
  childCaption: (level: AreaLevel) => `各${ZH_LEVELS[level]}创建情况`,
  childHeader: (c: BriefContent) => ['地区', '合计', ...LEVELS_DOWN, `${c.scheme.name}完整度`, c.childLevel === 'township' ? '乡镇覆盖' : `${ZH_LEVELS[grandchildLevel(c.childLevel ?? c.area.level)]}覆盖率`],
  total: '合计',
  covered: '已覆盖',
  notCovered: '未覆盖',
  noTargets: '本地区未设定创建目标。',
  targetSummary: (all: number, met: number, behind: number) => `共设定创建目标 ${all} 项，已完成 ${met} 项${behind > 0 ? `，滞后 ${behind} 项，需加快推进` : '，无滞后目标'}。`,
  targetCaption: '创建目标进展',
  targetHeader: ['地区', '目标', '进度', '完成率', '期限', '状态'],
  targetText: (category: string | null, minLevel: HonourLevel | null, count: number) => `${minLevel ? `${minLevel}及以上` : ''}${category ?? ''}示范单位 ${count} 个`,
  met: '已完成',
  behind: '滞后',
  onTrack: '推进中',
  noReviews: '未来 12 个月内无到期需复查的命名。',
  reviewSummary: (n: number) => `未来 12 个月内有 ${n} 个命名到期，需组织复查。`,
  reviewCaption: '到期复查单位',
  unitHeader: (dateLabel: string) => ['单位', '类别', '级别', '所在地', dateLabel],
  expires: '到期日',
  namedOn: '命名日期',
  level: (l: HonourLevel): string => l,
  inspectionSummary: (c: BriefContent, period: string) => {
    const o = c.inspection
    const due = o.unitsDue > 0 ? `应督导单位 ${o.unitsDue} 个，本期已督导其中 ${o.unitsDueVisited} 个（${percent(o.unitsDueVisited / o.unitsDue)}）` : '无应督导单位'
    return `${period}共开展督导 ${o.visits} 次，涉及单位 ${o.unitsVisited} 个${c.inspectionsHidden > 0 ? `（其中敏感类别单位 ${c.inspectionsHidden} 次，不列明）` : ''}；截至${ZH.date(c.asOf)}，${due}，未按督导频次完成督导的单位 ${c.visitsBehind.length} 个；未完成整改事项 ${o.openFollowUps} 项，其中逾期 ${c.overdueFollowUps} 项。`
  },
  ratingSummary: (o: InspectionOverview, partial: boolean) => {
    const ratings = [...INSPECTION_RATINGS.map((r) => `${r} ${o.ratings[r]} 次`), ...(o.unrated > 0 ? [`未评定 ${o.unrated} 次`] : [])].join('、')
    const points = CHECKLIST_RESULTS.reduce((sum, r) => sum + o.checks[r], 0)
    const checks = points > 0 ? `；检查项目 ${points} 项次，${CHECKLIST_RESULTS.map((r) => `${r} ${o.checks[r]} 项次`).join('、')}，达标率 ${percent(o.checks.达标 / points)}` : ''
    return `${partial ? '已列明的督导中，' : ''}总体评价${ratings}${checks}。`
  },
  photoCaption: (n: number) => `图2　督导现场照片（选登 ${n} 张）`,
  photoLabel: (photo: BriefPhoto) => `${photo.unitName}，${ZH.date(photo.date)}`,
  inspectionCaption: '督导检查记录',
  inspectionHeader: ['日期', '单位', '类别', '发现问题', '整改'],
  followUp: (state: string) => ({ none: '无需整改', open: '整改中', overdue: '逾期', closed: '已整改' })[state] ?? state,
  behindCaption: '督导滞后单位',
  behindHeader: ['单位', '类别', '已督导（次）', '应督导（次）'],
  noNamings: (period: string) => `${period}无新命名示范单位。`,
  namingCaption: (period: string) => `${period}新命名示范单位`,
  noIssues: '本期台账数据未发现定位问题。',
  issueSummary: (n: number) => `有 ${n} 个单位的位置无法与行政区划对应，请核实台账。`,
  issueCaption: '无法定位或定位不一致的单位',
  issueHeader: ['单位', '问题', '台账地区', '坐标所在地区'],
  issue: (kind: JoinIssueKind) => ZH_ISSUES[kind],
  yearOnly: (n: number, year: number) => `另有 ${n} 个单位仅记录命名年份（${year}年），无具体命名日期，未计入本期新增。`,
  moreRows: (n: number) => `（另有 ${n} 条未列出）`,
}

type Words = typeof ZH

const EN: Words = {
  sections: ['1. Overview', '2. Map of demonstration units', '3. By area', '4. Progress against targets', '5. Namings due for review', '6. Inspections', '7. Newly named units', '8. Data quality'],
  period: (p: Period) => ({ year: `${p.year}`, half: `H${p.index} ${p.year}`, quarter: `Q${p.index} ${p.year}`, month: `${EN_MONTHS[p.index - 1]} ${p.year}` })[p.kind],
  title: (area: string, period: string) => `${area} Ethnic Unity and Progress Demonstration Work Briefing (${period})`,
  number: (year: number) => `No. ___ (${year})`,
  date: (d: string) => `${Number(d.slice(8, 10))} ${EN_MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`,
  sampleMark: '[SAMPLE DATA] Units and figures in this briefing include invented demonstration data.',
  source: (asOf: string, redacted: boolean, sample: boolean) =>
    `Source: demonstration unit ledger (Unity Atlas), as of ${EN.date(asOf)}.${sample ? ' Includes sample data.' : ''}${redacted ? ' (Public version: units of sensitive categories are summarised.)' : ''}`,
  stock: (c: BriefContent) => {
    const child = c.childLevel === null ? '' : `; ${c.stock.childAreasCovered} of ${c.stock.childAreas} ${EN_LEVELS[c.childLevel]} areas covered${c.stock.childAreas > 0 ? ` (${percent(c.stock.childAreasCovered / c.stock.childAreas)})` : ''}`
    const diff = c.stock.total - c.stockBefore.total
    const change = diff === 0 ? `unchanged since the end of ${c.previous.year}` : `${diff > 0 ? 'up' : 'down'} ${Math.abs(diff)} since the end of ${c.previous.year}`
    return `As of ${EN.date(c.stockAsOf)}, ${c.area.name} has ${c.stock.total} named demonstration units${enCount(c.stock)}, ${change}; ${c.scheme.name} categories covered ${c.stock.categoriesCovered}/${c.stock.categoriesInScheme}${child}.`
  },
  namings: (c: BriefContent, period: string) => {
    if (c.named.total === 0 && c.namedBefore.total === 0) return `No units were newly named in ${period}, nor in the same period a year earlier: unchanged.`
    const lines = LEVELS_DOWN.filter((l) => c.named.byLevel[l] > 0 || c.namedBefore.byLevel[l] > 0).map(
      (l) => `${c.named.byLevel[l]} at ${EN_HONOUR[l]} level, ${changeWords(c.named.byLevel[l], c.namedBefore.byLevel[l], 'en')}`,
    )
    return `${c.named.total} units were newly named in ${period} (${c.namedBefore.total} a year earlier), ${changeWords(c.named.total, c.namedBefore.total, 'en')}${lines.length > 0 ? `: ${lines.join('; ')}` : ''}.`
  },
  bothZero: 'unchanged (none in either period)',
  fromZero: 'none in the same period last year, so no growth rate',
  unchanged: 'unchanged on the same period last year',
  up: (rate: string) => `up ${rate} on the same period last year`,
  down: (rate: string) => `down ${rate} on the same period last year`,
  tableCaption: (n: number, caption: string) => `Table ${n}. ${caption}`,
  figure: (area: string) => `Figure 1. Demonstration units in ${area}`,
  noChildren: 'The store holds no areas below this one.',
  childCaption: (level: AreaLevel) => `By ${EN_LEVELS[level]}`,
  childHeader: (c: BriefContent) => ['Area', 'Total', ...LEVELS_DOWN.map((l) => EN_HONOUR[l]), `${c.scheme.name} categories`, c.childLevel === 'township' ? 'Covered' : `${EN_LEVELS[grandchildLevel(c.childLevel ?? c.area.level)]} coverage`],
  total: 'Total',
  covered: 'yes',
  notCovered: 'no',
  noTargets: 'No targets are set for this area.',
  targetSummary: (all: number, met: number, behind: number) => `${all} targets, ${met} met${behind > 0 ? `, ${behind} behind schedule` : ', none behind schedule'}.`,
  targetCaption: 'Targets',
  targetHeader: ['Area', 'Target', 'Progress', 'Share', 'Due', 'State'],
  targetText: (category: string | null, minLevel: HonourLevel | null, count: number) => `${count} ${category ?? ''} units${minLevel ? ` at ${EN_HONOUR[minLevel]} level or above` : ''}`,
  met: 'met',
  behind: 'behind',
  onTrack: 'in progress',
  noReviews: 'No naming lapses in the next 12 months.',
  reviewSummary: (n: number) => `${n} namings lapse in the next 12 months and need a review.`,
  reviewCaption: 'Namings due for review',
  unitHeader: (dateLabel: string) => ['Unit', 'Category', 'Level', 'Area', dateLabel],
  expires: 'Lapses on',
  namedOn: 'Named on',
  level: (l: HonourLevel) => EN_HONOUR[l],
  inspectionSummary: (c: BriefContent, period: string) => {
    const o = c.inspection
    const due = o.unitsDue > 0 ? `${o.unitsDueVisited} of the ${o.unitsDue} units due for visits were visited (${percent(o.unitsDueVisited / o.unitsDue)})` : 'no unit is due for visits'
    return `${o.visits} inspections of ${o.unitsVisited} units in ${period}${c.inspectionsHidden > 0 ? ` (${c.inspectionsHidden} of sensitive units, not listed)` : ''}; as of ${EN.date(c.asOf)}, ${due}, ${c.visitsBehind.length} units are behind their visit rhythm; ${o.openFollowUps} follow-ups are open, ${c.overdueFollowUps} of them overdue.`
  },
  ratingSummary: (o: InspectionOverview, partial: boolean) => {
    const ratings = [...INSPECTION_RATINGS.map((r) => `${EN_RATINGS[r]} ${o.ratings[r]}`), ...(o.unrated > 0 ? [`unrated ${o.unrated}`] : [])].join(', ')
    const points = CHECKLIST_RESULTS.reduce((sum, r) => sum + o.checks[r], 0)
    const checks = points > 0 ? `; ${points} checklist points: ${CHECKLIST_RESULTS.map((r) => `${EN_CHECKS[r]} ${o.checks[r]}`).join(', ')}, ${percent(o.checks.达标 / points)} met` : ''
    return `${partial ? 'Of the listed inspections, ratings' : 'Ratings'}: ${ratings}${checks}.`
  },
  photoCaption: (n: number) => `Figure 2. Photos from inspections (${n} selected)`,
  photoLabel: (photo: BriefPhoto) => `${photo.unitName}, ${EN.date(photo.date)}`,
  inspectionCaption: 'Inspections',
  inspectionHeader: ['Date', 'Unit', 'Category', 'Findings', 'Follow-up'],
  followUp: (state: string) => ({ none: 'none', open: 'open', overdue: 'overdue', closed: 'done' })[state] ?? state,
  behindCaption: 'Units behind their visit rhythm',
  behindHeader: ['Unit', 'Category', 'Visits done', 'Visits due'],
  noNamings: (period: string) => `No units were newly named in ${period}.`,
  namingCaption: (period: string) => `Units named in ${period}`,
  noIssues: 'Every unit of the ledger could be placed.',
  issueSummary: (n: number) => `${n} units cannot be placed in the areas; please check the ledger.`,
  issueCaption: 'Units that cannot be placed',
  issueHeader: ['Unit', 'Problem', 'Ledger area', 'Area of the point'],
  issue: (kind: JoinIssueKind) => EN_ISSUES[kind],
  yearOnly: (n: number, year: number) => `${n} more units record only the year they were named (${year}), not the day, and are not counted in this period.`,
  moreRows: (n: number) => `(${n} more not listed)`,
}

/** The level below `level`'s children, e.g. the townships a county row is covered by; a village for a village. */
function grandchildLevel(level: AreaLevel): AreaLevel {
  return childLevelOf(level) ?? level
}
