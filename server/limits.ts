// What an upload or a JSON body may cost the server, in one place. Every cap is checked before the work it
// bounds starts (a declared size, a Content-Length) and again while the work runs (bytes inflated, columns
// split), because what a file says about itself can be false. Breaking one is an UploadLimitError: a 4xx
// whose message names the limit (its key below) and the value found.
//
//   const caps = uploadLimits({ columnsPerRow: 50 })    // the defaults, with one changed
//   checkLimit(caps, 'columnsPerRow', cells.length, `第${line}行的列数`)
import { ImportError } from './import/import-error'

export interface UploadLimits {
  // Bytes on the wire (server/routes/import.ts, before the body is read and while it streams).
  anonymousUploadBytes: number // 5 MiB: an anonymous dry run; signing in lifts it to uploadBytes
  uploadBytes: number // 50 MiB: a signed-in caller's file
  anonymousUploadsPerMinute: number // 10: anonymous uploads per client address and minute
  // Zip archives: shapefile zips and XLSX workbooks (server/import/zip.ts).
  zipMembers: number // 1 000: entries in the central directory
  memberBytes: number // 128 MiB: one member, uncompressed
  unzippedBytes: number // 256 MiB: all members together, uncompressed
  // Tables: CSV, XLSX, GeoJSON features, DBF records (server/import/csv.ts, xlsx.ts, geojson-units.ts, areas/).
  rows: number // 200 000: rows, features or records in one file
  columnsPerRow: number // 1 000: cells in one row, properties of one feature, fields of a DBF
  cells: number // 2 000 000: rows × columns over the whole file
  xlsxCells: number // 500 000: cells of an XLSX (<c> elements); exceljs holds each in ~0.5 KB and ~40 µs
  cellChars: number // 32 767: characters in one cell (Excel's own limit)
  positions: number // 5 000 000: coordinates of a TopoJSON once its shared arcs are expanded; ~60 bytes each as GeoJSON, ~300 MB
  // Photos of visits (server/routes/photos.ts): a phone resizes to ≤ 1600 px first, ~0.3–1 MB as JPEG.
  photoBytes: number // 8 MiB: one photo
  // JSON: uploads and every API request body (server/http/validate.ts).
  jsonDepth: number // 64: arrays and objects nested in one another; a MultiPolygon FeatureCollection needs 8
  // The worker threads that read uploads (server/import/parse-pool.ts).
  parseSeconds: number // 60: one file's reading, after which its worker is stopped
  workerHeapMb: number // 512: a worker's JS heap; a file that needs more is refused, not the process killed
  queuedUploads: number // 8: files waiting for a worker; more are a 503
}

export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  anonymousUploadBytes: 5 << 20,
  uploadBytes: 50 << 20,
  anonymousUploadsPerMinute: 10,
  zipMembers: 1_000,
  memberBytes: 128 << 20,
  unzippedBytes: 256 << 20,
  rows: 200_000,
  columnsPerRow: 1_000,
  cells: 2_000_000,
  xlsxCells: 500_000,
  cellChars: 32_767,
  positions: 5_000_000,
  photoBytes: 8 << 20,
  jsonDepth: 64,
  parseSeconds: 60,
  workerHeapMb: 512,
  queuedUploads: 8,
})

export type LimitName = keyof UploadLimits

/** The defaults with `changes` applied. */
export function uploadLimits(changes: Partial<UploadLimits> = {}): UploadLimits {
  return { ...DEFAULT_UPLOAD_LIMITS, ...changes }
}

const UNITS: Partial<Record<LimitName, string>> = {
  anonymousUploadBytes: 'bytes',
  uploadBytes: 'bytes',
  memberBytes: 'bytes',
  unzippedBytes: 'bytes',
  photoBytes: 'bytes',
  workerHeapMb: 'MB',
  parseSeconds: 's',
}

/**
 * A limit broken: too large (a 413), or `busy` when the server has no room for the file now (a 503), with a
 * message naming limit and value. An ImportError too, so that whatever reports an unreadable file (the CLI, a
 * route) reports this one.
 */
export class UploadLimitError extends ImportError {
  constructor(
    message: string,
    readonly limit: LimitName,
    readonly busy = false,
  ) {
    super(message, busy ? { kind: 'unavailable', code: 'busy' } : { kind: 'too_large' })
  }
}

/**
 * Throws when `found` is over the limit. `what` says what was counted, e.g. "第1行的列数" or
 * "ZIP 成员“乡镇.shp”解压后的大小"; `more` marks a count that stopped early (found is then a lower bound).
 */
export function checkLimit<N extends LimitName>(limits: Pick<UploadLimits, N>, name: N, found: number, what: string, more = false): void {
  if (found > limits[name]) throw limitError(limits, name, found, what, more)
}

export function limitError<N extends LimitName>(limits: Pick<UploadLimits, N>, name: N, found: number, what: string, more = false): UploadLimitError {
  const unit = UNITS[name] ? ` ${UNITS[name]}` : ''
  return new UploadLimitError(`${what}${more ? '超过' : '为'} ${count(found)}${unit}，超出上限 ${name} = ${count(limits[name])}${unit}`, name)
}

/** 1,258,291,200: digits in groups, the same in every locale. */
export function count(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+$)/g, ',')
}

/**
 * The deepest nesting of arrays and objects in JSON text, without parsing it: brackets outside strings.
 * Cheap (one pass, no allocation), so it runs before JSON.parse on anything a caller sends.
 */
export function jsonDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (inString) {
      if (char === 0x5c /* \ */) i++
      else if (char === 0x22 /* " */) inString = false
    } else if (char === 0x22) {
      inString = true
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      if (++depth > deepest) deepest = depth
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
      depth--
    }
  }
  return deepest
}

/** Throws when `text` nests deeper than limits.jsonDepth; `what` names the text, e.g. "请求正文". */
export function checkJsonDepth(limits: Pick<UploadLimits, 'jsonDepth'>, text: string, what: string): void {
  const deepest = jsonDepth(text)
  if (deepest > limits.jsonDepth) {
    throw new UploadLimitError(`${what}嵌套 ${count(deepest)} 层，超出上限 jsonDepth = ${count(limits.jsonDepth)} 层`, 'jsonDepth')
  }
}
