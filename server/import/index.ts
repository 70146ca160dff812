// Unit ledgers in: parse a file of any accepted format into a table, find its header, validate its rows.
//
//   const table = await parseUnitFile(bytes, 'ledger.xlsx', { sheet: '示范单位' })
//   const header = headerMapping(table)
//   const report = validateUnitRows(table, header, context, { duplicates: 'merge' })
//
// or all three at once with validateUnitFile. The format is chosen by the file's content where it is
// conclusive (an XLSX is a ZIP: "PK\x03\x04"; a legacy .xls is an OLE2 file), else by its extension
// (.csv .tsv .txt → CSV; .json .geojson → GeoJSON), else by a first character "{" → GeoJSON, else CSV.
import { parseCsv, type Delimiter } from './csv'
import { decodeText, type EncodingOption } from './decode-text'
import { geoJsonUnitRows } from './geojson-units'
import { headerMapping, type ExplicitMapping } from './header-mapping'
import { ImportError } from './import-error'
import type { ParsedTable, TableFormat } from './table'
import { validateUnitRows, type ImportReport, type ValidateOptions, type ValidationContext } from './validate-units'
import { readXlsx } from './xlsx'

export interface ParseOptions {
  encoding?: EncodingOption // 'auto': CSV and GeoJSON text, see decode-text.ts
  delimiter?: Delimiter | 'auto' // 'auto': CSV only
  sheet?: string | number // XLSX: a name or a 1-based position; default the first sheet with data
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

export async function parseUnitFile(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<ParsedTable> {
  return naming(fileName, () => parseByFormat(bytes, fileName, options))
}

/** Runs `read`, prefixing the message of an ImportError it throws with the file's name. */
async function naming<T>(fileName: string, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError(`无法读取文件“${fileName}”：${error.message}`, { cause: error })
    throw error
  }
}

async function parseByFormat(bytes: Uint8Array, fileName: string, options: ParseOptions): Promise<ParsedTable> {
  if (bytes.length === 0) throw new ImportError('文件是空的')
  const format = formatOf(bytes, fileName)
  if (format === 'xlsx') {
    const { rows, sheet, sheets } = await readXlsx(bytes, { sheet: options.sheet })
    return { fileName, format, rows, rowKind: 'line', sheet, sheets }
  }
  const { text, encoding } = decodeText(bytes, options.encoding)
  if (format === 'geojson') {
    const { rows, crs } = geoJsonUnitRows(text)
    return { fileName, format, rows, rowKind: 'feature', headerIndex: 0, encoding, ...(crs === undefined ? {} : { crs }) }
  }
  const { rows, delimiter } = parseCsv(text, { delimiter: options.delimiter })
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

export interface UnitFileOptions extends ParseOptions, ValidateOptions {
  mapping?: ExplicitMapping
  scanRows?: number // 10: rows searched for the header
}

/** Parse, map and validate in one call: what the CLI and the import route do. */
export async function validateUnitFile(
  bytes: Uint8Array,
  fileName: string,
  context: ValidationContext,
  options: UnitFileOptions = {},
): Promise<ImportReport> {
  const table = await parseUnitFile(bytes, fileName, options)
  return naming(fileName, () => {
    const header = headerMapping(table, { explicit: options.mapping, scanRows: options.scanRows })
    return validateUnitRows(table, header, context, options)
  })
}

export { parseCsv, detectDelimiter, DELIMITERS, type CsvOptions, type CsvTable, type Delimiter } from './csv'
export { decodeText, ENCODING_OPTIONS, type DecodedText, type EncodingOption, type TextEncoding } from './decode-text'
export { geoJsonUnitRows, GEOMETRY_COLUMNS, type GeoJsonTable } from './geojson-units'
export {
  detectHeader,
  fieldOfHeader,
  FIELD_LABELS,
  headerMapping,
  mapColumns,
  normaliseHeader,
  UNIT_FIELDS,
  type ColumnMapping,
  type ExplicitMapping,
  type HeaderMapping,
  type HeaderOptions,
  type UnitField,
  type UnmappedColumn,
} from './header-mapping'
export { ImportError } from './import-error'
export { rowLabel, type ParsedTable, type SourceRow, type TableFormat } from './table'
export {
  CHINA_BOX,
  fromWgs84,
  gaussKruger,
  gaussKrugerEpsg,
  parseCrs,
  readPoint,
  toWgs84,
  type CrsId,
  type GaussKruger,
  type GeographicCrs,
} from './crs'
export {
  FIRST_NAMING_YEAR,
  normaliseCategory,
  normaliseLevel,
  normaliseStatus,
  parseCoordinate,
  parseYear,
  type Coordinate,
  type Parsed,
} from './values'
export {
  DUPLICATE_POLICIES,
  validateUnitRows,
  type DuplicatePolicy,
  type ExistingUnit,
  type ImportReport,
  type ImportTotals,
  type IgnoredRow,
  type RowReport,
  type RowStatus,
  type UnitDraft,
  type ValidateOptions,
  type ValidationContext,
} from './validate-units'
export { listSheets, readXlsx, type XlsxOptions, type XlsxTable } from './xlsx'
