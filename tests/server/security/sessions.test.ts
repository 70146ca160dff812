// 身份鉴别: a session ends after ATLAS_SESSION_IDLE_MINUTES without a request (a seconds-long setting here, on
// an injected clock), and with ATLAS_SINGLE_SESSION at the account's next sign-in; the request on an ended
// session is told why (401 session_idle / session_replaced) and its cookie is cleared.
import { describe, expect, test } from 'vitest'
import { createApp, type SecurityOptions } from '../../../server/app'
import { isActivityWorthRecording } from '../../../server/auth/session-policy'
import { tokenHash } from '../../../server/auth/tokens'
import { openTestStore } from '../test-store'
import { ADMIN_PASSWORD, jsonRequest, signIn, TODAY } from '../demo-app'

function clockedApp(security: SecurityOptions) {
  let clock = new Date(`${TODAY}T09:00:00Z`)
  const store = openTestStore({ now: () => clock })
  const app = createApp({ store, version: 'test', now: () => clock, log: () => {}, security })
  const wait = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000)
  }
  return { app, store, wait }
}

const me = (app: ReturnType<typeof clockedApp>['app'], cookie: string) => app.request('/api/auth/me', { headers: { Cookie: cookie } })

describe('idle time-out (ATLAS_SESSION_IDLE_MINUTES=0.05, 3 s)', () => {
  test('requests keep the session alive; 3 s without one end it with 401 session_idle, naming the minutes', async () => {
    const { app, store, wait } = clockedApp({ sessions: { idleMinutes: 0.05, singleSession: false } })
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    for (let i = 0; i < 5; i++) {
      wait(2)
      expect((await me(app, cookie)).status).toBe(200) // 10 s in all, never 3 s idle
    }
    wait(3.5)
    const idle = await me(app, cookie)
    expect(idle.status).toBe(401)
    expect(await idle.json()).toEqual({
      error: { code: 'session_idle', message: '已因 0.05 分钟无操作退出登录 (signed out after 0.05 minutes without activity)', details: { idleMinutes: 0.05 } },
    })
    expect(idle.headers.get('set-cookie')).toMatch(/^atlas_session=;.*Max-Age=0/)
    // Every later request with the old cookie hears the same, a write too; signing in again works.
    expect((await app.request('/api/targets', jsonRequest('POST', {}, cookie))).status).toBe(401)
    expect((await (await app.request('/api/units/table?limit=1', { headers: { Cookie: cookie } })).json()).error.code).toBe('session_idle')
    const fresh = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect((await (await me(app, fresh)).json()).user.username).toBe('admin')
    expect(store.accounts.session(tokenHash(cookie.split('=')[1]), `${TODAY}T09:00:00Z`)?.ended).toBe('idle')
    // Audited once, when the server first saw it had ended.
    expect(store.audit.list({ limit: 50 }).filter((e) => e.action === 'session-idle').map((e) => e.actor)).toEqual(['admin'])
  })

  test('the default is 30 minutes', async () => {
    const { app, wait } = clockedApp({})
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    wait(29 * 60)
    expect((await me(app, cookie)).status).toBe(200)
    wait(30 * 60 + 1)
    expect((await (await me(app, cookie)).json()).error.message).toContain('signed out after 30 minutes without activity')
  })

  test('activity is written at most every tenth of the idle time (at most once a minute)', () => {
    const idle30 = { idleMinutes: 30, singleSession: false }
    const at = new Date('2026-11-23T09:00:00Z')
    expect(isActivityWorthRecording('2026-11-23T08:59:01Z', at, idle30)).toBe(false)
    expect(isActivityWorthRecording('2026-11-23T08:59:00Z', at, idle30)).toBe(true)
    const idle3s = { idleMinutes: 0.05, singleSession: false }
    expect(isActivityWorthRecording('2026-11-23T08:59:59.750Z', at, idle3s)).toBe(false)
    expect(isActivityWorthRecording('2026-11-23T08:59:59.700Z', at, idle3s)).toBe(true)
  })

  test('a busy user does not write on every request', async () => {
    const { app, store, wait } = clockedApp({})
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    const hash = tokenHash(cookie.split('=')[1])
    const seen = () => store.accounts.session(hash, '2026-11-23T09:00:00Z')?.lastSeenAt
    const signedInAt = seen()
    wait(30)
    await me(app, cookie)
    expect(seen()).toBe(signedInAt)
    wait(31)
    await me(app, cookie)
    expect(seen()).toBe('2026-11-23T09:01:01.000Z')
  })
})

describe('ATLAS_SINGLE_SESSION=1', () => {
  test('a new sign-in ends the other sessions of the account; the old tab is told 401 session_replaced', async () => {
    const { app } = clockedApp({ sessions: { idleMinutes: 30, singleSession: true } })
    const first = await signIn(app, 'admin', ADMIN_PASSWORD)
    const second = await signIn(app, 'admin', ADMIN_PASSWORD)
    const replaced = await me(app, first)
    expect(replaced.status).toBe(401)
    expect(await replaced.json()).toEqual({ error: { code: 'session_replaced', message: '已在其他地方登录，本会话已结束 (signed out: this account signed in elsewhere)' } })
    expect((await me(app, second)).status).toBe(200)
    expect((await app.request('/api/auth/logout', jsonRequest('POST', {}, first))).status).toBe(200) // sign-out still works
  })

  test('off (the default), sessions of one account live side by side', async () => {
    const { app } = clockedApp({})
    const first = await signIn(app, 'admin', ADMIN_PASSWORD)
    await signIn(app, 'admin', ADMIN_PASSWORD)
    expect((await me(app, first)).status).toBe(200)
  })
})
