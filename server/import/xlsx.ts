// An XLSX workbook → the rows of one sheet as strings, numbered as Excel numbers them. A merged range
// reads as its top-left value in every cell it covers, so a header merged over two columns, or a category
// merged down five rows, reaches every row and column that it labels.
import ExcelJS from 'exceljs'
import { ImportError } from './import-error'
import type { SourceRow } from './table'

export interface XlsxOptions {
  /** A sheet name, or a 1-based position among the workbook's sheets. Default: the first sheet with data. */
  sheet?: string | number
}

export interface XlsxTable {
  rows: SourceRow[]
  sheet: string // the sheet read
  sheets: string[] // every sheet, in workbook order
}

export async function readXlsx(bytes: Uint8Array, { sheet }: XlsxOptions = {}): Promise<XlsxTable> {
  const workbook = await loadWorkbook(bytes)
  const worksheets = workbook.worksheets
  const sheets = worksheets.map((w) => w.name)
  const chosen = chooseSheet(worksheets, sheet)
  return { rows: sheetRows(chosen), sheet: chosen.name, sheets }
}

export async function listSheets(bytes: Uint8Array): Promise<string[]> {
  return (await loadWorkbook(bytes)).worksheets.map((w) => w.name)
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  try {
    // exceljs's types ask for a Node Buffer; share the caller's memory rather than copy it.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never)
  } catch (error) {
    throw new ImportError(`不是有效的 XLSX 工作簿（${error instanceof Error ? error.message : String(error)}）`, {
      cause: error,
    })
  }
  return workbook
}

function chooseSheet(worksheets: ExcelJS.Worksheet[], sheet: string | number | undefined): ExcelJS.Worksheet {
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
  const withData = (w: ExcelJS.Worksheet) => sheetRows(w).length > 0
  const found = worksheets.find((w) => w.state === 'visible' && withData(w)) ?? worksheets.find(withData)
  if (found === undefined) throw new ImportError(`所有工作表都是空的（${names}）`)
  return found
}

/** Rows 1…last non-blank, every row as wide as the widest; blank rows inside the range are kept. */
function sheetRows(worksheet: ExcelJS.Worksheet): SourceRow[] {
  const rows: SourceRow[] = []
  const width = worksheet.columnCount
  for (let r = 1; r <= worksheet.rowCount; r++) {
    const row = worksheet.getRow(r)
    const cells: string[] = []
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      cells.push(cellText(cell.isMerged ? cell.master.value : cell.value))
    }
    rows.push({ line: r, cells })
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
