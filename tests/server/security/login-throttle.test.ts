// Failed sign-ins are throttled per (account, address) with a growing wait, and per address across
// accounts; the address is the socket's peer, or X-Forwarded-For from a trusted proxy only.
import { describe, expect, test } from 'vitest'
import { BackoffLimiter, LoginThrottle } from '../../../server/auth/rate-limit'
import { clientAddress } from '../../../server/http/forwarded'
import { ADMIN_PASSWORD, demoApp, jsonRequest } from '../demo-app'

type App = ReturnType<typeof demoApp>['app']

/** POST /api/auth/login as if from a socket whose peer is `peer`, as @hono/node-server passes it. */
function login(app: App, peer: string, username: string, password: string, headers: Record<string, string> = {}) {
  return app.request('/api/auth/login', jsonRequest('POST', { username, password }, undefined, headers), { incoming: { socket: { remoteAddress: peer } } })
}

describe('BackoffLimiter', () => {
  test('the 5th failure waits 1 min, doubling with each further failure, capped at 15 min; a success starts afresh', () => {
    let t = 0
    const limiter = new BackoffLimiter({ now: () => t })
    for (let i = 0; i < 4; i++) limiter.recordFailure('k')
    expect(limiter.retryAfterSeconds('k')).toBe(0)
    const waits: number[] = []
    for (let i = 0; i < 7; i++) {
      limiter.recordFailure('k')
      waits.push(limiter.retryAfterSeconds('k'))
      t += waits[waits.length - 1] * 1000 // the next try comes as soon as it may
    }
    expect(waits).toEqual([60, 120, 240, 480, 900, 900, 900])
    expect(limiter.retryAfterSeconds('other')).toBe(0)
    limiter.clear('k')
    limiter.recordFailure('k')
    expect(limiter.retryAfterSeconds('k')).toBe(0)
  })

  test('a key quiet for longer than forgetAfterMs starts afresh', () => {
    let t = 0
    const limiter = new BackoffLimiter({ forgetAfterMs: 3600_000, now: () => t })
    for (let i = 0; i < 6; i++) limiter.recordFailure('k')
    expect(limiter.retryAfterSeconds('k')).toBe(120)
    t = 3600_000 + 120_001
    limiter.recordFailure('k')
    expect(limiter.retryAfterSeconds('k')).toBe(0)
  })

  test('holds at most maxKeys keys, forgetting the least recently failed first', () => {
    const limiter = new BackoffLimiter({ failuresBeforeWait: 1, maxKeys: 2, now: () => 0 })
    for (const key of ['a', 'b', 'c']) limiter.recordFailure(key)
    expect(['a', 'b', 'c'].map((key) => limiter.retryAfterSeconds(key))).toEqual([0, 60, 60])
  })
})

describe('clientAddress', () => {
  const trusted = new Set(['10.0.0.1', '10.0.0.2'])
  test('the peer, unless it is a trusted proxy; then the nearest untrusted X-Forwarded-For hop', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.7', trusted)).toBe('203.0.113.9')
    expect(clientAddress('10.0.0.1', '198.51.100.7', trusted)).toBe('198.51.100.7')
    expect(clientAddress('10.0.0.1', 'forged, 198.51.100.7, 10.0.0.2', trusted)).toBe('198.51.100.7')
    expect(clientAddress('::ffff:10.0.0.1', '198.51.100.7', trusted)).toBe('198.51.100.7')
    expect(clientAddress('10.0.0.1', undefined, trusted)).toBe('10.0.0.1')
    expect(clientAddress(undefined, '198.51.100.7', trusted)).toBe('unknown')
  })
})

describe('signing in under attack', () => {
  test('five wrong passwords from one address do not lock the account for its user at another address', async () => {
    const { app } = demoApp()
    for (let i = 0; i < 5; i++) expect((await login(app, '203.0.113.66', 'admin', `guess-${i}`)).status).toBe(401)
    expect((await login(app, '198.51.100.7', 'admin', ADMIN_PASSWORD)).status).toBe(200)
    const attacker = await login(app, '203.0.113.66', 'admin', ADMIN_PASSWORD)
    expect(attacker.status).toBe(429)
    expect(attacker.headers.get('retry-after')).toBe('60')
  })

  test('the wait grows with each failure after it, up to 15 minutes', async () => {
    let t = Date.parse('2026-11-23T09:00:00Z')
    const { app } = demoApp({ loginThrottle: new LoginThrottle({ now: () => t }) })
    const waits: string[] = []
    for (let guess = 0; waits.length < 6 && guess < 20; guess++) {
      const answer = await login(app, '203.0.113.66', 'admin', `guess-${guess}`)
      if (answer.status === 401) continue
      expect(answer.status).toBe(429)
      waits.push(answer.headers.get('retry-after') ?? '')
      t += Number(answer.headers.get('retry-after')) * 1000 // the next guess comes as soon as it may
    }
    expect(waits).toEqual(['60', '120', '240', '480', '900', '900'])
  }, 30_000)

  test('one address spraying many accounts is throttled, however it rewrites X-Forwarded-For', async () => {
    const { app } = demoApp()
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) {
      statuses.push((await login(app, '203.0.113.66', `user${i}`, 'Password1!', { 'X-Forwarded-For': `192.0.2.${i}` })).status)
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429])
    // Another address is not held back by it.
    expect((await login(app, '198.51.100.7', 'admin', ADMIN_PASSWORD)).status).toBe(200)
  }, 30_000)

  test('behind a trusted proxy each client is throttled by its own X-Forwarded-For address', async () => {
    const { app } = demoApp({ trustedProxies: ['10.0.0.1'] })
    for (let i = 0; i < 5; i++) {
      expect((await login(app, '10.0.0.1', 'admin', `guess-${i}`, { 'X-Forwarded-For': '203.0.113.66' })).status).toBe(401)
    }
    expect((await login(app, '10.0.0.1', 'admin', ADMIN_PASSWORD, { 'X-Forwarded-For': '203.0.113.66' })).status).toBe(429)
    // A client that writes the attacker's address first is still itself (the proxy appends the true peer).
    expect((await login(app, '10.0.0.1', 'admin', ADMIN_PASSWORD, { 'X-Forwarded-For': '203.0.113.66, 198.51.100.7' })).status).toBe(200)
  })
})
