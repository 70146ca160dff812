// Accounts, sessions and the hardening around them, through app.request.
import { describe, expect, test } from 'vitest'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn } from '../demo-app'

describe('sign-in', () => {
  test('the first admin signs in; the cookie is HttpOnly and SameSite; /me names the user; logout ends it', async () => {
    const { app } = demoApp()
    const answer = await app.request('/api/auth/login', jsonRequest('POST', { username: 'admin', password: ADMIN_PASSWORD }))
    expect(answer.status).toBe(200)
    const setCookie = answer.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^atlas_session=[\w-]{43};/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Lax')
    expect(setCookie).not.toContain('Secure')
    const cookie = setCookie.split(';')[0]
    expect(await (await app.request('/api/auth/me', { headers: { Cookie: cookie } })).json()).toEqual({
      user: {
        username: 'admin',
        role: 'admin',
        areaScope: null,
        mustChangePassword: false,
        mustEnrolTotp: false,
        duties: ['accounts', 'roles', 'audit', 'backup'], // all four: duties are not separated by default
        separationOfDuties: false,
      },
    })
    expect((await app.request('/api/auth/logout', jsonRequest('POST', {}, cookie))).status).toBe(200)
    expect(await (await app.request('/api/auth/me', { headers: { Cookie: cookie } })).json()).toEqual({ user: null })
  })

  test('behind a trusted HTTPS proxy the cookie is Secure', async () => {
    const { app } = demoApp({ trustedProxies: ['10.0.0.1'] })
    const answer = await app.request(
      '/api/auth/login',
      jsonRequest('POST', { username: 'admin', password: ADMIN_PASSWORD }, undefined, { 'X-Forwarded-Proto': 'https' }),
      { incoming: { socket: { remoteAddress: '10.0.0.1' } } },
    )
    expect(answer.headers.get('set-cookie')).toContain('Secure')
  })

  test('a wrong password and an unknown user get the same 401', async () => {
    const { app } = demoApp()
    for (const body of [{ username: 'admin', password: 'wrong-password' }, { username: 'nobody', password: 'wrong-password' }]) {
      const answer = await app.request('/api/auth/login', jsonRequest('POST', body))
      expect(answer.status).toBe(401)
      expect(await answer.json()).toEqual({ error: { code: 'bad_credentials', message: '用户名或密码不正确 (wrong username or password)' } })
    }
  })

  test('repeated failures are throttled with 429 and Retry-After, even with the right password', async () => {
    const { app } = demoApp()
    for (let i = 0; i < 5; i++) {
      expect((await app.request('/api/auth/login', jsonRequest('POST', { username: 'admin', password: 'guess-' + i }))).status).toBe(401)
    }
    const blocked = await app.request('/api/auth/login', jsonRequest('POST', { username: 'admin', password: ADMIN_PASSWORD }))
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  test('a malformed login body is a 400 that names the field', async () => {
    const { app } = demoApp()
    const answer = await app.request('/api/auth/login', jsonRequest('POST', { username: '' }))
    expect(answer.status).toBe(400)
    expect((await answer.json()).error.message).toMatch(/username/)
  })
})

describe('user management and audit', () => {
  test('only admins manage users: anonymous 401, editor 403', async () => {
    const { app } = demoApp()
    expect((await app.request('/api/users')).status).toBe(401)
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const created = await app.request(
      '/api/users',
      jsonRequest('POST', { username: 'suijiang', password: 'suijiang-editor-pw', role: 'editor', areaScope: '530626' }, admin),
    )
    expect(created.status).toBe(400) // the password contains the username
    const ok = await app.request('/api/users', jsonRequest('POST', { username: 'sj-editor', password: 'a-good-password-9', role: 'editor', areaScope: '530626' }, admin))
    expect(ok.status).toBe(201)
    const body = await ok.json()
    expect(body.user).toMatchObject({ username: 'sj-editor', role: 'editor', areaScope: '530626', disabled: false })
    expect(body.user).not.toHaveProperty('passwordHash')
    const editor = await signIn(app, 'sj-editor', 'a-good-password-9')
    expect((await app.request('/api/users', { headers: { Cookie: editor } })).status).toBe(403)
  })

  test('an unknown scope and a duplicate username are refused by name', async () => {
    const { app } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const badScope = await app.request('/api/users', jsonRequest('POST', { username: 'x1', password: 'a-good-password-9', role: 'editor', areaScope: '530699' }, admin))
    expect(await badScope.json()).toEqual({ error: { code: 'bad_request', message: 'areaScope: 530699 is not an area in the store' } })
    const dup = await app.request('/api/users', jsonRequest('POST', { username: 'ADMIN', password: 'a-good-password-9', role: 'viewer' }, admin))
    expect(dup.status).toBe(409)
  })

  test('the last admin cannot be demoted; disabling a user ends their sessions', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const adminId = store.accounts.userByName('admin')?.id
    expect((await app.request(`/api/users/${adminId}`, jsonRequest('PATCH', { role: 'viewer' }, admin))).status).toBe(409)
    await app.request('/api/users', jsonRequest('POST', { username: 'viewer1', password: 'a-good-password-9', role: 'viewer' }, admin))
    const viewer = await signIn(app, 'viewer1', 'a-good-password-9')
    const viewerId = store.accounts.userByName('viewer1')?.id
    expect((await app.request(`/api/users/${viewerId}`, jsonRequest('PATCH', { disabled: true }, admin))).status).toBe(200)
    expect(await (await app.request('/api/auth/me', { headers: { Cookie: viewer } })).json()).toEqual({ user: null })
  })

  test('password change needs the current password and ends the session', async () => {
    const { app } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const wrong = await app.request('/api/auth/password', jsonRequest('POST', { currentPassword: 'nope', newPassword: 'another-good-pw-7' }, admin))
    expect(wrong.status).toBe(403)
    const ok = await app.request('/api/auth/password', jsonRequest('POST', { currentPassword: ADMIN_PASSWORD, newPassword: 'another-good-pw-7' }, admin))
    expect(ok.status).toBe(200)
    expect(await (await app.request('/api/auth/me', { headers: { Cookie: admin } })).json()).toEqual({ user: null })
    await signIn(app, 'admin', 'another-good-pw-7')
  })

  test('the audit log records account changes with before → after, for admins only', async () => {
    const { app } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    await app.request('/api/users', jsonRequest('POST', { username: 'viewer2', password: 'a-good-password-9', role: 'viewer' }, admin))
    expect((await app.request('/api/audit')).status).toBe(401)
    const { entries } = await (await app.request('/api/audit?entity=user', { headers: { Cookie: admin } })).json()
    expect(entries[0]).toMatchObject({ actor: 'admin', action: 'create', entity: 'user', before: null, after: { username: 'viewer2', role: 'viewer' } })
    expect(JSON.stringify(entries)).not.toContain('scrypt')
  })
})

describe('hardening', () => {
  test('a write from another origin is refused; same origin and non-browser clients pass', async () => {
    const { app } = demoApp()
    const body = { username: 'admin', password: ADMIN_PASSWORD }
    const cross = await app.request('/api/auth/login', jsonRequest('POST', body, undefined, { Origin: 'https://evil.example' }))
    expect(cross.status).toBe(403)
    expect((await cross.json()).error.message).toBe('Origin https://evil.example may not change data on this atlas (expected http://localhost)')
    expect((await app.request('/api/auth/login', jsonRequest('POST', body, undefined, { Origin: 'http://localhost' }))).status).toBe(200)
  })

  test('ATLAS_REQUIRE_LOGIN: reads need a session, health and sign-in stay open', async () => {
    const { app } = demoApp({ requireLogin: true })
    expect((await app.request('/api/units')).status).toBe(401)
    expect((await app.request('/api/health')).status).toBe(200)
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect((await app.request('/api/units', { headers: { Cookie: admin } })).status).toBe(200)
  })

  test('an oversized body is a 413', async () => {
    const { app } = demoApp({ maxJsonBytes: 1000 })
    const answer = await app.request('/api/auth/login', jsonRequest('POST', { username: 'admin', password: 'x'.repeat(2000) }))
    expect(answer.status).toBe(413)
  })

  test('security headers: CSP without inline script, nosniff, referrer policy, frame-ancestors', async () => {
    const { app } = demoApp({ frameAncestors: ["'self'", 'https://portal.example.gov.cn'] })
    const answer = await app.request('/api/health')
    const csp = answer.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(csp).toContain("frame-ancestors 'self' https://portal.example.gov.cn")
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
    expect(answer.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
  })
})
