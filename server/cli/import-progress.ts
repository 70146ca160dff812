// `atlas import`'s progress on stderr while a file is parsed, checked and written. On a terminal a bar is
// redrawn in place (carriage return, erase to the end of the line) a few times a second, and each phase
// leaves its last line; into a pipe or a file go plain lines only — each phase's end, and every 5 s of a
// long one — never an escape code. stdout keeps the report alone.
import { throttledProgress } from '../import/progress'
import { phaseFraction, PHASE_VERBS, type ImportPhase, type OnImportProgress } from '../shared/import-progress'
import type { CliIo } from './command'

const PLAIN_EVERY_MS = 5_000
const TTY_EVERY_MS = 100
const MIN_BAR = 10 // narrower than this, the bar is left out

/** 12345 → "12,345". */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * One line of the bar, at most `width` characters: "checking [=======>      ] 12,000/50,000 rows  24%".
 * Without a total there is no bar: "parsing  12,000 rows". Pure.
 */
export function progressLine(phase: ImportPhase, done: number, total: number | null, width: number, unit = 'rows'): string {
  const verb = PHASE_VERBS[phase].padEnd(8)
  const fraction = phaseFraction({ done, total })
  const counts = `${grouped(done)}${total === null ? '' : `/${grouped(total)}`} ${unit}`
  const percent = fraction === null ? '' : ` ${String(Math.floor(fraction * 100)).padStart(3)}%`
  const barWidth = width - verb.length - counts.length - percent.length - 4 // " [" + "] "
  if (fraction === null || barWidth < MIN_BAR) return `${verb} ${counts}${percent}`.slice(0, Math.max(0, width))
  const filled = Math.floor(fraction * barWidth)
  const bar = filled >= barWidth ? '='.repeat(barWidth) : `${'='.repeat(filled)}>${' '.repeat(barWidth - filled - 1)}`
  return `${verb} [${bar}] ${counts}${percent}`
}

/** "checking: 12,000/50,000 rows (24%)": a line for a pipe or a log file. Pure. */
export function plainProgressLine(phase: ImportPhase, done: number, total: number | null, unit = 'rows'): string {
  const fraction = phaseFraction({ done, total })
  return `${PHASE_VERBS[phase]}: ${grouped(done)}${total === null ? '' : `/${grouped(total)}`} ${unit}${fraction === null ? '' : ` (${Math.floor(fraction * 100)}%)`}`
}

export interface ProgressOutput {
  onProgress: OnImportProgress
  end(): void // call when the import is over, finished or not: ends a bar left mid-line
}

/** Where the import's progress goes: io.stderrTty's bar when stderr is a terminal, else plain lines on io.err. */
export function importProgressOutput(io: Pick<CliIo, 'err' | 'stderrTty'>, unit = 'rows'): ProgressOutput {
  const tty = io.stderrTty
  if (tty === undefined) {
    const onProgress = throttledProgress(
      ({ phase, done, total }) => {
        if (done > 0 || total === 0) io.err(`${plainProgressLine(phase, done, total, unit)}\n`)
      },
      { intervalMs: PLAIN_EVERY_MS },
    )
    return { onProgress, end: () => {} }
  }
  let midLine = false
  const onProgress = throttledProgress(
    ({ phase, done, total }) => {
      tty.write(`\r${progressLine(phase, done, total, Math.max(20, tty.columns - 1), unit)}\x1b[K`)
      midLine = !(total !== null && done >= total)
      if (!midLine) tty.write('\n') // a finished phase keeps its line
    },
    { intervalMs: TTY_EVERY_MS },
  )
  return {
    onProgress,
    end: () => {
      if (midLine) tty.write('\n')
      midLine = false
    },
  }
}
