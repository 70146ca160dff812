// Failed-login throttling. In memory, per process: the atlas runs as one process, and a restart
// forgetting old failures is harmless. Every limiter holds at most `maxKeys` keys, forgetting the least
// recently failed first, so that a flood of addresses or names cannot grow it without bound.

export interface RateLimiterOptions {
  limit?: number // 5 failures…
  windowMs?: number // …per 15 minutes
  maxKeys?: number // 10 000
  now?: () => number // Date.now
}

/** At most `limit` failures per key in a sliding window. */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>()
  private readonly limit: number
  private readonly windowMs: number
  private readonly maxKeys: number
  private readonly now: () => number

  constructor({ limit = 5, windowMs = 15 * 60_000, maxKeys = 10_000, now = Date.now }: RateLimiterOptions = {}) {
    this.limit = limit
    this.windowMs = windowMs
    this.maxKeys = maxKeys
    this.now = now
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.limit) return 0
    return Math.max(1, Math.ceil((recent[recent.length - this.limit] + this.windowMs - this.now()) / 1000))
  }

  recordFailure(key: string): void {
    const recent = this.recent(key)
    this.failures.delete(key)
    this.failures.set(key, [...recent, this.now()])
    forgetOldest(this.failures, this.maxKeys)
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

export interface BackoffOptions {
  failuresBeforeWait?: number // 5: the wait starts with the 5th failure…
  firstWaitMs?: number // 60 000: …at 1 minute, doubling with each further failure…
  maxWaitMs?: number // 15 * 60 000: …up to 15 minutes
  forgetAfterMs?: number // 60 * 60 000: a key with no failure for an hour after its wait starts afresh
  maxKeys?: number // 10 000
  now?: () => number // Date.now
}

interface Backoff {
  failures: number
  until: number // may try again from this time (ms); 0 while failures are free
  lastFailure: number
}

/** An exponential wait per key after a few failures, until a success (clear) or a long quiet. */
export class BackoffLimiter {
  private readonly keys = new Map<string, Backoff>()
  private readonly options: Required<BackoffOptions>

  constructor({
    failuresBeforeWait = 5,
    firstWaitMs = 60_000,
    maxWaitMs = 15 * 60_000,
    forgetAfterMs = 60 * 60_000,
    maxKeys = 10_000,
    now = Date.now,
  }: BackoffOptions = {}) {
    this.options = { failuresBeforeWait, firstWaitMs, maxWaitMs, forgetAfterMs, maxKeys, now }
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfterSeconds(key: string): number {
    const entry = this.current(key)
    return entry ? Math.max(0, Math.ceil((entry.until - this.options.now()) / 1000)) : 0
  }

  recordFailure(key: string): void {
    const { failuresBeforeWait, firstWaitMs, maxWaitMs, maxKeys, now } = this.options
    const at = now()
    const failures = (this.current(key)?.failures ?? 0) + 1
    const doublings = Math.min(failures - failuresBeforeWait, 30)
    const until = doublings < 0 ? 0 : at + Math.min(firstWaitMs * 2 ** doublings, maxWaitMs)
    this.keys.delete(key)
    this.keys.set(key, { failures, until, lastFailure: at })
    forgetOldest(this.keys, maxKeys)
  }

  clear(key: string): void {
    this.keys.delete(key)
  }

  private current(key: string): Backoff | undefined {
    const entry = this.keys.get(key)
    if (entry && Math.max(entry.lastFailure, entry.until) + this.options.forgetAfterMs < this.options.now()) {
      this.keys.delete(key)
      return undefined
    }
    return entry
  }
}

export interface LoginThrottleOptions {
  perAccount?: BackoffOptions // per (account, address): 5 failures, then 1 min doubling up to 15 min
  perAddress?: RateLimiterOptions // per address across accounts (password spraying): 20 failures per 15 minutes
  now?: () => number // Date.now, for both
}

export interface LoginAttempt {
  username: string
  address: string // the client's address (server/http/forwarded.ts)
}

/**
 * Sign-in throttling: per (account, address), so that failures from one address never lock the
 * account's user out at another, and per address across accounts, so that one address cannot try a
 * password on every account. A success clears its (account, address) only.
 */
export class LoginThrottle {
  private readonly perAccount: BackoffLimiter
  private readonly perAddress: FailureLimiter

  constructor({ perAccount = {}, perAddress = {}, now = Date.now }: LoginThrottleOptions = {}) {
    this.perAccount = new BackoffLimiter({ now, ...perAccount })
    this.perAddress = new FailureLimiter({ limit: 20, now, ...perAddress })
  }

  /** Seconds until this attempt may be made; 0 when it may now. */
  retryAfterSeconds(attempt: LoginAttempt): number {
    return Math.max(this.perAccount.retryAfterSeconds(accountKey(attempt)), this.perAddress.retryAfterSeconds(attempt.address))
  }

  recordFailure(attempt: LoginAttempt): void {
    this.perAccount.recordFailure(accountKey(attempt))
    this.perAddress.recordFailure(attempt.address)
  }

  recordSuccess(attempt: LoginAttempt): void {
    this.perAccount.clear(accountKey(attempt))
  }
}

/** An address holds no space, so the key is unambiguous. */
function accountKey({ username, address }: LoginAttempt): string {
  return `${address} ${username.toLowerCase()}`
}

function forgetOldest(map: Map<string, unknown>, maxKeys: number): void {
  for (const key of map.keys()) {
    if (map.size <= maxKeys) return
    map.delete(key)
  }
}
