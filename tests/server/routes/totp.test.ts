// Two-step verification (issue 23 item 2): enrol with a code from the app, sign in with password and code, a
// code refused the second time in its 30 s (replay), recovery codes good once, turned off with password and code.
import { describe, expect, test } from 'vitest'
import { createApp, type SecurityOptions } from '../../../server/app'
import { ensureFirstAdmin } from '../../../server/auth/first-admin'
import { totpCode } from '../../../server/auth/totp'
import { openTestStore } from '../test-store'
import { ADMIN_PASSWORD, jsonRequest, signIn } from '../demo-app'

/** An empty store with the first admin, on a clock the test moves. */
function appWithClock(security: SecurityOptions = {}) {
  let nowMs = Date.parse('2026-12-07T09:00:05Z')
  const store = openTestStore({ template: 'empty', now: () => new Date(nowMs) })
  ensureFirstAdmin(store, ADMIN_PASSWORD, () => {})
  const app = createApp({ store, version: 'test', now: () => new Date(nowMs), log: () => {}, security })
  return { app, store, advance: (seconds: number) => (nowMs += seconds * 1000), now: () => nowMs }
}

const login = (app: ReturnType<typeof appWithClock>['app'], totp?: string) =>
  app.request('/api/auth/login', jsonRequest('POST', { username: 'admin', password: ADMIN_PASSWORD, ...(totp === undefined ? {} : { totp }) }))

async function enrolled() {
  const atlas = appWithClock()
  const cookie = await signIn(atlas.app, 'admin', ADMIN_PASSWORD)
  const setup = await (await atlas.app.request('/api/auth/totp/setup', jsonRequest('POST', {}, cookie))).json()
  const enabled = await atlas.app.request('/api/auth/totp/enable', jsonRequest('POST', { code: totpCode(setup.secret, atlas.now()) }, cookie))
  expect(enabled.status).toBe(200)
  const { recoveryCodes } = (await enabled.json()) as { recoveryCodes: string[] }
  return { ...atlas, cookie, secret: setup.secret as string, recoveryCodes }
}

describe('two-step verification', () => {
  test('setup gives a secret, its otpauth URL and a QR code; a wrong code does not enable it; the right one gives 10 recovery codes once', async () => {
    const { app, now } = appWithClock()
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    const setup = await (await app.request('/api/auth/totp/setup', jsonRequest('POST', {}, cookie))).json()
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*admin\?.*secret=/)
    expect(setup.qrSvg).toContain('<svg')
    const wrong = await app.request('/api/auth/totp/enable', jsonRequest('POST', { code: '000000' }, cookie))
    expect(wrong.status).toBe(400)
    expect((await wrong.json()).error.message).toContain('code: 000000 不是验证器当前显示的动态码')
    expect(await (await app.request('/api/auth/totp', { headers: { Cookie: cookie } })).json()).toEqual({ enabled: false, recoveryCodesLeft: 0 })
    const right = await (await app.request('/api/auth/totp/enable', jsonRequest('POST', { code: totpCode(setup.secret, now()) }, cookie))).json()
    expect(right.recoveryCodes).toHaveLength(10)
    expect(new Set(right.recoveryCodes).size).toBe(10)
    expect(await (await app.request('/api/auth/totp', { headers: { Cookie: cookie } })).json()).toEqual({ enabled: true, recoveryCodesLeft: 10 })
    expect((await app.request('/api/auth/totp/setup', jsonRequest('POST', {}, cookie))).status).toBe(409)
    expect((await app.request('/api/auth/totp/setup', jsonRequest('POST', {}))).status).toBe(401)
  })

  test('the password alone is a 401 totp_required; with the code it signs in; the same code again is a replay; the next one passes', async () => {
    const { app, secret, now, advance } = await enrolled()
    advance(30)
    const alone = await login(app)
    expect(alone.status).toBe(401)
    expect((await alone.json()).error.code).toBe('totp_required')
    const code = totpCode(secret, now())
    expect((await login(app, code)).status).toBe(200)
    const replay = await login(app, code)
    expect(replay.status).toBe(401)
    expect((await replay.json()).error.code).toBe('totp_replayed')
    expect((await (await login(app, '123456')).json()).error.code).toBe('bad_totp')
    advance(30)
    expect((await login(app, totpCode(secret, now()))).status).toBe(200)
  })

  test('a recovery code signs in once, in any case, with or without dashes', async () => {
    const { app, recoveryCodes } = await enrolled()
    expect((await login(app, recoveryCodes[0].toUpperCase().replace(/-/g, ''))).status).toBe(200)
    expect((await login(app, recoveryCodes[0])).status).toBe(401)
    expect((await login(app, recoveryCodes[1])).status).toBe(200)
  })

  test('turning it off needs the password and a code; then the password alone signs in again', async () => {
    const { app, cookie, secret, now, advance } = await enrolled()
    advance(30)
    const noPassword = await app.request('/api/auth/totp/disable', jsonRequest('POST', { password: 'not-the-password', code: totpCode(secret, now()) }, cookie))
    expect(noPassword.status).toBe(403)
    const off = await app.request('/api/auth/totp/disable', jsonRequest('POST', { password: ADMIN_PASSWORD, code: totpCode(secret, now()) }, cookie))
    expect(off.status).toBe(200)
    expect((await login(app)).status).toBe(200)
  })

  test('wrong codes count as failed sign-ins: the account is throttled after five', async () => {
    const { app } = await enrolled()
    for (let i = 0; i < 5; i++) expect((await login(app, '000000')).status).toBe(401)
    expect((await login(app, '000000')).status).toBe(429)
  })

  test('ATLAS_MFA=privileged: an admin without a second factor signs in, is told to enrol, and may write nothing else until enrolled', async () => {
    const { app, now } = appWithClock({ mfa: 'privileged' })
    const signedIn = await (await login(app)).json()
    expect(signedIn.user).toMatchObject({ username: 'admin', mustEnrolTotp: true })
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect((await (await app.request('/api/auth/me', { headers: { Cookie: cookie } })).json()).user.mustEnrolTotp).toBe(true)
    const write = await app.request('/api/screen-tokens', jsonRequest('POST', { label: '大屏' }, cookie))
    expect(write.status).toBe(403)
    expect((await write.json()).error.code).toBe('totp_enrolment_required')
    const setup = await (await app.request('/api/auth/totp/setup', jsonRequest('POST', {}, cookie))).json()
    expect((await app.request('/api/auth/totp/enable', jsonRequest('POST', { code: totpCode(setup.secret, now()) }, cookie))).status).toBe(200)
    expect((await (await app.request('/api/auth/me', { headers: { Cookie: cookie } })).json()).user.mustEnrolTotp).toBe(false)
    expect((await app.request('/api/screen-tokens', jsonRequest('POST', { label: '大屏' }, cookie))).status).toBe(201)
  })
})