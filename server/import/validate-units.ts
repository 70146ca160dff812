// A parsed ledger table → a report saying, row by row, what would be imported and what is wrong.
// One file, a little over 400 lines: the rules below run in one pass per row and read better together.
//
// Each data row (below the header) is one of:
// - ignored: blank rows; total rows (合计/小计/总计/共计 in the name or first cell); repeated header rows; rows
//   whose only content is one text — a section heading such as "一、省级示范单位" (often merged across the
//   row) or a footnote ("注：…", "填表人：…"). Counted, listed with the reason, not validated.
// - rejected: any error below; every error of the row is reported, so one pass fixes them all.
// - warning: imported, but a person should look (swapped lon/lat, an approximate category, a merge…).
// - accepted: imported as is.
//
// Errors: empty name; a control or bidi formatting character in the name, address, contact, notes or 编号
// (naming the code point; tabs and line breaks are allowed in the address, contact and notes); unknown category
// (listing the scheme's); unknown level or status; impossible year;
// a coordinate that is not a number, outside China (naming the value) or half missing; an area code or name
// that is not an area, or a name that several areas share; a point outside the area the row claims (naming
// both); no location at all (neither a point nor an area); a duplicate, when options.duplicates is 'reject'.
//
// Area: the code column, else the area column (a code or a name), else the area the point lies in
// (context.locateArea). A row whose area name is unknown but whose point is located is kept with a warning.
// The draft's areaCode is the area the ledger claims when it claims one, else the located leaf.
//
// Duplicates (see duplicates.ts) are looked for among earlier rows of the file that were not rejected and
// among context.existing. Policy: 'reject' rejects the later row; 'keep' imports it with a warning; 'merge'
// marks the draft with the existing unit's id (mergeInto) to update it — a duplicate within the file cannot
// be merged into a unit that does not exist yet, so it is rejected.
import type { Area, HonourLevel, Scheme, Unit, UnitStatus } from '../shared/domain'
import { areaByCode, areaLabel, areaLookup, areasByName, isAreaCode, pointAgreement, type AreaLookup } from './area-match'
import { parseCrs, readPoint, type CrsId } from './crs'
import { DuplicateIndex } from './duplicates'
import { compactText } from './half-width'
import { FIELD_LABELS, type UnitField } from '../shared/unit-fields'
import { normaliseHeader, type ColumnMapping, type HeaderMapping, type UnmappedColumn } from './header-mapping'
import { plainTextProblem } from '../text/plain-text'
import { runToEnd } from './progress'
import { isBlankRow, rowLabel, type ParsedTable } from './table'
import { normaliseCategory, normaliseLevel, normaliseStatus, parseCoordinate, parseYear, type Parsed } from './values'

export interface ExistingUnit {
  id: number
  name: string
  areaCode: string | null
  lon: number | null
  lat: number | null
  externalId?: string | null
}

export interface ValidationContext {
  scheme: Scheme
  areas: readonly Area[] // with WGS84 geometry where known
  /** The code of the leaf area containing a WGS84 point, or null when none does. */
  locateArea: (lon: number, lat: number) => string | null
  existing: readonly ExistingUnit[]
  reportingYear: number // a year named after it is impossible
}

export type DuplicatePolicy = 'reject' | 'merge' | 'keep'
export const DUPLICATE_POLICIES: readonly DuplicatePolicy[] = ['reject', 'merge', 'keep']

export interface ValidateOptions {
  crs?: CrsId // the table's own CRS (a GeoJSON `crs` member) if it names one, else 'wgs84'
  duplicates?: DuplicatePolicy // 'reject'
  duplicateRadiusM?: number // 50: same name within this distance is the same unit
}

/** A unit as a ledger row describes it: every Unit field but id and history. */
export interface UnitDraft extends Omit<Unit, 'id' | 'history'> {
  externalId: string | null
  mergeInto?: number // the existing unit this row updates (options.duplicates 'merge')
  sourceRow: number
}

export type RowStatus = 'accepted' | 'warning' | 'rejected'

export interface RowReport {
  row: number // source row number (CSV line, Excel row, GeoJSON feature position)
  status: RowStatus
  name?: string // a rejected row's unit name, when it has a printable one (accepted rows carry it in unit)
  messages: string[] // Chinese, each starting 第N行： (a rejected row with a name: 第N行（name）：)
  unit?: UnitDraft // absent when rejected
}

export interface IgnoredRow {
  row: number
  reason: string
}

export interface ImportTotals {
  rowsRead: number // data rows below the header, ignored ones included
  accepted: number
  warnings: number
  rejected: number
  ignored: number
}

