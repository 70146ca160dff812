// Which row is the header and which column holds which unit field.
//
// Header row: the first of the first `scanRows` rows in which at least two cells are known column names
// (title rows such as "绥江县民族团结进步示范单位台账" above it are skipped). A two-row header — group labels
// merged across columns above the names, e.g. "坐标" over "经度 | 纬度" — is read as one: when the row after
// the header holds at least one known name and otherwise only repeats the cell above it (a vertical merge),
// each column takes its lower label.
//
// Columns: a header's text is normalised (full-width → half-width, lower case, no spaces, no asterisks
// marking required fields, no bracketed units or notes: "经度（°）" → "经度", "乡镇（街道）" → "乡镇") and
// looked up in the synonyms below. A field is taken from the first column that names it; later columns
// naming it again are left unmapped — except contact, address and notes, which join all their columns
// ("联系人" + "联系电话" → "张三 13800000000").
//
// 序号 is never an id: it is a row counter that changes whenever a row is inserted, so it is left unmapped.
// externalId comes from 编号, 单位编号, 统一社会信用代码 or id.
//
// An explicit mapping (field → header text or 0-based column index) overrides detection for its fields and
// takes its columns away from any detected field; its header texts also count as known names when the
// header row is looked for. Its `ignore` list (header texts or column indexes) names columns that are not
// imported even where detection recognises them: a person's "不导入" wins over a synonym.
import { FIELD_LABELS, MULTI_COLUMN_FIELDS, UNIT_FIELDS, type UnitField } from '../shared/unit-fields'
import { compactText } from './half-width'
import { ImportError } from './import-error'
import { isBlankRow, type ParsedTable, type SourceRow } from './table'


/** Field → 0-based column indexes (one column, except for MULTI_COLUMN_FIELDS). */
export type ColumnMapping = Partial<Record<UnitField, number[]>>

/** A header text or a 0-based column index. */
export type ColumnRef = string | number

/** Field → a column, or several for MULTI_COLUMN_FIELDS; `ignore`: columns not imported, whatever they are named. */
export type ExplicitMapping = Partial<Record<UnitField, ColumnRef | readonly ColumnRef[]>> & { ignore?: readonly ColumnRef[] }

export interface UnmappedColumn {
  column: number // 0-based
  header: string
  reason: string
}

export interface HeaderMapping {
  headerIndex: number // index into table.rows of the header row (the upper one of a two-row header)
  headerLines: number[] // the header rows' source lines
  dataStart: number // index into table.rows of the first data row
  headers: string[] // each column's label as written (a two-row header's lower label where it has one)
  mapping: ColumnMapping
  unmapped: UnmappedColumn[]
}

export interface HeaderOptions {
  explicit?: ExplicitMapping
  scanRows?: number // 10: rows searched for the header
}

/** Normalised header text → field. Keys are written as normaliseHeader returns them. */
const SYNONYMS: Readonly<Record<UnitField, readonly string[]>> = {
  name: ['单位名称', '名称', '示范单位名称', '创建单位名称', '示范单位', '创建单位', '单位', '单位全称', '示范点名称', 'name', 'unitname'],
  category: ['创建类别', '类别', '类型', '单位类别', '单位类型', '创建类型', '示范类别', '所属类别', '创建领域', 'category', 'type'],
  level: ['命名级别', '级别', '示范级别', '命名层级', '层级', '荣誉级别', '表彰级别', 'level', 'honourlevel'],
  yearNamed: ['命名年份', '年份', '命名时间', '命名年度', '年度', '命名日期', '命名年', '表彰时间', '表彰年份', 'year', 'yearnamed'],
  status: ['状态', '创建状态', '当前状态', 'status'],
  lon: ['经度', '东经', 'x坐标', 'lng', 'lon', 'long', 'longitude', 'x'],
  lat: ['纬度', '北纬', 'y坐标', 'lat', 'latitude', 'y'],
  areaCode: ['行政区划代码', '区划代码', '所属区划代码', '乡镇代码', '区域代码', 'areacode', 'adcode'],
  area: ['所属乡镇', '乡镇', '街道', '乡镇街道', '所属乡镇街道', '所属街道', '所在乡镇', '乡镇名称', '所属区域', '区域', 'area'],
  address: ['地址', '详细地址', '单位地址', '所在地址', '地点', 'address', 'addr'],
  contact: ['联系人', '联系方式', '电话', '联系电话', '负责人', '手机', 'contact', 'phone', 'tel'],
  externalId: ['编号', '单位编号', '台账编号', '统一社会信用代码', 'id', 'externalid'],
  notes: ['备注', '说明', '备注说明', 'notes', 'note', 'remark', 'remarks', 'memo'],
}

