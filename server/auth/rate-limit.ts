// Failed-login throttling: at most `limit` failures per key in a sliding window. In memory, per
// process: the atlas runs as one process, and a restart forgetting old failures is harmless.

export interface RateLimiterOptions {
  limit?: number // 5 failures…
  windowMs?: number // …per 15 minutes
  now?: () => number // Date.now
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>()
  private readonly limit: number
  private readonly windowMs: number
  private readonly now: () => number

  constructor({ limit = 5, windowMs = 15 * 60_000, now = Date.now }: RateLimiterOptions = {}) {
    this.limit = limit
    this.windowMs = windowMs
    this.now = now
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.limit) return 0
    return Math.max(1, Math.ceil((recent[recent.length - this.limit] + this.windowMs - this.now()) / 1000))
  }

  recordFailure(key: string): void {
    this.failures.set(key, [...this.recent(key), this.now()])
  }

  clear(key: string): void {
    this.failures.delete(key)
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs
    const recent = (this.failures.get(key) ?? []).filter((t) => t > since)
    if (recent.length === 0) this.failures.delete(key)
    else this.failures.set(key, recent)
    return recent
  }
}
