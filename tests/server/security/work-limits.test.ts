// Issue 23 item 9: costly routes (print export, site plan, ledger export, backup, 工作简报) are limited per account and
// minute, callers not signed in per address; past the limit a 429 names the limit and says when to retry.
import { describe, expect, test } from 'vitest'
import { hashPassword } from '../../../server/auth/passwords'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn } from '../demo-app'

const limits = { exportsPerMinute: 2, plansPerMinute: 2, unitExportsPerMinute: 2, briefsPerMinute: 2 }

describe('per-account limits on costly routes', () => {
  test('the ledger export: two a minute for the admin, then a 429 naming unitExportsPerMinute; another account and an anonymous caller still pass', async () => {
    const { app, store } = demoApp({ workLimits: limits })
    store.accounts.createUser({ username: 'looker', passwordHash: hashPassword('looker-password-1'), role: 'viewer', areaScope: null }, 'test')
    const [admin, looker] = [await signIn(app, 'admin', ADMIN_PASSWORD), await signIn(app, 'looker', 'looker-password-1')]
    const ledger = (cookie?: string) => app.request('/api/units/export?format=csv&area=530626', cookie ? { headers: { Cookie: cookie } } : {})
    expect([(await ledger(admin)).status, (await ledger(admin)).status]).toEqual([200, 200])
    const refused = await ledger(admin)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    const { error } = await refused.json()
    expect(error.code).toBe('too_many_requests')
    expect(error.message).toContain('每个账户每分钟最多导出台账或备份 2 次')
    expect(error.message).toContain('limit unitExportsPerMinute = 2 per account and minute')
    expect((await ledger(looker)).status).toBe(200)
    expect((await ledger()).status).toBe(200)
    expect((await ledger()).status).toBe(200)
    expect((await ledger()).status).toBe(429)
    store.close()
  })

  test('plans, backups, print exports and briefings count too, each kind on its own', async () => {
    const { app, store } = demoApp({ workLimits: limits })
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const plan = () => app.request('/api/plan', jsonRequest('POST', { area: '530626', sites: 2, radiusKm: 3 }, admin))
    expect([(await plan()).status, (await plan()).status, (await plan()).status]).toEqual([200, 200, 429])
    const backup = () => app.request('/api/backup', { headers: { Cookie: admin } })
    expect([(await backup()).status, (await backup()).status, (await backup()).status]).toEqual([200, 200, 429])
    // Print exports count before their request is checked, so refused ones count too (no renderer needed here).
    const exportJob = () => app.request('/api/export/jobs?format=bogus', { method: 'POST', headers: { Cookie: admin, Origin: 'http://localhost' } })
    expect([(await exportJob()).status, (await exportJob()).status, (await exportJob()).status]).toEqual([400, 400, 429])
    const brief = () => app.request('/api/brief?area=530626&period=2026Q5', { headers: { Cookie: admin } })
    const briefs = [await brief(), await brief(), await brief()]
    expect(briefs.map((b) => b.status)).toEqual([400, 400, 429])
    expect((await briefs[2].json()).error.message).toContain('limit briefsPerMinute = 2 per account and minute')
    store.close()
  })
})
