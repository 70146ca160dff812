// Failed-login throttling. Each limiter keeps its keys' state where it is told (KeyedState): in the store, so
// that every server on one database counts the same failures (server/db/sqlite-throttles.ts), or in this
// process by default. Every limiter holds at most `maxKeys` keys, forgetting the least recently failed first,
// so that a flood of addresses or names cannot grow it without bound.

/** Where a limiter keeps each key's state. `set` makes a key the most recent; past `maxKeys` the oldest go. */
export interface KeyedState<T> {
  get(key: string): T | undefined
  set(key: string, value: T): void
  delete(key: string): void
}

/** Limiters' state shared through the store, one namespace per limiter. */
export interface ThrottleStates {
  keyed<T>(limiter: string, maxKeys: number): KeyedState<T>
}

export function memoryState<T>(maxKeys: number): KeyedState<T> {
  const map = new Map<string, T>()
  return {
    get: (key) => map.get(key),
    set(key, value) {
      map.delete(key)
      map.set(key, value)
      for (const oldest of map.keys()) {
        if (map.size <= maxKeys) break
        map.delete(oldest)
      }
    },
    delete: (key) => void map.delete(key),
  }
}

export interface RateLimiterOptions {
  limit?: number // 5 failures…
  windowMs?: number // …per 15 minutes
  maxKeys?: number // 10 000
  now?: () => number // Date.now
  state?: (maxKeys: number) => KeyedState<number[]> // memoryState
}

/** At most `limit` failures per key in a sliding window. */
export class FailureLimiter {
  private readonly failures: KeyedState<number[]>
  private readonly limit: number
  private readonly windowMs: number
  private readonly now: () => number

  constructor({ limit = 5, windowMs = 15 * 60_000, maxKeys = 10_000, now = Date.now, state = memoryState }: RateLimiterOptions = {}) {
    this.limit = limit
    this.windowMs = windowMs
    this.now = now
    this.failures = state(maxKeys)
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
    const kept = this.failures.get(key) ?? []
    const recent = kept.filter((t) => t > since)
    if (recent.length === 0 && kept.length > 0) this.failures.delete(key)
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
  state?: (maxKeys: number) => KeyedState<Backoff> // memoryState
}

export interface Backoff {
  failures: number
  until: number // may try again from this time (ms); 0 while failures are free
  lastFailure: number
}

/** An exponential wait per key after a few failures, until a success (clear) or a long quiet. */
export class BackoffLimiter {
  private readonly keys: KeyedState<Backoff>
  private readonly options: Required<Omit<BackoffOptions, 'state' | 'maxKeys'>>

  constructor({
    failuresBeforeWait = 5,
    firstWaitMs = 60_000,
    maxWaitMs = 15 * 60_000,
    forgetAfterMs = 60 * 60_000,
    maxKeys = 10_000,
    now = Date.now,
    state = memoryState,
  }: BackoffOptions = {}) {
    this.options = { failuresBeforeWait, firstWaitMs, maxWaitMs, forgetAfterMs, now }
    this.keys = state(maxKeys)
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfterSeconds(key: string): number {
    const entry = this.current(key)
    return entry ? Math.max(0, Math.ceil((entry.until - this.options.now()) / 1000)) : 0
  }

  recordFailure(key: string): void {
    const { failuresBeforeWait, firstWaitMs, maxWaitMs, now } = this.options
    const at = now()
    const failures = (this.current(key)?.failures ?? 0) + 1
    const doublings = Math.min(failures - failuresBeforeWait, 30)
    const until = doublings < 0 ? 0 : at + Math.min(firstWaitMs * 2 ** doublings, maxWaitMs)
    this.keys.set(key, { failures, until, lastFailure: at })
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
  states?: ThrottleStates // in this process: where both keep their keys
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

  constructor({ perAccount = {}, perAddress = {}, now = Date.now, states }: LoginThrottleOptions = {}) {
    const shared = <T>(limiter: string) => (states === undefined ? undefined : (maxKeys: number) => states.keyed<T>(limiter, maxKeys))
    this.perAccount = new BackoffLimiter({ now, state: shared<Backoff>('login-account'), ...perAccount })
    this.perAddress = new FailureLimiter({ limit: 20, now, state: shared<number[]>('login-address'), ...perAddress })
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