export interface ImportReport {
  fileName: string
  format: ParsedTable['format']
  encoding?: ParsedTable['encoding']
  delimiter?: ParsedTable['delimiter']
  sheet?: string
  sheets?: string[]
  scheme: { id: string; name: string }
  crs: CrsId // the CRS degrees were read in
  crsUsed: Record<string, number> // rows with a point, by the CRS their point was read in
  duplicates: DuplicatePolicy
  header: { lines: number[]; columns: { column: number; header: string; field: UnitField | null }[] }
  mapping: ColumnMapping
  unmapped: UnmappedColumn[]
  totals: ImportTotals
  rows: RowReport[]
  ignored: IgnoredRow[]
}

/** Free text besides the name, checked for control and bidi formatting characters (server/text/plain-text.ts). */
const FREE_TEXT_FIELDS = ['address', 'contact', 'notes', 'externalId'] as const satisfies readonly UnitField[]

const TOTAL_ROW = /^(合计|小计|总计|共计|总数)/
const FOOTNOTE = /^(注|备注|说明|填表说明|填表人|制表人?|审核人?|联系人|填报单位|填报日期)[:：]/

export function validateUnitRows(table: ParsedTable, header: HeaderMapping, context: ValidationContext, options: ValidateOptions = {}): ImportReport {
  return runToEnd(unitRowChecks(table, header, context, options))
}

/**
 * validateUnitRows a row at a time: before each data row it yields how many it has checked, and it returns
 * the report. runInSlices (progress.ts) runs it in slices, letting the event loop turn and reporting progress.
 */
