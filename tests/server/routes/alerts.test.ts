// GET /api/alerts through the app: parameters checked with messages that name the value, the answer as the
// caller's audience may see it (宗教活动场所 is withheld from callers not signed in by default).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../../server/app'
import { newToken, tokenHash } from '../../../server/auth/tokens'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import type { AlertsAnswer } from '../../../server/alerts/alert-audience'
import { ADMIN_PASSWORD, demoApp, signIn, TODAY } from '../demo-app'
import { AS_OF, dataset } from '../alerts/alert-fixture'

const SENSITIVE = '宗教活动场所'

describe('GET /api/alerts on the demo', () => {
  const { app, store } = demoApp()
  const token = newToken()
  store.screenTokens.create(tokenHash(token), 'hall', 'test')
  let admin = ''
  beforeAll(async () => {
    admin = await signIn(app, 'admin', ADMIN_PASSWORD)
  })
  afterAll(() => store.close())

  const alerts = async (query: string, headers: Record<string, string> = {}) => {
    const answer = await app.request(`/api/alerts?${query}`, { headers })
    expect(answer.status).toBe(200)
    return (await answer.json()) as AlertsAnswer
  }
  const sensitiveNames = () => new Set(store.snapshot().units.filter((u) => u.category === SENSITIVE).map((u) => u.name))

  test('a signed-in caller gets every alert, as of today by default, 12 months ahead', async () => {
    const answer = await alerts('area=530600', { Cookie: admin })
    expect(answer).toMatchObject({ area: { code: '530600', name: '昭通市' }, asOf: TODAY, months: 12, withheld: 0, sample: true })
    expect(answer.alerts.some((a) => a.unit?.category === SENSITIVE && sensitiveNames().has(a.unit.name))).toBe(true)
  })

  test.each([
    ['anonymous', {}],
    ['screen token', { Authorization: `Bearer ${token}` }],
  ])('a caller not signed in (%s) never gets a sensitive unit’s name; its other alerts are counted as withheld', async (_who, headers) => {
    const full = await alerts('area=530600', { Cookie: admin })
    const answer = await alerts('area=530600', headers)
    const body = JSON.stringify(answer)
    for (const name of sensitiveNames()) expect(body).not.toContain(name)
    const hidden = full.alerts.filter((a) => a.unit?.category === SENSITIVE && a.kind !== 'review-due').length
    expect(hidden).toBeGreaterThan(0)
    expect(answer.withheld).toBe(hidden)
    expect(answer.alerts.length).toBe(full.alerts.length - hidden)
    expect(answer.alerts.filter((a) => a.unit?.category === SENSITIVE).every((a) => a.kind === 'review-due' && a.unit?.name === `${SENSITIVE}（不公开）`)).toBe(true)
  })

  test('perKind lists the most urgent of each kind; the counts still count them all', async () => {
    const full = await alerts('area=530600', { Cookie: admin })
    const few = await alerts('area=530600&perKind=2', { Cookie: admin })
    expect(few.counts).toEqual(full.counts)
    expect(full.counts['inspection-overdue']).toBeGreaterThan(2)
    for (const kind of Object.keys(full.counts)) {
      expect(few.alerts.filter((a) => a.kind === kind)).toEqual(full.alerts.filter((a) => a.kind === kind).slice(0, 2))
    }
  })

  test.each([
    ['', 'area: missing (expected the code of an area'],
    ['area=5306', 'area: "5306" is not valid (expected a GB/T 2260 code'],
    ['area=530600&asOf=2026-02-30', 'asOf: "2026-02-30" is not valid (expected a date yyyy-mm-dd'],
    ['area=530600&asOf=today', 'asOf: "today" is not valid'],
    ['area=530600&months=0', 'months: "0" is not valid (expected a whole number of months from 1 to 120'],
    ['area=530600&months=1.5', 'months: "1.5" is not valid'],
    ['area=530600&months=many', 'months: "many" is not valid'],
    ['area=530600&perKind=0', 'perKind: "0" is not valid (expected a whole number of alerts from 1 to 10000'],
  ])('?%s: 400 naming the bad value', async (query, message) => {
    const answer = await app.request(`/api/alerts?${query}`)
    expect(answer.status).toBe(400)
    const body = (await answer.json()) as { error: { message: string } }
    expect(body.error.message).toContain(message)
  })

  test('an area the store does not have: 404 naming it', async () => {
    const answer = await app.request('/api/alerts?area=530699')
    expect(answer.status).toBe(404)
    expect(((await answer.json()) as { error: { message: string } }).error.message).toContain('530699')
  })
})

describe('GET /api/alerts on the hand-made ledger', () => {
  const store = openSqliteStore(':memory:', { now: () => new Date(`${AS_OF}T09:00:00Z`) })
  store.loadDataset(dataset, 'test')
  const app = createApp({ store, version: 'test', now: () => new Date(`${AS_OF}T09:00:00Z`), log: () => {} })
  afterAll(() => store.close())

  test('asOf and months reach the computation', async () => {
    const answer = await app.request('/api/alerts?area=530600&asOf=2026-08-01&months=1')
    const body = (await answer.json()) as AlertsAnswer
    expect(body.alerts.filter((a) => a.kind === 'review-due').map((a) => a.id)).toEqual(['review-due:unit:2:2025-03-01'])
    const spring = (await (await app.request('/api/alerts?area=530600&asOf=2026-03-31')).json()) as AlertsAnswer
    expect(spring.counts['inspection-overdue']).toBe(0)
  })
})
