// Which attribute holds the area code, the name, and (optionally) population and minority share.
//
// Detection: a field whose name, normalised as unit headers are (half-width, lower case, no brackets), is a
// known synonym — 代码, 区划代码, 行政区划代码, code, adcode, XZQDM (行政区代码, as Chinese GIS writes it)…;
// 名称, name, XZQMC…. When no field is named like a code, the first field whose values are mostly (≥ 80 %)
// codes of the level's length is taken. Explicit fields (--code-field, --name-field) win; naming one that
// is not in the file is an error listing the fields that are.
import { ImportError } from '../import-error'
import { normaliseHeader } from '../header-mapping'
import type { AreaLevel } from '../../shared/domain'
import type { AttributeValue } from './area-table'

export const AREA_FIELDS = ['code', 'name', 'population', 'minorityShare', 'minorityPopulation'] as const
export type AreaField = (typeof AREA_FIELDS)[number]

export type AreaFieldMapping = Record<AreaField, string | null>
export type ExplicitAreaFields = Partial<Record<AreaField, string>>

export const AREA_FIELD_LABELS: Readonly<Record<AreaField, string>> = {
  code: '区划代码',
  name: '名称',
  population: '人口',
  minorityShare: '少数民族占比',
  minorityPopulation: '少数民族人口',
}

const SYNONYMS: Readonly<Record<AreaField, readonly string[]>> = {
  code: ['代码', '区划代码', '行政区划代码', '行政区代码', '统计用区划代码', '区划编码', '行政区划编码', '编码', '行政代码',
    '县代码', '区县代码', '乡镇代码', '村代码', '社区代码', 'code', 'adcode', 'xzqdm', 'xzqhdm', 'xzqh', 'gb', 'dm', 'qhdm', 'areacode'],
  name: ['名称', '区划名称', '行政区名称', '行政区划名称', '县名称', '区县名称', '乡镇名称', '村名称', '社区名称', '乡镇', '县', '村',
    'name', 'xzqmc', 'xzqhmc', 'mc', 'qhmc', 'areaname'],
  population: ['人口', '总人口', '常住人口', '户籍人口', '人口数', 'population', 'pop', 'rk', 'zrk'],
  minorityShare: ['少数民族占比', '少数民族比例', '少数民族人口占比', '少数民族人口比例', '民族人口占比', 'minorityshare', 'minority'],
  minorityPopulation: ['少数民族人口', '少数民族人数', '少数民族人口数', 'minoritypopulation'],
}

const FIELD_BY_SYNONYM: ReadonlyMap<string, AreaField> = new Map(
  AREA_FIELDS.flatMap((field) => SYNONYMS[field].map((s) => [s, field] as const)),
)

export const CODE_LENGTH: Readonly<Record<AreaLevel, number>> = { country: 6, province: 6, prefecture: 6, county: 6, township: 9, village: 12 }

export function areaFieldMapping(
  fields: readonly string[],
  rows: readonly Record<string, AttributeValue>[],
  level: AreaLevel | null,
  explicit: ExplicitAreaFields = {},
): AreaFieldMapping {
  const mapping: AreaFieldMapping = { code: null, name: null, population: null, minorityShare: null, minorityPopulation: null }
  const claimed = new Set<string>()
  for (const field of AREA_FIELDS) {
    const given = explicit[field]
    if (given === undefined || given === '') continue
    const found = fields.find((f) => f === given) ?? fields.find((f) => normaliseHeader(f) === normaliseHeader(given))
    if (found === undefined) {
      throw new ImportError(`指定的${AREA_FIELD_LABELS[field]}字段“${given}”不在文件中（字段为：${fields.join('、') || '无'}）`)
    }
    mapping[field] = found
    claimed.add(found)
  }
  for (const name of fields) {
    if (claimed.has(name)) continue
    const field = FIELD_BY_SYNONYM.get(normaliseHeader(name))
    if (field !== undefined && mapping[field] === null) {
      mapping[field] = name
      claimed.add(name)
    }
  }
  if (mapping.code === null) {
    const lengths = level === null ? [6, 9, 12] : [CODE_LENGTH[level], 12]
    mapping.code = fields.find((f) => !claimed.has(f) && looksLikeCodes(rows.map((r) => r[f]), lengths)) ?? null
  }
  return mapping
}

