// A unit ledger's bytes → a table, on the calling thread: what the upload workers run (parse-task.ts).
// Everything else calls parseUnitFile (index.ts), which runs this on a worker. Imports only the readers,
// so that a worker starts without loading validation.
import { UploadLimitError, uploadLimits, type UploadLimits } from '../limits'
import { lineCount, parseCsv } from './csv'
import { DELIMITERS, type Delimiter } from './table'
import { decodeText, type EncodingOption } from './decode-text'
import { geoJsonUnitRows } from './geojson-units'
import { ImportError } from './import-error'
import type { ParsedTable, TableFormat } from './table'
import { readXlsx } from './xlsx'

export interface ParseOptions {
  encoding?: EncodingOption // 'auto': CSV and GeoJSON text, see decode-text.ts
  delimiter?: Delimiter | 'auto' // 'auto': CSV only
  sheet?: string | number // XLSX: a name or a 1-based position; default the first sheet with data
  limits?: Partial<UploadLimits> // DEFAULT_UPLOAD_LIMITS: rows, columns, cells, zip sizes… (server/limits.ts)
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

/** Rows read so far of a total (null: not known yet): how far parsing has got, for the import's progress. */
export type OnRowsRead = (done: number, total: number | null) => void

/** parseUnitFile on this thread. */
export async function readUnitFile(bytes: Uint8Array, fileName: string, options: ParseOptions = {}, onRowsRead?: OnRowsRead): Promise<ParsedTable> {
  if (bytes.length === 0) throw new ImportError('文件是空的')
  const limits = uploadLimits(options.limits)
  const format = formatOf(bytes, fileName)
  if (format === 'xlsx') {
    const { rows, sheet, sheets } = await readXlsx(bytes, { sheet: options.sheet, limits, onRows: onRowsRead })
    return { fileName, format, rows, rowKind: 'line', sheet, sheets }
  }
  if (format === 'csv') checkCsvHead(bytes, options, limits)
  const { text, encoding } = decodeText(bytes, options.encoding)
  if (format === 'geojson') {
    const { rows, crs } = geoJsonUnitRows(text, limits)
    return { fileName, format, rows, rowKind: 'feature', headerIndex: 0, encoding, ...(crs === undefined ? {} : { crs }) }
  }
  // The line count is a CSV's row count but for quoted line breaks: the total while it is split.
  const lines = onRowsRead === undefined ? 0 : lineCount(text)
  const { rows, delimiter } = parseCsv(text, { delimiter: options.delimiter, limits, onRows: onRowsRead && ((done) => onRowsRead(done, lines)) })
  return { fileName, format, rows, rowKind: 'line', encoding, delimiter }
}

export function formatOf(bytes: Uint8Array, fileName: string): TableFormat {
  const startsWith = (magic: readonly number[]) => magic.every((b, i) => bytes[i] === b)
  const extension = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1] ?? ''
  if (startsWith(ZIP_MAGIC)) return 'xlsx'
  if (startsWith(OLE2_MAGIC) || extension === 'xls' || extension === 'et') {
    throw new ImportError('是旧版 Excel（.xls）或 WPS 文件，请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入')
  }
  if (extension === 'xlsx' || extension === 'xlsm') throw new ImportError('扩展名为 .xlsx，但内容不是 XLSX 工作簿（不是 ZIP 文件）')
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv'
  if (extension === 'json' || extension === 'geojson') return 'geojson'
  if (extension === 'shp' || extension === 'zip' || extension === 'kml' || extension === 'kmz') {
    throw new ImportError(`单位台账不支持 .${extension}：请用 CSV、XLSX 或 GeoJSON（点）`)
  }
  let first = 0
  while (first < bytes.length && (bytes[first] <= 0x20 || bytes[first] === 0xef || bytes[first] === 0xbb || bytes[first] === 0xbf)) first++
  return bytes[first] === 0x7b /* { */ ? 'geojson' : 'csv'
}

const HEAD_BYTES = 1 << 20

/**
 * Refuses a CSV whose first megabyte already breaks a limit under every delimiter it might be read with,
 * before the whole file is decoded (48 MB of UTF-8 is a 96 MB string). A prefix has no more columns, cells
 * or characters per cell than the whole, so what it breaks the whole breaks too.
 */
function checkCsvHead(bytes: Uint8Array, options: ParseOptions, limits: UploadLimits): void {
  if (bytes.length <= HEAD_BYTES) return // decoded whole anyway
  const head = headText(bytes.subarray(0, HEAD_BYTES), options.encoding)
  if (head === null) return
  const candidates = options.delimiter === undefined || options.delimiter === 'auto' ? DELIMITERS : [options.delimiter]
  let first: UploadLimitError | null = null
  for (const delimiter of candidates) {
    try {
      parseCsv(head, { delimiter, limits, strict: false })
      return // readable so far with this delimiter: decide on the whole file
    } catch (error) {
      if (!(error instanceof UploadLimitError)) return
      first ??= error
    }
  }
  if (first) throw first
}

/** The prefix decoded as the whole would be, a character cut at its end dropped; null for UTF-16. */
function headText(prefix: Uint8Array, encoding: ParseOptions['encoding']): string | null {
  if (prefix[0] === 0xff || prefix[0] === 0xfe) return null
  const decode = (label: string, fatal: boolean) => new TextDecoder(label, { fatal, ignoreBOM: false }).decode(prefix, { stream: true })
  if (encoding === 'gb18030') return decode('gb18030', false)
  if (encoding === 'utf8') return decode('utf-8', false)
  try {
    return decode('utf-8', true)
  } catch {
    return decode('gb18030', false)
  }
}

