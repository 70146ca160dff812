// An XLSX workbook → the rows of one sheet as strings, numbered as Excel numbers them. A merged range
// reads as its top-left value in every cell it covers, so a header merged over two columns, or a category
// merged down five rows, reaches every row and column that it labels.
//
// exceljs would inflate whatever the zip holds and keep every cell it finds, so the workbook is unzipped
// here first, within the limits (zip.ts), its cells counted in the sheet XML (xlsxCells), and exceljs given
// the members as a stored zip; a sheet's rows × columns are checked before they are read out.
import type ExcelJS from 'exceljs'
import { zipSync } from 'fflate'
import { checkLimit, DEFAULT_UPLOAD_LIMITS, UploadLimitError, type UploadLimits } from '../limits'
import { ImportError } from './import-error'
import type { SourceRow } from './table'
import { unzipCapped } from './zip'

export type XlsxLimits = Pick<UploadLimits, 'zipMembers' | 'memberBytes' | 'unzippedBytes' | 'xlsxCells' | 'rows' | 'columnsPerRow' | 'cellChars'>

export interface XlsxOptions {
  /** A sheet name, or a 1-based position among the workbook's sheets. Default: the first sheet with data. */
  sheet?: string | number
  limits?: XlsxLimits // DEFAULT_UPLOAD_LIMITS (server/limits.ts)
  onRows?: (rows: number, total: number) => void // called every 1024 rows read out of the loaded sheet
}

export interface XlsxTable {
  rows: SourceRow[]
  sheet: string // the sheet read
  sheets: string[] // every sheet, in workbook order
}

export async function readXlsx(bytes: Uint8Array, { sheet, limits = DEFAULT_UPLOAD_LIMITS, onRows }: XlsxOptions = {}): Promise<XlsxTable> {
  const workbook = await loadWorkbook(bytes, limits)
  const worksheets = workbook.worksheets
  const sheets = worksheets.map((w) => w.name)
  const chosen = chooseSheet(worksheets, sheet, limits)
  return { rows: sheetRows(chosen, limits, onRows), sheet: chosen.name, sheets }
}

export async function listSheets(bytes: Uint8Array, limits: XlsxLimits = DEFAULT_UPLOAD_LIMITS): Promise<string[]> {
  return (await loadWorkbook(bytes, limits)).worksheets.map((w) => w.name)
}

async function loadWorkbook(bytes: Uint8Array, limits: XlsxLimits): Promise<ExcelJS.Workbook> {
  let members: Record<string, Uint8Array>
  try {
    members = unzipCapped(bytes, limits)
  } catch (error) {
    if (error instanceof UploadLimitError || !(error instanceof ImportError)) throw error
    throw new ImportError(`不是有效的 XLSX 工作簿（${error.message}）`, { cause: error })
  }
  let cells = 0
  for (const [name, member] of Object.entries(members)) {
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) cells += elementCount(member, 'c')
    else if (/^xl\/sharedStrings\.xml$/i.test(name)) checkLimit(limits, 'xlsxCells', elementCount(member, 'si'), '共享字符串（sharedStrings.xml）的条数')
    checkLimit(limits, 'xlsxCells', cells, '工作簿的单元格数（<c> 元素）')
  }
  // Loaded here, not at the top: a worker that reads only CSV and shapefiles starts without it (~0.5 s).
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  try {
    // Stored, not deflated: exceljs reads exactly the members checked above and inflates nothing.
    const stored = zipSync(members, { level: 0 })
    await workbook.xlsx.load(Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) as never)
  } catch (error) {
    throw new ImportError(`不是有效的 XLSX 工作簿（${error instanceof Error ? error.message : String(error)}）`, {
      cause: error,
    })
  }
  return workbook
}

function chooseSheet(worksheets: ExcelJS.Worksheet[], sheet: string | number | undefined, limits: XlsxLimits): ExcelJS.Worksheet {
  const names = worksheets.map((w) => `“${w.name}”`).join('、')
  if (worksheets.length === 0) throw new ImportError('工作簿中没有工作表')
  if (typeof sheet === 'number') {
    const found = Number.isInteger(sheet) ? worksheets[sheet - 1] : undefined
    if (found === undefined) throw new ImportError(`没有第 ${sheet} 个工作表（共 ${worksheets.length} 个：${names}）`)
    return found
  }
  if (typeof sheet === 'string') {
    const found = worksheets.find((w) => w.name === sheet) ?? worksheets.find((w) => w.name.trim() === sheet.trim())
    if (found === undefined) throw new ImportError(`没有名为“${sheet}”的工作表（有 ${names}）`)
    return found
  }
  const withData = (w: ExcelJS.Worksheet) => sheetRows(w, limits).length > 0
  const found = worksheets.find((w) => w.state === 'visible' && withData(w)) ?? worksheets.find(withData)
  if (found === undefined) throw new ImportError(`所有工作表都是空的（${names}）`)
  return found
}

/** Rows 1…last non-blank, every row as wide as the widest; blank rows inside the range are kept. */
function sheetRows(worksheet: ExcelJS.Worksheet, limits: XlsxLimits, onRows?: (rows: number, total: number) => void): SourceRow[] {
  const rows: SourceRow[] = []
  const width = worksheet.columnCount
  const where = `工作表“${worksheet.name}”`
  checkLimit(limits, 'rows', worksheet.rowCount, `${where}的行数（到最后一个单元格）`)
  checkLimit(limits, 'columnsPerRow', width, `${where}的列数（到最后一个单元格）`)
  checkLimit(limits, 'xlsxCells', worksheet.rowCount * width, `${where}的行数 × 列数`) // each is a cell object below
  for (let r = 1; r <= worksheet.rowCount; r++) {
    const row = worksheet.getRow(r)
    const cells: string[] = []
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      const text = cellText(cell.isMerged ? cell.master.value : cell.value)
      checkLimit(limits, 'cellChars', text.length, `${where}第${r}行第${c}列的字符数`)
      cells.push(text)
    }
    rows.push({ line: r, cells })
    if (onRows !== undefined && r % 1024 === 0) onRows(r, worksheet.rowCount)
  }
  while (rows.length > 0 && rows[rows.length - 1].cells.every((cell) => cell.trim() === '')) rows.pop()
  return rows
}

/** A cell's value as the text a person reads in it: formulas by their result, dates as yyyy-mm-dd. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText.map((run: { text?: unknown }) => cellText(run.text)).join('')
    }
    if ('result' in value) return cellText(value.result)
    if ('formula' in value || 'sharedFormula' in value) return ''
    if ('error' in value) return String(value.error)
    if ('text' in value) return cellText(value.text)
  }
  return String(value)
}

/** How many <name …> / <name> / <name/> elements the XML holds: counted on the bytes, without parsing. */
export function elementCount(xml: Uint8Array, name: string): number {
  const open = [0x3c, ...Array.from(name, (c) => c.charCodeAt(0))]
  let found = 0
  for (let i = xml.indexOf(0x3c); i !== -1 && i + open.length < xml.length; i = xml.indexOf(0x3c, i + 1)) {
    let k = 1
    while (k < open.length && xml[i + k] === open[k]) k++
    const after = xml[i + open.length]
    if (k === open.length && (after === 0x20 || after === 0x3e || after === 0x2f || after === 0x09 || after === 0x0a || after === 0x0d)) found++
  }
  return found
}