export function* unitRowChecks(
  table: ParsedTable,
  header: HeaderMapping,
  context: ValidationContext,
  { crs, duplicates = 'reject', duplicateRadiusM = 50 }: ValidateOptions = {},
): Generator<number, ImportReport, void> {
  const fileCrs: CrsId = crs ?? (table.crs === undefined ? 'wgs84' : parseCrs(table.crs))
  const lookup = areaLookup(context.areas)
  const labelOfCode = (code: string) => {
    const area = lookup.byCode.get(code)
    return area === undefined ? code : areaLabel(area)
  }
  const existing = new DuplicateIndex<ExistingUnit>(duplicateRadiusM, labelOfCode)
  for (const unit of context.existing) existing.add(unit)
  const earlier = new DuplicateIndex<UnitDraft>(duplicateRadiusM, labelOfCode)

  const rows: RowReport[] = []
  const ignored: IgnoredRow[] = []
  const crsUsed: Record<string, number> = {}
  const headerText = header.headers.map(normaliseHeader).join('|')
  const dataRows = table.rows.slice(header.dataStart)

  for (const [checkedRows, { line, cells }] of dataRows.entries()) {
    yield checkedRows
    const value = (field: UnitField) => cellsOf(cells, header.mapping[field])
    const ignoreReason = ignoredBecause(cells, value('name'), headerText)
    if (ignoreReason !== null) {
      ignored.push({ row: line, reason: ignoreReason })
      continue
    }
    const at = `${rowLabel(table, line)}：`
    const errors: string[] = []
    const warnings: string[] = []
    const checked = <T>(parsed: Parsed<T>, fallback: T): T => {
      if (!parsed.ok) {
        errors.push(parsed.reason)
        return fallback
      }
      if (parsed.warning !== undefined) warnings.push(parsed.warning)
      return parsed.value
    }

    const name = value('name').replace(/\s+/g, ' ')
    if (name === '') errors.push('单位名称为空')
    const freeText: [UnitField, string][] = [['name', name], ...FREE_TEXT_FIELDS.map((f): [UnitField, string] => [f, value(f)])]
    for (const [field, text] of freeText) {
      const problem = plainTextProblem(text, { lineBreaks: field !== 'name' && field !== 'externalId' })
      if (problem !== null) errors.push(`${FIELD_LABELS[field]} ${problem}`)
    }
    const category = checked(normaliseCategory(value('category'), context.scheme), '')
    const level: HonourLevel | null = checked(normaliseLevel(value('level')), null)
    const yearNamed = checked(parseYear(value('yearNamed'), context.reportingYear), null)
    const status: UnitStatus = checked(normaliseStatus(value('status'), { level, yearNamed }), '培育')
    if ((status === '命名' || status === '复查') && level === null && value('level') === '') {
      warnings.push(`状态为“${status}”但未填命名级别`)
    }

    const point = readRowPoint(value('lon'), value('lat'), fileCrs, errors, warnings)
    if (point !== null) crsUsed[point.crs] = (crsUsed[point.crs] ?? 0) + 1
    const located = point === null ? null : context.locateArea(point.lon, point.lat)
    const areaCode = rowArea(value('areaCode'), value('area'), point, located, lookup, errors, warnings)

    const draft: UnitDraft = {
      name,
      category,
      level,
      status,
      yearNamed,
      lon: point?.lon ?? null,
      lat: point?.lat ?? null,
      areaCode,
      address: value('address'),
      contact: value('contact'),
      notes: value('notes'),
      sample: false,
      externalId: value('externalId') === '' ? null : value('externalId'),
      sourceRow: line,
    }

    if (errors.length === 0) {
      const inFile = earlier.matches(draft)[0]
      const inStore = existing.matches(draft)
      if (inFile !== undefined) {
        const message = `与${rowLabel(table, inFile.candidate.sourceRow)}重复（${inFile.reason}）`
        if (duplicates === 'keep') warnings.push(`可能${message}，仍导入`)
        else errors.push(duplicates === 'merge' ? `${message}；文件内的重复行不合并` : message)
      } else if (inStore.length > 0) {
        const [first] = inStore
        const what = `已有单位 #${first.candidate.id}“${first.candidate.name}”`
        if (duplicates === 'reject') errors.push(`与${what}重复（${first.reason}）`)
        else if (duplicates === 'keep') warnings.push(`可能与${what}重复（${first.reason}），仍作为新单位导入`)
        else if (inStore.length > 1) {
          const ids = inStore.map((m) => `#${m.candidate.id}“${m.candidate.name}”（${m.reason}）`).join('、')
          errors.push(`与多个已有单位重复，无法确定合并到哪一个：${ids}`)
        } else {
          draft.mergeInto = first.candidate.id
          warnings.push(`与${what}重复（${first.reason}），将合并（更新该单位）`)
        }
      }
    }

    if (errors.length > 0) {
      // Named as well as numbered: a person finds "第14行（绥江县某商贸公司）" in the ledger without counting.
      const shown = nameForLabel(name)
      const named = shown === null ? at : `${rowLabel(table, line)}（${shown}）：`
      rows.push({ row: line, status: 'rejected', ...(shown === null ? {} : { name }), messages: [...errors, ...warnings].map((m) => named + m) })
      continue
    }
    earlier.add(draft)
    rows.push({
      row: line,
      status: warnings.length > 0 ? 'warning' : 'accepted',
      messages: warnings.map((m) => at + m),
      unit: draft,
    })
  }

  const count = (status: RowStatus) => rows.filter((r) => r.status === status).length
  const mappedField = new Map<number, UnitField>()
  for (const [field, columns] of Object.entries(header.mapping) as [UnitField, number[]][]) {
    for (const column of columns) mappedField.set(column, field)
  }
  return {
    fileName: table.fileName,
    format: table.format,
    ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
    ...(table.delimiter === undefined ? {} : { delimiter: table.delimiter }),
    ...(table.sheet === undefined ? {} : { sheet: table.sheet }),
    ...(table.sheets === undefined ? {} : { sheets: table.sheets }),
    scheme: { id: context.scheme.id, name: context.scheme.name },
    crs: fileCrs,
    crsUsed,
    duplicates,
    header: {
      lines: header.headerLines,
      columns: header.headers.map((text, column) => ({ column, header: text, field: mappedField.get(column) ?? null })),
    },
    mapping: header.mapping,
    unmapped: header.unmapped,
    totals: {
      rowsRead: dataRows.length,
      accepted: count('accepted'),
      warnings: count('warning'),
      rejected: count('rejected'),
      ignored: ignored.length,
    },
    rows,
    ignored,
  }
}

const LABEL_NAME_CHARS = 30

/**
 * A row's name as its label shows it, cut to 30 characters; null when there is none or it is not plain text
 * (a bidi control in the name must not reorder the message that reports it).
 */
function nameForLabel(name: string): string | null {
  if (name === '' || plainTextProblem(name, { lineBreaks: false }) !== null) return null
  const chars = [...name]
  return chars.length <= LABEL_NAME_CHARS ? name : `${chars.slice(0, LABEL_NAME_CHARS).join('')}…`
}

/** The trimmed text of a field's columns, joined with a space. */
function cellsOf(cells: readonly string[], columns: readonly number[] | undefined): string {
  if (columns === undefined) return ''
  return columns
    .map((c) => (cells[c] ?? '').trim())
    .filter((text) => text !== '')
    .join(' ')
}