function looksLikeCodes(values: readonly AttributeValue[], lengths: readonly number[]): boolean {
  const present = values.filter((v) => v !== null && String(v).trim() !== '')
  if (present.length === 0) return false
  const codes = present.filter((v) => {
    const text = String(v).trim()
    return /^\d+$/.test(text) && lengths.includes(text.length)
  })
  return codes.length / present.length >= 0.8
}

export interface CodeReading {
  code: string | null
  error?: string
  warning?: string
}

/**
 * The GB/T 2260 code of `level` in a cell: digits only (a number field gives "530626101" too); a 12-digit
 * statistical code padded with zeros is cut to the level's length, with a warning.
 */
export function readAreaCode(value: AttributeValue, level: AreaLevel): CodeReading {
  if (value === null || String(value).trim() === '') return { code: null, error: '区划代码为空' }
  const text = typeof value === 'number' ? String(Math.round(value)) : String(value).trim()
  const length = CODE_LENGTH[level]
  if (!/^\d+$/.test(text)) return { code: null, error: `区划代码“${text}”不是数字` }
  if (text.length === length) return { code: text }
  if (text.length === 12 && length < 12 && /^0+$/.test(text.slice(length))) {
    return { code: text.slice(0, length), warning: `区划代码 ${text} 是 12 位统计用代码，按 ${text.slice(0, length)} 读取` }
  }
  return { code: null, error: `区划代码“${text}”应为 ${length} 位（${LEVEL_NAMES[level]}）` }
}

export const LEVEL_NAMES: Readonly<Record<AreaLevel, string>> = {
  country: '国家级',
  province: '省级',
  prefecture: '市级',
  county: '县级',
  township: '乡级',
  village: '村级',
}

/** The parent code a code implies: county → prefecture (4 digits + 00), township → county, village → township. */
export function impliedParent(code: string, level: AreaLevel): string | null {
  if (level === 'county') return `${code.slice(0, 4)}00`
  if (level === 'township') return code.slice(0, 6)
  if (level === 'village') return code.slice(0, 9)
  if (level === 'prefecture') return `${code.slice(0, 2)}0000`
  return null
}

export function textOf(value: AttributeValue): string {
  return value === null ? '' : String(value).trim()
}

/** A population: a non-negative whole number ("12,345" and "1.2万" accepted). */
export function readPopulation(value: AttributeValue): { value: number | null; error?: string } {
  if (value === null || String(value).trim() === '') return { value: null }
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? { value: Math.round(value) } : { value: null, error: `人口 ${value} 无效` }
  const text = String(value).trim().replace(/[,，\s]/g, '')
  const wan = /^(\d+(?:\.\d+)?)万$/.exec(text)
  const n = wan ? Number(wan[1]) * 10_000 : /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN
  return Number.isFinite(n) ? { value: Math.round(n) } : { value: null, error: `人口“${value}”不是数字` }
}

/** A share 0..1: "12.5%" and 12.5 (a value above 1 is a percentage) are both 0.125. */
export function readShare(value: AttributeValue): { value: number | null; error?: string } {
  if (value === null || String(value).trim() === '') return { value: null }
  const text = String(value).trim().replace(/[\s％]/g, '%')
  const percent = text.endsWith('%')
  const n = Number(percent ? text.slice(0, -1) : text)
  if (!Number.isFinite(n) || n < 0) return { value: null, error: `少数民族占比“${value}”不是数字` }
  const share = percent || n > 1 ? n / 100 : n
  if (share > 1) return { value: null, error: `少数民族占比 ${value} 超过 100%` }
  return { value: Math.round(share * 10_000) / 10_000 }
}
