// One ledger cell → one Unit field value, or the reason it cannot be one. Reasons are Chinese and name the
// value as written; the caller prefixes the row ("第9行：").
import { HONOUR_LEVELS, UNIT_STATUSES, type HonourLevel, type Scheme, type UnitStatus } from '../shared/domain'
import { arabicNumerals } from './chinese-numerals'
import { compactText, toHalfWidth } from './half-width'

export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; reason: string }

const ok = <T>(value: T, warning?: string): Parsed<T> => (warning === undefined ? { ok: true, value } : { ok: true, value, warning })
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason })

// ─── Coordinates ────────────────────────────────────────────────────────────────────────────────────────

export type Hemisphere = 'E' | 'W' | 'N' | 'S'

export interface Coordinate {
  value: number // decimal degrees, or metres for a projected value; negative for W and S
  hemisphere: Hemisphere | null // as written, when it was written
}

const HEMISPHERE_WORDS: readonly [RegExp, Hemisphere][] = [
  [/^东经|东经$/, 'E'],
  [/^西经|西经$/, 'W'],
  [/^北纬|北纬$/, 'N'],
  [/^南纬|南纬$/, 'S'],
  [/^[Ee]|[Ee]$/, 'E'],
  [/^[Ww]|[Ww]$/, 'W'],
  [/^[Nn]|[Nn]$/, 'N'],
  [/^[Ss]|[Ss]$/, 'S'],
]

/**
 * A decimal ("104.2083", "104.2083°", "E104.2083", "东经104.2083") or sexagesimal value
 * (104°12'30.5"E, 27°20′15″N, "104 12 30.5", "104度12分30.5秒", "104°12.5'"). Degrees, minutes and
 * seconds are read in that order; minutes and seconds must be below 60.
 */
