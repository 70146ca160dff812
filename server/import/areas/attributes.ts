// Area attributes from a table (CSV or XLSX): population and minority share, joined to the store's areas by
// code. Only those two values are written; names, levels and boundaries are left alone.
//
// The header is the first of the first 10 rows that names a code column (代码, 区划代码, adcode…) and at
// least one of 人口, 少数民族占比, 少数民族人口. A share is 0..1, or a percentage ("12.5%", or any value
// above 1); with only 少数民族人口, the share is minority ÷ population. Codes may be 6, 9 or 12 digits
// (a 12-digit statistical code padded with zeros is read as the area it pads). Blank rows and total rows
// (合计, 小计, 总计) are ignored; a code the store does not have is rejected.
import type { Area } from '../../shared/domain'
import { normaliseHeader } from '../header-mapping'
import { ImportError } from '../import-error'
import { isBlankRow, rowLabel, type ParsedTable } from '../table'
import type { IgnoredRow, RowStatus } from '../validate-units'
import { areaFieldMapping, readPopulation, readShare, type AreaFieldMapping, type ExplicitAreaFields } from './area-fields'
import type { ImportedArea } from './validate-areas'

export interface AttributeRowReport {
  row: number
  status: RowStatus
  code: string | null
  name: string | null
  population?: number | null
  minorityShare?: number | null
  messages: string[]
}

export interface AreaAttributesReport {
  kind: 'attributes'
  fileName: string
  format: ParsedTable['format']
  encoding?: ParsedTable['encoding']
  sheet?: string
  header: { line: number; columns: string[] }
  mapping: AreaFieldMapping
  totals: { rowsRead: number; accepted: number; warnings: number; rejected: number; ignored: number; updates: number }
  rows: AttributeRowReport[]
  ignored: IgnoredRow[]
}

const TOTAL_ROW = /^(合计|小计|总计|共计|全县|全市)/

