// RFC 4180 CSV: fields in double quotes may hold the delimiter, line breaks and doubled quotes ("");
// records end with CRLF, LF or a lone CR. Ledgers use a comma, a tab (Excel's "文本文件") or a semicolon.
// Each row keeps the 1-based line it starts on, so a report can say 第N行 for what the sender sees.
import { checkLimit, DEFAULT_UPLOAD_LIMITS, limitError, UploadLimitError, type UploadLimits } from '../limits'
import { ImportError } from './import-error'
import { DELIMITERS, type Delimiter, type SourceRow } from './table'

export type TableLimits = Pick<UploadLimits, 'rows' | 'columnsPerRow' | 'cells' | 'cellChars'>


export interface CsvOptions {
  delimiter?: Delimiter | 'auto' // 'auto': the candidate that splits the first rows most consistently
  sampleRows?: number // 20: rows looked at to choose the delimiter
  limits?: TableLimits // DEFAULT_UPLOAD_LIMITS: rows, columnsPerRow, cells, cellChars (server/limits.ts)
  strict?: boolean // true: a quote still open at the end is an error; false for a prefix of a file
  onRows?: (rows: number) => void // called every 1024 rows read: the import's progress (parse-task.ts)
}

export interface CsvTable {
  rows: SourceRow[]
  delimiter: Delimiter
}

export function parseCsv(text: string, { delimiter = 'auto', sampleRows = 20, limits = DEFAULT_UPLOAD_LIMITS, strict = true, onRows }: CsvOptions = {}): CsvTable {
  const chosen = delimiter === 'auto' ? detectDelimiter(text, sampleRows, limits) : delimiter
  return { rows: csvRows(text, chosen, limits, Infinity, strict, onRows), delimiter: chosen }
}

/** Lines in `text` (CRLF, LF or a lone CR ends one): the most rows it can hold, known before it is split. */
export function lineCount(text: string): number {
  let lines = 0
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (char === 0x0a || (char === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) lines++
  }
  const last = text.charCodeAt(text.length - 1)
  return text.length === 0 || last === 0x0a || last === 0x0d ? lines : lines + 1
}

/**
 * The delimiter that gives the most sample rows with the same number (> 1) of fields; on a tie, the one
 * with more fields, then the earlier in `,` `\t` `;`. Title rows and blank rows count for none of them.
 */
export function detectDelimiter(text: string, sampleRows = 20, limits: TableLimits = DEFAULT_UPLOAD_LIMITS): Delimiter {
  let best: { delimiter: Delimiter; rows: number; fields: number } = { delimiter: ',', rows: 0, fields: 0 }
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>()
    let sample: SourceRow[]
    try {
      sample = csvRows(text, delimiter, limits, sampleRows, false)
    } catch (error) {
      if (error instanceof UploadLimitError) continue // not this delimiter; the real parse says which limit
      throw error
    }
    for (const row of sample) {
      if (row.cells.length > 1) counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1)
    }
    for (const [fields, rows] of counts) {
      if (rows > best.rows || (rows === best.rows && fields > best.fields)) best = { delimiter, rows, fields }
    }
  }
  return best.delimiter
}

function csvRows(text: string, delimiter: Delimiter, caps: TableLimits, limit = Infinity, strict = true, onRows?: (rows: number) => void): SourceRow[] {
  const rows: SourceRow[] = []
  let cells: string[] = []
  let field = ''
  let line = 1 // the line the current character is on
  let rowLine = 1 // the line the current row started on
  let quoted = false // inside a quoted field
  let quoteLine = 0
  let cellCount = 0
  let i = 0
  const tooLong = () => limitError(caps, 'cellChars', field.length - 1, `第${line}行第${cells.length + 1}列的字符数`, true)
  const endField = () => {
    if (cells.length === caps.columnsPerRow) {
      const ahead = delimitersAhead(text, i, delimiter)
      // In a prefix (not strict), a line that runs to its end may go on: the count is a lower bound.
      throw limitError(caps, 'columnsPerRow', cells.length + 1 + ahead.found, `第${rowLine}行的列数`, !strict && ahead.toEnd)
    }
    cells.push(field)
    field = ''
  }
  const endRow = () => {
    endField()
    if (rows.length === caps.rows) throw limitError(caps, 'rows', rows.length + 1 + linesAhead(text, i), '文件的行数', !strict)
    cellCount += cells.length
    checkLimit(caps, 'cells', cellCount, `前${rows.length + 1}行的单元格数`, true)
    rows.push({ line: rowLine, cells })
    if (onRows !== undefined && rows.length % 1024 === 0) onRows(rows.length)
    cells = []
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
        if (field.length > caps.cellChars) throw tooLong()
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
      endField()
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else {
      field += char
      if (field.length > caps.cellChars) throw tooLong()
    }
    i++
  }
  if (quoted && strict) throw new ImportError(`第${quoteLine}行的引号没有闭合（CSV 字段以 " 开头就须以 " 结束）`)
  // The last record: unless the text ended with a line break (which ends a record, not starts one).
  if (rows.length < limit && (field !== '' || cells.length > 0 || quoted)) endRow()
  return rows
}

/** Delimiters from position `from` to the end of its line (quotes toggled, not parsed): a count for a message. */
function delimitersAhead(text: string, from: number, delimiter: Delimiter): { found: number; toEnd: boolean } {
  let found = 0
  let quoted = false
  for (let i = from; i < text.length; i++) {
    const char = text[i]
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) return { found, toEnd: false }
    else if (!quoted && char === delimiter) found++
  }
  return { found, toEnd: true }
}

/** Non-empty lines after the line break at `from`: a count for a message. */
function linesAhead(text: string, from: number): number {
  let lines = 0
  for (let i = text.indexOf('\n', from); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) lines++
  return lines
}