export function parseCoordinate(text: string): Parsed<Coordinate> {
  let s = toHalfWidth(text).trim()
  if (s === '') return fail('为空')
  let hemisphere: Hemisphere | null = null
  for (const [pattern, h] of HEMISPHERE_WORDS) {
    if (pattern.test(s)) {
      hemisphere = h
      s = s.replace(pattern, '').trim()
      break
    }
  }
  s = s
    .replace(/[度º˚]/g, '°')
    .replace(/[分′’‘`´]/g, "'")
    .replace(/秒|″|”|“|''/g, '"')
  let sign = 1
  if (/^[-+]/.test(s)) {
    if (s[0] === '-') sign = -1
    s = s.slice(1).trim()
  }
  const invalid = fail<Coordinate>(`“${text.trim()}”不是经纬度数值`)
  if (!/^[\d.°'"\s:]+$/.test(s) || !/\d/.test(s)) return invalid
  const parts = s.split(/[°'"\s:]+/).filter((p) => p !== '')
  if (parts.length > 3 || parts.some((p) => !/^(\d+\.?\d*|\.\d+)$/.test(p))) return invalid
  const [degrees, minutes = 0, seconds = 0] = parts.map(Number)
  if (parts.length > 1) {
    if (!Number.isInteger(degrees)) return fail(`“${text.trim()}”中度数带小数，后面不应再有分`)
    if (minutes >= 60) return fail(`“${text.trim()}”中分为 ${minutes}，应小于 60`)
    if (parts.length > 2 && !Number.isInteger(minutes)) return fail(`“${text.trim()}”中分数带小数，后面不应再有秒`)
    if (seconds >= 60) return fail(`“${text.trim()}”中秒为 ${seconds}，应小于 60`)
  }
  const negative = hemisphere === 'W' || hemisphere === 'S' ? -1 : 1
  return ok({ value: sign * negative * (degrees + minutes / 60 + seconds / 3600), hemisphere })
}

// ─── Year named ─────────────────────────────────────────────────────────────────────────────────────────

/** The first national 民族团结进步 commendation (表彰大会) was held in 1988: no unit was named before it. */
export const FIRST_NAMING_YEAR = 1988

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30) // Excel's day 0 (after its 1900 leap-year bug)
const DAY_MS = 86_400_000

/**
 * "2021", "2021年", "2021年度", "2021年5月", "2021-05-01", "2021/5/1", "2021.5", "2021-05-01 00:00", in
 * full-width digits ("２０２１") or Chinese numerals ("二〇二一年", "二零二一年五月"; chinese-numerals.ts);
 * a bare 5-digit number is read as an Excel date serial (a date cell that lost its format), with a warning.
 * Empty → null. A year before 1988 or after the reporting year is impossible.
 */
export function parseYear(text: string, reportingYear: number): Parsed<number | null> {
  const s = arabicNumerals(compactText(text))
  if (s === '') return ok(null)
  let year: number | null = null
  let warning: string | undefined
  const date =
    /^(\d{4})(?:年度?|年(\d{1,2})月(?:(\d{1,2})日)?|[-./](\d{1,2})(?:[-./](\d{1,2})(?:\d{1,2}:\d{2}(?::\d{2})?)?)?)?$/.exec(s)
  if (date !== null) {
    const month = Number(date[2] ?? date[4] ?? 1)
    const day = Number(date[3] ?? date[5] ?? 1)
    if (month < 1 || month > 12 || day < 1 || day > 31) return fail(`命名年份“${text.trim()}”不是有效日期`)
    year = Number(date[1])
  } else if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serialDate = new Date(EXCEL_EPOCH_MS + Math.floor(Number(s)) * DAY_MS)
    year = serialDate.getUTCFullYear()
    warning = `命名年份“${s}”按 Excel 日期序号读作 ${serialDate.toISOString().slice(0, 10)}`
  } else {
    return fail(`命名年份“${text.trim()}”无法识别（应为 4 位年份，如 2021、2021年、二〇二一年、2021-05-01）`)
  }
  if (year < FIRST_NAMING_YEAR) {
    return fail(`命名年份 ${year} 早于 ${FIRST_NAMING_YEAR} 年（首次全国民族团结进步表彰），不可能`)
  }
  if (year > reportingYear) return fail(`命名年份 ${year} 晚于报告年份 ${reportingYear}，不可能`)
  return ok(year, warning)
}

// ─── Category ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * Words ledgers use for a scheme's categories. Each maps to candidates tried in order: the first that the
 * scheme has wins. `approximate` marks a mapping that changes the meaning a little, reported as a warning:
 * 七进's 连队 are the 兵团's companies, so 部队/军营 go to 连队 only when the scheme has no 军营 (六进 has).
 */
const CATEGORY_SYNONYMS: readonly { words: readonly string[]; to: readonly string[]; approximate: boolean }[] = [
  { words: ['宗教场所', '宗教活动点', '宗教', '宗教活动场所'], to: ['宗教活动场所'], approximate: false },
  { words: ['军营', '部队', '驻军', '军队'], to: ['军营', '连队'], approximate: true },
  { words: ['连队'], to: ['连队', '军营'], approximate: true },
  { words: ['企业'], to: ['企事业单位'], approximate: true },
  { words: ['事业单位', '企事业', '企事业单位'], to: ['企事业单位'], approximate: false },
  { words: ['村', '村庄', '行政村', '农村', '村组'], to: ['乡村', '示范村'], approximate: true },
  { words: ['乡', '镇', '街道', '乡镇街道', '乡镇(街道)'], to: ['乡镇'], approximate: false },
  { words: ['校园', '院校', '高校', '中小学'], to: ['学校'], approximate: false },
  { words: ['党政机关', '政府机关', '机关事业单位'], to: ['机关'], approximate: false },
  { words: ['窗口', '窗口行业'], to: ['窗口单位'], approximate: false },
  { words: ['公共文化场所', '文化场所', '公共文化服务'], to: ['公共文化服务场所'], approximate: false },
  { words: ['户', '示范户', '家庭户'], to: ['家庭'], approximate: false },
]

const CATEGORY_PREFIXES = /^(进|示范)+/
const CATEGORY_SUFFIXES = /(示范单位|示范点|示范|单位|类)+$/

/**
 * The scheme's category the cell means: half-width, no spaces; then as written, without a 进/示范 prefix,
 * without 示范单位/示范点/示范/单位/类 suffixes; then through the scheme's own synonyms (kept on /schemes), then
 * through the synonyms above — the first that the scheme has. ("进学校" → 学校, "学校 " → 学校, "宗教场所" →
 * 宗教活动场所, "窗口单位" stays 窗口单位 where the scheme has it.) Not found → the reason lists the scheme's categories, with the closest one when it is one typo away.
 */
export function normaliseCategory(text: string, scheme: Scheme): Parsed<string> {
  const s = categoryKey(text)
  if (s === '') return fail(`类别为空（应为 ${scheme.categories.join('、')}）`)
  const unprefixed = s.replace(CATEGORY_PREFIXES, '')
  const stems = [...new Set([s, unprefixed, s.replace(CATEGORY_SUFFIXES, ''), unprefixed.replace(CATEGORY_SUFFIXES, '')])].filter(
    (stem) => stem !== '',
  )
  for (const stem of stems) if (scheme.categories.includes(stem)) return ok(stem)
  const stored = categoryOfStoredSynonym(stems, scheme)
  if (stored !== null) return ok(stored)
  for (const stem of stems) {
    for (const synonym of CATEGORY_SYNONYMS) {
      if (!synonym.words.includes(stem)) continue
      const target = synonym.to.find((t) => scheme.categories.includes(t))
      if (target === undefined) continue
      return ok(target, synonym.approximate ? `类别“${text.trim()}”按方案“${scheme.name}”的“${target}”导入` : undefined)
    }
  }
  const closest = closestWithinOneEdit(stems, scheme.categories)
  const hint = closest === null ? '' : `；是否为“${closest}”？`
  return fail(`类别“${text.trim()}”不在方案“${scheme.name}”中（应为 ${scheme.categories.join('、')}${hint}）`)
}

/** A category cell or word as categories are compared: half-width, no spaces, ASCII brackets. */
function categoryKey(text: string): string {
  return compactText(text).replace(/（/g, '(').replace(/）/g, ')')
}

/**
 * The category one of `stems` is a stored synonym of (Scheme.synonyms: "学校（中小学）" or a renamed category's
 * old name), each synonym compared as the cell is; the first stem that is one wins. Null when none is.
 */
export function categoryOfStoredSynonym(stems: readonly string[], scheme: Scheme): string | null {
  const synonyms = Object.entries(scheme.synonyms ?? {}).filter(([category]) => scheme.categories.includes(category))
  for (const stem of stems) {
    for (const [category, words] of synonyms) if (words.some((word) => categoryKey(word) === stem)) return category
  }
  return null
}

function closestWithinOneEdit(stems: readonly string[], candidates: readonly string[]): string | null {
  for (const stem of stems) {
    if ([...stem].length < 2) continue
    const found = candidates.find((c) => editDistance(stem, c) <= 1)
    if (found !== undefined) return found
  }
  return null
}

function editDistance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[y.length]
}

// ─── Honour level ───────────────────────────────────────────────────────────────────────────────────────

const LEVEL_WORDS: readonly [HonourLevel, readonly string[]][] = [
  ['国家级', ['国家级', '国家', '全国', '国家民委', '国务院']],
  ['省级', ['省级', '省', '省部级', '自治区级', '自治区']],
  ['市级', ['市级', '州级', '市州级', '州市级', '地级', '地州级', '地区级', '盟级', '市', '州']],
  ['县级', ['县级', '区级', '县区级', '县市区级', '县市级', '旗级', '县', '区']],
]

/**
 * "省级示范" → 省级; "市（州）级", "州级", "市级" → 市级; "县（市、区）级", "县级", "区级" → 县级;
 * "国家级示范单位", "全国民族团结进步示范单位" → 国家级. Empty → null (not yet named). The part in brackets
 * is dropped first, so "县（市、区）级" is read as 县级, not as 市级.
 */
export function normaliseLevel(text: string): Parsed<HonourLevel | null> {
  const s = compactText(text)
    .replace(/\([^)]*\)|（[^）]*）/g, '')
    .replace(/(民族团结进步)?(创建)?(示范单位|示范区|示范点|示范|单位|命名)+$/g, '')
  const unknown = fail<HonourLevel | null>(`命名级别“${text.trim()}”无法识别（应为 ${[...HONOUR_LEVELS].reverse().join('、')}）`)
  if (s === '') return compactText(text) === '' ? ok(null) : unknown
  if (s.startsWith('国家') || s.startsWith('全国')) return ok('国家级')
  for (const [level, words] of LEVEL_WORDS) if (words.includes(s)) return ok(level)
  // "云南省级", "昭通市级": a place name (up to 4 characters) before the level word.
  const afterPlace = (w: string) => w.endsWith('级') && s.endsWith(w) && s.length <= w.length + 4
  for (const [level, words] of LEVEL_WORDS) if (words.some(afterPlace)) return ok(level)
  return unknown
}

// ─── Status ─────────────────────────────────────────────────────────────────────────────────────────────

const STATUS_WORDS: readonly [UnitStatus, readonly string[]][] = [
  ['培育', ['培育', '培育中', '培育库', '入库', '拟培育', '在建', '创建中']],
  ['申报', ['申报', '已申报', '申报中', '待审核']],
  ['推荐', ['推荐', '已推荐', '拟推荐']],
  ['验收', ['验收', '已验收', '验收合格', '考核验收', '待命名']],
  ['命名', ['命名', '已命名', '挂牌', '已挂牌', '授牌', '已授牌', '已表彰']],
  ['复查', ['复查', '已复查', '复查合格', '复核', '已复核', '复核合格']],
  ['撤销', ['撤销', '已撤销', '取消', '已取消', '摘牌', '撤牌']],
]

/**
 * A status as written, or, when the cell is empty: 命名 if the row gives both a level and a year (a ledger
 * of named units seldom has a status column), else 培育 (the 培育库 holds units not yet named).
 */
export function normaliseStatus(text: string, named: { level: HonourLevel | null; yearNamed: number | null }): Parsed<UnitStatus> {
  const s = compactText(text)
  if (s === '') return ok(named.level !== null && named.yearNamed !== null ? '命名' : '培育')
  for (const [status, words] of STATUS_WORDS) if (words.includes(s)) return ok(status)
  return fail(`状态“${text.trim()}”无法识别（应为 ${UNIT_STATUSES.join('、')}）`)
}
