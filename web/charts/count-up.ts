// Counters roll from the old figure to the new one: fast at first, settling gently.

/** easeOutCubic: 0 → 0, 1 → 1, monotonic, steepest at the start. Clamped outside [0, 1]. */
export function easeOutCubic(t: number): number {
  const x = Math.min(1, Math.max(0, t))
  return 1 - (1 - x) ** 3
}

/** The figure to show `elapsedMs` into a count from `from` to `to`; whole numbers when both ends are. */
export function countUpValue(from: number, to: number, elapsedMs: number, durationMs: number): number {
  if (durationMs <= 0 || elapsedMs >= durationMs) return to
  const value = from + (to - from) * easeOutCubic(elapsedMs / durationMs)
  return Number.isInteger(from) && Number.isInteger(to) ? Math.round(value) : value
}
