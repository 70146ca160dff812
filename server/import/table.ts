// What every parser returns: the rows of one table, each with the number the sender sees for it.
import type { TextEncoding } from './decode-text'

export type Delimiter = ',' | '\t' | ';'
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';']

export interface SourceRow {
  /** 1-based: the CSV line the row starts on, the Excel row number, or the GeoJSON feature's position. */
  line: number
  cells: string[]
}

export type TableFormat = 'csv' | 'xlsx' | 'geojson'

export interface ParsedTable {
  fileName: string
  format: TableFormat
  rows: SourceRow[]
  /** How a row is named in messages: 第N行 for CSV and XLSX, 第N个要素 for GeoJSON. */
  rowKind: 'line' | 'feature'
  /** Index into `rows` of the header when the format fixes it (GeoJSON); otherwise it is detected. */
  headerIndex?: number
  encoding?: TextEncoding // CSV and GeoJSON
  delimiter?: Delimiter // CSV
  sheet?: string // XLSX: the sheet read
  sheets?: string[] // XLSX: every sheet in the workbook
  /** GeoJSON: the CRS its legacy `crs` member names, when it is one toWgs84 knows (e.g. 'EPSG:4490'). */
  crs?: string
}

/** "第14行" or "第3个要素". */
export function rowLabel(table: Pick<ParsedTable, 'rowKind'>, line: number): string {
  return table.rowKind === 'feature' ? `第${line}个要素` : `第${line}行`
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '')
}
