// Whether what the screen shows is current, and how to say so. Pure: the poller supplies the times.

export interface PollState {
  lastSuccessAt: number | null // ms epoch of the last answer (200 or 304)
  failingSince: number | null // ms epoch of the first failure after it; null while polls succeed
  failures: number // consecutive failed polls
}

export const INITIAL_POLL_STATE: PollState = { lastSuccessAt: null, failingSince: null, failures: 0 }

export function afterSuccess(_state: PollState, at: number): PollState {
  return { lastSuccessAt: at, failingSince: null, failures: 0 }
}

export function afterFailure(state: PollState, at: number): PollState {
  return { lastSuccessAt: state.lastSuccessAt, failingSince: state.failingSince ?? at, failures: state.failures + 1 }
}

export interface Freshness {
  stale: boolean // the server could not be reached: what is shown is the last good data
  text: string // e.g. 数据更新于 14:05 · 连接中断
}

/** "HH:MM" in the screen's local time. */
export function clockText(ms: number, withSeconds = false): string {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(d.getHours())}:${two(d.getMinutes())}${withSeconds ? `:${two(d.getSeconds())}` : ''}`
}

/**
 * Stale after `failuresBeforeStale` consecutive failures (1: the first failed poll), so the mark
 * appears within one refresh interval of the connection dropping and clears on the next good answer.
 */
export function freshnessOf(state: PollState, failuresBeforeStale = 1): Freshness {
  const updated = state.lastSuccessAt === null ? '数据更新于 —' : `数据更新于 ${clockText(state.lastSuccessAt)}`
  const stale = state.failures >= failuresBeforeStale
  return { stale, text: stale ? `${updated} · 连接中断` : updated }
}
