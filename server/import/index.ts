// Unit ledgers in: parse a file of any accepted format into a table, find its header, validate its rows.
//
//   const table = await parseUnitFile(bytes, 'ledger.xlsx', { sheet: '示范单位' })
//   const header = headerMapping(table)
//   const report = validateUnitRows(table, header, context, { duplicates: 'merge' })
//
// or all three at once with validateUnitFile. The format is chosen by the file's content where it is
// conclusive (an XLSX is a ZIP: "PK\x03\x04"; a legacy .xls is an OLE2 file), else by its extension
// (.csv .tsv .txt → CSV; .json .geojson → GeoJSON), else by a first character "{" → GeoJSON, else CSV.
// parseUnitFile reads on a worker thread (parse-pool.ts), within the limits of server/limits.ts.
import type { OnImportProgress } from '../shared/import-progress'
import { headerMapping, type ExplicitMapping } from './header-mapping'
import { namingFile } from './file-reading'
import { parseOffThread } from './parse-pool'
import { runInSlices } from './progress'
import type { OnRowsRead, ParseOptions } from './read-unit-file'
import type { ParsedTable } from './table'
import { unitRowChecks, validateUnitRows, type ImportReport, type ValidateOptions, type ValidationContext } from './validate-units'

/** Reads the file on a worker thread (parse-pool.ts), so that no upload holds up the event loop. */
export async function parseUnitFile(bytes: Uint8Array, fileName: string, { encoding, delimiter, sheet, limits }: ParseOptions = {}, onRowsRead?: OnRowsRead): Promise<ParsedTable> {
  const options: ParseOptions = { encoding, delimiter, sheet, limits }
  return namingFile(fileName, () => parseOffThread<ParsedTable>({ kind: 'units', bytes, fileName, options }, limits, onRowsRead))
}


export interface UnitFileOptions extends ParseOptions, ValidateOptions {
  mapping?: ExplicitMapping
  scanRows?: number // 10: rows searched for the header
}

/**
 * Parse, map and validate in one call: what the CLI and the import route do. With `onProgress` the rows are
 * checked in slices that let the event loop turn, and each phase's progress is reported (rows parsed, rows
 * checked); without it they are checked in one go.
 */
export async function validateUnitFile(
  bytes: Uint8Array,
  fileName: string,
  context: ValidationContext,
  options: UnitFileOptions = {},
  onProgress?: OnImportProgress,
): Promise<ImportReport> {
  onProgress?.({ phase: 'parse', done: 0, total: null })
  const table = await parseUnitFile(bytes, fileName, options, onProgress && ((done, total) => onProgress({ phase: 'parse', done, total })))
  onProgress?.({ phase: 'parse', done: table.rows.length, total: table.rows.length })
  return namingFile(fileName, async () => {
    const header = headerMapping(table, { explicit: options.mapping, scanRows: options.scanRows })
    if (onProgress === undefined) return validateUnitRows(table, header, context, options)
    const total = Math.max(0, table.rows.length - header.dataStart)
    onProgress({ phase: 'check', done: 0, total })
    const report = await runInSlices(unitRowChecks(table, header, context, options), (done) => onProgress({ phase: 'check', done, total }))
    onProgress({ phase: 'check', done: total, total })
    return report
  })
}

export { formatOf, readUnitFile, type ParseOptions } from './read-unit-file'
export { parseCsv, detectDelimiter, type CsvOptions, type CsvTable } from './csv'
export { decodeText, ENCODING_OPTIONS, type DecodedText, type EncodingOption, type TextEncoding } from './decode-text'
export { geoJsonUnitRows, GEOMETRY_COLUMNS, type GeoJsonTable } from './geojson-units'
export {
  detectHeader,
  fieldOfHeader,
  headerMapping,
  mapColumns,
  normaliseHeader,
  type ColumnMapping,
  type ExplicitMapping,
  type HeaderMapping,
  type HeaderOptions,
  type UnmappedColumn,
} from './header-mapping'
export { FIELD_LABELS, UNIT_FIELDS, type UnitField } from '../shared/unit-fields'
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