/** Row counters: recognised so that they are not mistaken for ids, and never mapped. */
const ROW_COUNTERS: readonly string[] = ['序号', '序', 'no', '行号']

const FIELD_BY_SYNONYM: ReadonlyMap<string, UnitField> = new Map(
  UNIT_FIELDS.flatMap((field) => SYNONYMS[field].map((synonym) => [synonym, field] as const)),
)


export function normaliseHeader(text: string): string {
  return compactText(text)
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '')
    .replace(/[*_\-.:。]/g, '')
}

export function fieldOfHeader(text: string): UnitField | null {
  return FIELD_BY_SYNONYM.get(normaliseHeader(text)) ?? null
}

export function headerMapping(table: ParsedTable, { explicit = {}, scanRows = 10 }: HeaderOptions = {}): HeaderMapping {
  const found = table.headerIndex === undefined ? detectHeader(table.rows, { explicit, scanRows }) : fixedHeader(table)
  const { mapping, unmapped } = mapColumns(found.headers, explicit)
  if (mapping.name === undefined) {
    const written = found.headers.filter((h) => h.trim() !== '').join('、')
    throw new ImportError(
      `表头（${linesText(found.headerLines)}）中没有单位名称列（可用列名：${SYNONYMS.name.slice(0, 3).join('、')}）；表头为：${written}`,
    )
  }
  return { ...found, mapping, unmapped }
}

type FoundHeader = Pick<HeaderMapping, 'headerIndex' | 'headerLines' | 'dataStart' | 'headers'>

function fixedHeader(table: ParsedTable): FoundHeader {
  const headerIndex = table.headerIndex ?? 0
  const header = table.rows[headerIndex]
  if (header === undefined) throw new ImportError('没有表头行')
  return { headerIndex, headerLines: [header.line], dataStart: headerIndex + 1, headers: [...header.cells] }
}

export function detectHeader(rows: readonly SourceRow[], { explicit = {}, scanRows = 10 }: HeaderOptions = {}): FoundHeader {
  const explicitHeaders = new Set(
    UNIT_FIELDS.flatMap((field) => columnRefsOf(explicit[field]))
      .filter((v): v is string => typeof v === 'string')
      .map(normaliseHeader),
  )
  const isKnown = (cell: string) => {
    const normal = normaliseHeader(cell)
    return normal !== '' && (FIELD_BY_SYNONYM.has(normal) || explicitHeaders.has(normal))
  }
  const last = Math.min(rows.length, scanRows)
  for (let i = 0; i < last; i++) {
    const cells = rows[i].cells
    if (cells.filter(isKnown).length < 2) continue
    const below = rows[i + 1]
    const isSubHeader =
      below !== undefined &&
      !isBlankRow(below.cells) &&
      below.cells.some(isKnown) &&
      below.cells.every((cell, c) => cell.trim() === '' || isKnown(cell) || cell === cells[c])
    if (!isSubHeader) return { headerIndex: i, headerLines: [rows[i].line], dataStart: i + 1, headers: [...cells] }
    const width = Math.max(cells.length, below.cells.length)
    const headers = Array.from({ length: width }, (_, c) => {
      const lower = below.cells[c] ?? ''
      return lower.trim() !== '' ? lower : (cells[c] ?? '')
    })
    return { headerIndex: i, headerLines: [rows[i].line, below.line], dataStart: i + 2, headers }
  }
  const lines = rows.slice(0, last)
  const span = lines.length === 0 ? '文件中没有任何行' : `第${lines[0].line}–${lines[lines.length - 1].line}行`
  throw new ImportError(`前 ${scanRows} 行（${span}）中没有找到表头：表头须至少含 2 个可识别的列名，如 单位名称、类别、命名级别、经度、纬度`)
}