export function validateAreaAttributes(table: ParsedTable, storeAreas: readonly Area[], fields: ExplicitAreaFields = {}): { report: AreaAttributesReport; areas: ImportedArea[] } {
  const byCode = new Map(storeAreas.map((a) => [a.code, a]))
  const headerIndex = table.rows.slice(0, 10).findIndex((row) => {
    const m = mappingOf(row.cells, fields, false)
    return m !== null && m.code !== null && (m.population !== null || m.minorityShare !== null || m.minorityPopulation !== null)
  })
  if (headerIndex < 0) {
    throw new ImportError('前 10 行中没有找到表头：属性表须有区划代码列（代码、区划代码、adcode）和 人口、少数民族占比 或 少数民族人口 列')
  }
  const header = table.rows[headerIndex]
  const mapping = mappingOf(header.cells, fields, true) as AreaFieldMapping
  const column = (field: keyof AreaFieldMapping) => (mapping[field] === null ? -1 : header.cells.indexOf(mapping[field] as string))
  const [codeAt, nameAt, popAt, shareAt, minorityAt] = (['code', 'name', 'population', 'minorityShare', 'minorityPopulation'] as const).map(column)

  const rows: AttributeRowReport[] = []
  const ignored: IgnoredRow[] = []
  const areas: ImportedArea[] = []
  const seen = new Map<string, number>()
  for (const { line, cells } of table.rows.slice(headerIndex + 1)) {
    const cell = (i: number) => (i < 0 ? '' : (cells[i] ?? '').trim())
    if (isBlankRow(cells)) {
      ignored.push({ row: line, reason: '空行' })
      continue
    }
    if (TOTAL_ROW.test(cell(codeAt)) || TOTAL_ROW.test(cell(nameAt)) || TOTAL_ROW.test((cells[0] ?? '').trim())) {
      ignored.push({ row: line, reason: '合计行' })
      continue
    }
    const at = `${rowLabel(table, line)}：`
    const errors: string[] = []
    const warnings: string[] = []
    const raw = cell(codeAt).replace(/\.0+$/, '')
    let code: string | null = null
    if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(raw)) errors.push(raw === '' ? '区划代码为空' : `区划代码“${raw}”应为 6、9 或 12 位数字`)
    else code = resolvedCode(raw, byCode)
    const area = code === null ? undefined : byCode.get(code)
    if (code !== null && !area) errors.push(`区划代码 ${code} 不在库中`)
    const name = nameAt < 0 ? null : cell(nameAt) || null
    if (area && name !== null && name !== area.name) warnings.push(`名称“${name}”与库中的“${area.name}”不同（名称不更新）`)
    if (code !== null && seen.has(code)) errors.push(`区划代码 ${code} 与第${seen.get(code)}行重复`)

    const population = popAt < 0 ? { value: undefined } : readPopulation(cell(popAt) || null)
    let share: { value: number | null | undefined; error?: string } = shareAt < 0 ? { value: undefined } : readShare(cell(shareAt) || null)
    if (shareAt < 0 && minorityAt >= 0) {
      const minority = readPopulation(cell(minorityAt) || null)
      const total = population.value ?? area?.population ?? null
      if (minority.error) share = { value: null, error: minority.error }
      else if (minority.value !== null && total) share = { value: Math.round((minority.value / total) * 10_000) / 10_000 }
      else if (minority.value !== null) share = { value: null, error: '有少数民族人口但没有总人口，无法计算占比' }
      if (share.value !== null && share.value !== undefined && share.value > 1) share = { value: null, error: `少数民族人口 ${minority.value} 超过总人口 ${total}` }
    }
    for (const problem of [population, share]) if ('error' in problem && problem.error) errors.push(problem.error)
    if (population.value == null && share.value == null && errors.length === 0) errors.push('人口和少数民族占比都为空')

    const report: AttributeRowReport = { row: line, status: 'accepted', code, name: area?.name ?? name, messages: [] }
    if (errors.length > 0 || code === null) {
      report.status = 'rejected'
      report.messages = [...errors, ...warnings].map((m) => at + m)
    } else {
      seen.set(code, line)
      report.status = warnings.length > 0 ? 'warning' : 'accepted'
      report.messages = warnings.map((m) => at + m)
      if (population.value !== undefined) report.population = population.value
      if (share.value !== undefined) report.minorityShare = share.value
      areas.push({
        code,
        exists: true,
        ...(population.value !== undefined ? { population: population.value } : {}),
        ...(share.value !== undefined ? { minorityShare: share.value } : {}),
      })
    }
    rows.push(report)
  }
  const count = (s: RowStatus) => rows.filter((r) => r.status === s).length
  return {
    report: {
      kind: 'attributes',
      fileName: table.fileName,
      format: table.format,
      ...(table.encoding ? { encoding: table.encoding } : {}),
      ...(table.sheet ? { sheet: table.sheet } : {}),
      header: { line: header.line, columns: header.cells },
      mapping,
      totals: { rowsRead: rows.length + ignored.length, accepted: count('accepted'), warnings: count('warning'), rejected: count('rejected'), ignored: ignored.length, updates: areas.length },
      rows,
      ignored,
    },
    areas,
  }
}

function mappingOf(cells: readonly string[], fields: ExplicitAreaFields, strict: boolean): AreaFieldMapping | null {
  const names = cells.map((c) => c.trim())
  try {
    const explicitKnown = Object.fromEntries(Object.entries(fields).filter(([, v]) => strict || names.some((n) => normaliseHeader(n) === normaliseHeader(v ?? ''))))
    return areaFieldMapping(names.filter(Boolean), [], null, explicitKnown)
  } catch (error) {
    if (strict) throw error
    return null
  }
}

/** A 12-digit code padded with zeros names the county or township it pads, when the store has that one. */
function resolvedCode(raw: string, byCode: ReadonlyMap<string, Area>): string {
  if (byCode.has(raw) || raw.length !== 12) return raw
  for (const length of [9, 6]) if (/^0+$/.test(raw.slice(length)) && byCode.has(raw.slice(0, length))) return raw.slice(0, length)
  return raw
}

