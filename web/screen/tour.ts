// The carousel: which area is shown, when it moves on, and how a person at the screen takes over.
// Pure: a state and the time in, the next state out; the page only runs a timer.

export interface TourState {
  index: number // into the tour's list of areas
  shownAt: number // ms epoch when the current area was shown
  pausedUntil: number | null // ms epoch: someone touched the screen; null: running
}

/** The areas to tour: the configured codes that exist, in their order; none configured: all, in order. */
export function tourStops(available: readonly string[], configured: readonly string[]): string[] {
  if (configured.length === 0) return [...available]
  const known = new Set(available)
  const stops = configured.filter((code, i) => known.has(code) && configured.indexOf(code) === i)
  return stops.length > 0 ? stops : [...available]
}

export function startTour(now: number): TourState {
  return { index: 0, shownAt: now, pausedUntil: null }
}

/** Steps forward (+1) or back (−1), wrapping around. */
export function stepTour(state: TourState, count: number, delta: number, now: number): TourState {
  if (count <= 0) return { ...state, index: 0, shownAt: now }
  return { ...state, index: (((state.index + delta) % count) + count) % count, shownAt: now }
}

/** What a timer tick does: resume after the idle pause, move on when the area's time is up. */
export function tickTour(state: TourState, count: number, now: number, stepMs: number): TourState {
  if (state.pausedUntil !== null) {
    if (now < state.pausedUntil) return state
    return { ...state, pausedUntil: null, shownAt: now }
  }
  if (count > 1 && now - state.shownAt >= stepMs) return stepTour(state, count, 1, now)
  return state
}

/** A touch, click or key: hold the current area until `idleMs` after the last one. */
export function pauseTour(state: TourState, now: number, idleMs: number): TourState {
  if (state.pausedUntil === Number.POSITIVE_INFINITY) return state // held with space: only space releases it
  return { ...state, pausedUntil: now + idleMs }
}

/** Space: pause indefinitely if running, resume at once if paused. */
export function togglePause(state: TourState, now: number): TourState {
  return state.pausedUntil === null ? { ...state, pausedUntil: Number.POSITIVE_INFINITY } : { ...state, pausedUntil: null, shownAt: now }
}

/** The index after the list changed (a profile edit, a reload): same area if it is still there. */
export function keepTourPosition(state: TourState, before: readonly string[], after: readonly string[]): TourState {
  const code = before[state.index]
  const found = code === undefined ? -1 : after.indexOf(code)
  if (found >= 0) return found === state.index ? state : { ...state, index: found }
  return { ...state, index: after.length === 0 ? 0 : Math.min(state.index, after.length - 1) }
}
