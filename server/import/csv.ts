// RFC 4180 CSV: fields in double quotes may hold the delimiter, line breaks and doubled quotes ("");
// records end with CRLF, LF or a lone CR. Ledgers use a comma, a tab (Excel's "文本文件") or a semicolon.
// Each row keeps the 1-based line it starts on, so a report can say 第N行 for what the sender sees.
import { ImportError } from './import-error'
import type { SourceRow } from './table'

export type Delimiter = ',' | '\t' | ';'
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';']

export interface CsvOptions {
  delimiter?: Delimiter | 'auto' // 'auto': the candidate that splits the first rows most consistently
  sampleRows?: number // 20: rows looked at to choose the delimiter
}

export interface CsvTable {
  rows: SourceRow[]
  delimiter: Delimiter
}

export function parseCsv(text: string, { delimiter = 'auto', sampleRows = 20 }: CsvOptions = {}): CsvTable {
  const chosen = delimiter === 'auto' ? detectDelimiter(text, sampleRows) : delimiter
  return { rows: csvRows(text, chosen), delimiter: chosen }
}

/**
 * The delimiter that gives the most sample rows with the same number (> 1) of fields; on a tie, the one
 * with more fields, then the earlier in `,` `\t` `;`. Title rows and blank rows count for none of them.
 */
export function detectDelimiter(text: string, sampleRows = 20): Delimiter {
  let best: { delimiter: Delimiter; rows: number; fields: number } = { delimiter: ',', rows: 0, fields: 0 }
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>()
    for (const row of csvRows(text, delimiter, sampleRows, false)) {
      if (row.cells.length > 1) counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1)
    }
    for (const [fields, rows] of counts) {
      if (rows > best.rows || (rows === best.rows && fields > best.fields)) best = { delimiter, rows, fields }
    }
  }
  return best.delimiter
}

function csvRows(text: string, delimiter: Delimiter, limit = Infinity, strict = true): SourceRow[] {
  const rows: SourceRow[] = []
  let cells: string[] = []
  let field = ''
  let line = 1 // the line the current character is on
  let rowLine = 1 // the line the current row started on
  let quoted = false // inside a quoted field
  let quoteLine = 0
  let i = 0
  const endRow = () => {
    cells.push(field)
    rows.push({ line: rowLine, cells })
    cells = []
    field = ''
  }
  while (i < text.length && rows.length < limit) {
    const char = text[i]
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
      } else {
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++
        field += char
      }
      i++
      continue
    }
    if (char === '"' && field.trim() === '') {
      // A quote opens a field only at its start (spaces before it are dropped); elsewhere it is literal.
      field = ''
      quoted = true
      quoteLine = line
    } else if (char === delimiter) {
      cells.push(field)
      field = ''
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else {
      field += char
    }
    i++
  }
  if (quoted && strict) throw new ImportError(`第${quoteLine}行的引号没有闭合（CSV 字段以 " 开头就须以 " 结束）`)
  // The last record: unless the text ended with a line break (which ends a record, not starts one).
  if (rows.length < limit && (field !== '' || cells.length > 0 || quoted)) endRow()
  return rows
}
