// Progress callbacks made cheap to call and long work made to let go of the event loop: an import reports
// per row, a person needs a few updates a second, and the server must go on answering while it checks.
import type { ImportPhase, OnImportProgress } from '../shared/import-progress'

export interface ThrottleOptions {
  intervalMs?: number // 100: at most this often, besides each phase's first and last event
  now?: () => number // performance.now
}

/** Passes on each phase's first event, its last (done ≥ total), and the others at most every intervalMs. */
export function throttledProgress(report: OnImportProgress, { intervalMs = 100, now = () => performance.now() }: ThrottleOptions = {}): OnImportProgress {
  let phase: ImportPhase | null = null
  let last = -Infinity
  return (progress) => {
    const at = now()
    const edge = progress.phase !== phase || (progress.total !== null && progress.done >= progress.total)
    if (!edge && at - last < intervalMs) return
    phase = progress.phase
    last = at
    report(progress)
  }
}

export interface SliceOptions {
  sliceMs?: number // 20: the longest stretch the steps run before the event loop gets a turn
  now?: () => number // performance.now
}

/**
 * Runs a generator of steps to its end, yielding to the event loop every sliceMs (so that health checks and
 * the progress stream itself are answered meanwhile), and calls `onStep` with what each pause reached.
 */
export async function runInSlices<Step, Result>(
  steps: Generator<Step, Result, void>,
  onStep: (step: Step) => void,
  { sliceMs = 20, now = () => performance.now() }: SliceOptions = {},
): Promise<Result> {
  let sliceStart = now()
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
    if (now() - sliceStart < sliceMs) continue
    onStep(next.value)
    await new Promise<void>((resolve) => setImmediate(resolve))
    sliceStart = now()
  }
}

/** Runs a generator of steps to its end on this turn of the event loop: the synchronous form of runInSlices. */
export function runToEnd<Step, Result>(steps: Generator<Step, Result, void>): Result {
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}