export function mapColumns(headers: readonly string[], explicit: ExplicitMapping = {}): { mapping: ColumnMapping; unmapped: UnmappedColumn[] } {
  const mapping: ColumnMapping = {}
  const claimed = new Map<number, UnitField>()
  for (const field of UNIT_FIELDS) {
    const given = explicit[field]
    if (given === undefined) continue
    const columns = columnRefsOf(given).map((g) => explicitColumn(headers, FIELD_LABELS[field], g))
    if (columns.length > 1 && !MULTI_COLUMN_FIELDS.has(field)) {
      throw new ImportError(`“${FIELD_LABELS[field]}”只能对应一列，指定了 ${columns.length} 列`)
    }
    for (const column of columns) {
      const other = claimed.get(column)
      if (other !== undefined) {
        throw new ImportError(`第 ${column + 1} 列（${headers[column]}）被同时指定为“${FIELD_LABELS[other]}”和“${FIELD_LABELS[field]}”`)
      }
      claimed.set(column, field)
    }
    mapping[field] = columns
  }
  const ignored = new Set<number>()
  for (const given of explicit.ignore ?? []) {
    const column = explicitColumn(headers, '不导入', given)
    const other = claimed.get(column)
    if (other !== undefined) throw new ImportError(`第 ${column + 1} 列（${headers[column]}）被同时指定为“${FIELD_LABELS[other]}”和“不导入”`)
    ignored.add(column)
  }

  const unmapped: UnmappedColumn[] = []
  headers.forEach((header, column) => {
    if (claimed.has(column)) return
    const normal = normaliseHeader(header)
    const leave = (reason: string) => unmapped.push({ column, header, reason })
    if (normal === '') return leave('无列名')
    if (ROW_COUNTERS.includes(normal)) return leave('序号是行号，不作为编号导入')
    const field = FIELD_BY_SYNONYM.get(normal)
    if (field === undefined) return leave('无法识别的列名')
    if (ignored.has(column)) return leave(`已选择不导入（列名可识别为“${FIELD_LABELS[field]}”）`)
    const columns = mapping[field]
    if (columns === undefined) {
      mapping[field] = [column]
    } else if (explicit[field] !== undefined) {
      leave(`“${FIELD_LABELS[field]}”已指定为第 ${columns[0] + 1} 列`)
    } else if (MULTI_COLUMN_FIELDS.has(field)) {
      columns.push(column)
    } else {
      leave(`与第 ${columns[0] + 1} 列（${headers[columns[0]]}）同为“${FIELD_LABELS[field]}”，只取第一列`)
    }
  })
  return { mapping, unmapped }
}

function columnRefsOf(given: ColumnRef | readonly ColumnRef[] | undefined): readonly ColumnRef[] {
  return given === undefined ? [] : typeof given === 'string' || typeof given === 'number' ? [given] : given
}

/** The column `given` names; `label` says what for in the error ("单位名称", "不导入"). */
function explicitColumn(headers: readonly string[], label: string, given: ColumnRef): number {
  if (typeof given === 'number') {
    if (Number.isInteger(given) && given >= 0 && given < headers.length) return given
    throw new ImportError(`“${label}”指定的第 ${given} 列不存在（列号从 0 起，共 ${headers.length} 列）`)
  }
  const exact = headers.findIndex((h) => h.trim() === given.trim())
  if (exact >= 0) return exact
  const normal = headers.findIndex((h) => normaliseHeader(h) === normaliseHeader(given))
  if (normal >= 0) return normal
  throw new ImportError(`“${label}”指定的列“${given}”不在表头中（表头为：${headers.filter((h) => h.trim() !== '').join('、')}）`)
}

function linesText(lines: readonly number[]): string {
  return lines.length === 0 ? '无' : lines.map((line) => `第${line}行`).join('、')
}
