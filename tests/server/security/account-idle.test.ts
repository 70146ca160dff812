// ATLAS_ACCOUNT_IDLE_DAYS (issue 23 item 4, in part): an account unused for longer is disabled at its next
// sign-in, told why, and audited; every sign-in resets the clock; the last active admin is never disabled this way.
import { describe, expect, test } from 'vitest'
import { createApp } from '../../../server/app'
import { ensureFirstAdmin } from '../../../server/auth/first-admin'
import { hashPassword } from '../../../server/auth/passwords'
import { openTestStore } from '../test-store'
import { ADMIN_PASSWORD, jsonRequest } from '../demo-app'

const DAY = 86_400_000
const PASSWORD = 'Idle-account-pw-1'

function appWithClock(accountIdleDays: number) {
  let nowMs = Date.parse('2026-12-07T09:00:00Z')
  const store = openTestStore({ template: 'empty', now: () => new Date(nowMs) })
  ensureFirstAdmin(store, ADMIN_PASSWORD, () => {})
  store.accounts.createUser({ username: 'lisi', passwordHash: hashPassword(PASSWORD), role: 'editor', areaScope: null }, 'test')
  const app = createApp({ store, version: 'test', now: () => new Date(nowMs), log: () => {}, security: { accountIdleDays } })
  const login = (username: string, password: string) => app.request('/api/auth/login', jsonRequest('POST', { username, password }))
  return { store, login, days: (n: number) => (nowMs += n * DAY) }
}

describe('accounts unused for ATLAS_ACCOUNT_IDLE_DAYS', () => {
  test('signing in within the days keeps the account; past them it is disabled, told why, audited', async () => {
    const { store, login, days } = appWithClock(90)
    days(80)
    expect((await login('lisi', PASSWORD)).status).toBe(200) // 80 days after its creation
    days(85)
    expect((await login('lisi', PASSWORD)).status).toBe(200) // 85 days after its last sign-in
    days(91)
    const idle = await login('lisi', PASSWORD)
    expect(idle.status).toBe(403)
    const { error } = await idle.json()
    expect(error.code).toBe('account_idle')
    expect(error.message).toContain('超过 90 天未登录，已停用')
    expect(store.accounts.userByName('lisi')!.disabled).toBe(true)
    expect(store.audit.list({ limit: 10 }).some((e) => e.action === 'sign-in' && e.result === 'failure' && (e.after as { reason?: string } | null)?.reason === 'account_idle')).toBe(true)
    expect((await login('lisi', PASSWORD)).status).toBe(401) // disabled now, like any disabled account
  })

  test('the last active admin is never disabled this way; with 0 (the default) nobody is', async () => {
    const { login, days } = appWithClock(30)
    days(400)
    expect((await login('admin', ADMIN_PASSWORD)).status).toBe(200)
    const off = appWithClock(0)
    off.days(4000)
    expect((await off.login('lisi', PASSWORD)).status).toBe(200)
  })
})
