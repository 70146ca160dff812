// How far an import has got: the events POST /api/import/units|areas streams when asked for progress, and
// what the wizard (/data) and the CLI (`atlas import`) show of them. Pure; shared by server and web.
//
// An import runs three phases, in order: parse (the file read into rows, on a worker thread), check (every
// row validated against the store) and write (the accepted rows committed; only when it is not a dry run).
// `total` is null while it is not known yet; parsing a CSV counts its lines first, so its total is the line
// count until the last event of the phase, which carries the rows actually read.

export const IMPORT_PHASES = ['parse', 'check', 'write'] as const
export type ImportPhase = (typeof IMPORT_PHASES)[number]

export interface ImportProgress {
  phase: ImportPhase
  done: number // rows (features, for boundaries) through this phase so far
  total: number | null
}

export type OnImportProgress = (progress: ImportProgress) => void

/**
 * One line of the progress stream (application/x-ndjson, one JSON object per line): any number of progress
 * events, then exactly one `result` (the body the plain JSON answer has, status 200) or one `error` (the
 * status and `{ error: { code, message } }` body the plain answer would have had).
 */
export type ImportStreamEvent<Result> =
  | ({ type: 'progress' } & ImportProgress)
  | { type: 'result'; status: 200; body: Result }
  | { type: 'error'; status: number; body: { error: { code: string; message: string; details?: unknown } } }

export const IMPORT_PROGRESS_TYPE = 'application/x-ndjson'

export const PHASE_LABELS: Readonly<Record<ImportPhase, string>> = { parse: '读取文件', check: '逐行检查', write: '写入' }
export const PHASE_VERBS: Readonly<Record<ImportPhase, string>> = { parse: 'parsing', check: 'checking', write: 'writing' }

/** done / total, within 0..1; null while the total is unknown. */
export function phaseFraction({ done, total }: Pick<ImportProgress, 'done' | 'total'>): number | null {
  if (total === null) return null
  if (total <= 0) return 1
  return Math.min(1, Math.max(0, done / total))
}

/** "12 000 / 50 000" (or "12 000" while the total is unknown), digits grouped by thin spaces. */
export function progressCounts({ done, total }: Pick<ImportProgress, 'done' | 'total'>): string {
  const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009')
  return total === null ? grouped(done) : `${grouped(done)} / ${grouped(total)}`
}

/** "第 2/3 步 逐行检查：12 000 / 50 000 行（24%）": what the wizard writes beside its bar. */
export function progressText(progress: ImportProgress, unit = '行'): string {
  const step = IMPORT_PHASES.indexOf(progress.phase) + 1
  const fraction = phaseFraction(progress)
  const percent = fraction === null ? '' : `（${Math.floor(fraction * 100)}%）`
  return `第 ${step}/${IMPORT_PHASES.length} 步 ${PHASE_LABELS[progress.phase]}：${progressCounts(progress)} ${unit}${percent}`
}

/**
 * The lines of an NDJSON stream as they arrive: feed it each decoded chunk, get back the complete lines'
 * events; a line cut by a chunk boundary waits for the next chunk. Blank lines are skipped.
 */
export function ndjsonSplitter<T>(): { push(chunk: string): T[]; end(): T[] } {
  let pending = ''
  const parse = (lines: string[]) => lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T)
  return {
    push(chunk) {
      const lines = (pending + chunk).split('\n')
      pending = lines.pop() ?? ''
      return parse(lines)
    },
    end() {
      const rest = pending
      pending = ''
      return parse([rest])
    },
  }
}