function ignoredBecause(cells: readonly string[], name: string, headerText: string): string | null {
  if (isBlankRow(cells)) return '空行'
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '')
  const first = compactText(filled[0] ?? '')
  if (TOTAL_ROW.test(compactText(name)) || TOTAL_ROW.test(first)) return `合计行（“${filled[0]}”）`
  if (cells.map(normaliseHeader).join('|') === headerText) return '重复的表头行'
  const distinct = new Set(filled)
  if (distinct.size === 1 && (filled.length > 1 || name === '' || FOOTNOTE.test(first))) {
    return `只有一项内容（“${filled[0]}”），视为分组标题或表尾说明`
  }
  return null
}

interface RowPoint {
  lon: number
  lat: number
  crs: CrsId
}

function readRowPoint(lonText: string, latText: string, crs: CrsId, errors: string[], warnings: string[]): RowPoint | null {
  if (lonText === '' && latText === '') return null
  if (lonText === '' || latText === '') {
    errors.push(lonText === '' ? `只有纬度 ${latText}，没有经度` : `只有经度 ${lonText}，没有纬度`)
    return null
  }
  const x = parseCoordinate(lonText)
  const y = parseCoordinate(latText)
  if (!x.ok) errors.push(`${FIELD_LABELS.lon}${x.reason}`)
  if (!y.ok) errors.push(`${FIELD_LABELS.lat}${y.reason}`)
  if (!x.ok || !y.ok) return null
  const reading = readPoint(x.value, y.value, crs)
  if (!reading.ok) {
    errors.push(...reading.reasons)
    return null
  }
  warnings.push(...reading.warnings)
  return { lon: reading.lon, lat: reading.lat, crs: reading.crs }
}

/** The row's area code, pushing what is wrong with its area and its point. */
function rowArea(
  codeText: string,
  nameText: string,
  point: RowPoint | null,
  located: string | null,
  lookup: AreaLookup,
  errors: string[],
  warnings: string[],
): string | null {
  const pointText = point === null ? '' : `坐标 ${point.lon}, ${point.lat} `
  const locatedText = located === null ? '' : (lookup.byCode.has(located) ? areaLabel(lookup.byCode.get(located) as Area) : located)

  let byCode: Area | null = null
  let byName: Area | null = null
  let failed = false
  const codeCell = codeText !== '' ? codeText : nameText !== '' && isAreaCode(nameText) ? nameText : ''
  const nameCell = nameText !== '' && !isAreaCode(nameText) ? nameText : ''

  if (codeCell !== '') {
    const match = areaByCode(codeCell, lookup)
    if (match.kind === 'found') byCode = match.area
    else {
      failed = true
      errors.push(match.kind === 'invalid' ? match.reason : `行政区划代码 ${codeCell} 不在已知行政区划中`)
    }
  }
  if (nameCell !== '') {
    let candidates = areasByName(nameCell, lookup)
    if (candidates.length > 1 && point !== null) {
      const agreeing = candidates.filter((a) => pointAgreement(a, located, lookup) === 'inside')
      if (agreeing.length === 1) candidates = agreeing
    }
    if (candidates.length === 1) byName = candidates[0]
    else if (candidates.length > 1) {
      failed = true
      errors.push(`所属区域“${nameCell}”有 ${candidates.length} 个同名区域：${candidates.map(areaLabel).join('、')}；请填写行政区划代码`)
    } else if (byCode === null && !failed && located !== null) {
      warnings.push(`所属区域“${nameCell}”不在已知行政区划中，按坐标归入 ${locatedText}`)
    } else if (byCode === null && !failed) {
      failed = true
      errors.push(`所属区域“${nameCell}”不在已知行政区划中`)
    }
  }
  if (byCode !== null && byName !== null && byCode !== byName) {
    errors.push(`行政区划代码 ${areaLabel(byCode)} 与所属区域“${nameCell}”（${areaLabel(byName)}）不一致`)
    return null
  }
  if (failed) return null
  const claimed = byCode ?? byName

  if (claimed === null) {
    if (point === null) {
      errors.push('既无坐标也无所属区域，无法定位')
      return null
    }
    if (located === null) {
      errors.push(`${pointText}不在任何已知行政区内，且未填所属区域`)
      return null
    }
    return located
  }
  if (point === null) return claimed.code
  const agreement = pointAgreement(claimed, located, lookup)
  if (agreement === 'outside') {
    errors.push(
      located === null
        ? `${pointText}不在所报区域 ${areaLabel(claimed)} 内（不在任何已知行政区内）`
        : `${pointText}位于 ${locatedText}，不在所报区域 ${areaLabel(claimed)} 内`,
    )
    return null
  }
  if (agreement === 'unchecked') warnings.push(`所报区域 ${areaLabel(claimed)} 没有边界数据，无法核对坐标`)
  return claimed.code
}
