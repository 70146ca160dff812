// 身份鉴别: a password someone else chose (an admin's new account or reset, the generated first password) or
// one past ATLAS_PASSWORD_MAX_AGE_DAYS is changed before anything else is written; the operator's own
// ATLAS_ADMIN_PASSWORD is not forced. The walk sends every write route of the app and expects the same 403.
import { describe, expect, test } from 'vitest'
import { createApp } from '../../../server/app'
import { ensureFirstAdmin } from '../../../server/auth/first-admin'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import { seedDemo } from '../../../server/seed/seed-store'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn, TODAY } from '../demo-app'

type App = ReturnType<typeof demoApp>['app']

const me = async (app: App, cookie: string) => (await (await app.request('/api/auth/me', { headers: { Cookie: cookie } })).json()).user

async function createUser(app: App, admin: string, username: string, password: string, role = 'editor') {
  const answer = await app.request('/api/users', jsonRequest('POST', { username, password, role }, admin))
  expect(answer.status).toBe(201)
  return (await answer.json()).user.id as number
}

const writeTarget = (cookie: string) => jsonRequest('POST', { areaCode: '530626', schemeId: 'qijin', category: '学校', minLevel: '县级', count: 3, dueYear: 2028 }, cookie)

describe('a password an admin set must be changed at the next sign-in', () => {
  test('a new account: me says mustChangePassword, writes answer 403 password_change_required until the change', async () => {
    const { app } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect(await me(app, admin)).toMatchObject({ username: 'admin', mustChangePassword: false })
    await createUser(app, admin, 'liwei', 'Given-by-admin-1')
    const first = await signIn(app, 'liwei', 'Given-by-admin-1')
    expect(await me(app, first)).toMatchObject({ username: 'liwei', mustChangePassword: true })
    const refused = await app.request('/api/targets', writeTarget(first))
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({
      error: { code: 'password_change_required', message: '请先修改密码 (the password of liwei must be changed before anything else: POST /api/auth/password)' },
    })
    expect((await app.request('/api/units/table?limit=1', { headers: { Cookie: first } })).status).toBe(200) // reads go on

    const same = await app.request('/api/auth/password', jsonRequest('POST', { currentPassword: 'Given-by-admin-1', newPassword: 'Given-by-admin-1' }, first))
    expect(await same.json()).toEqual({ error: { code: 'bad_request', message: 'newPassword: one of the 5 last passwords of this account' } })
    const weak = await app.request('/api/auth/password', jsonRequest('POST', { currentPassword: 'Given-by-admin-1', newPassword: 'liwei-2026-X' }, first))
    expect((await weak.json()).error.message).toBe('newPassword: contains the username "liwei"')
    const changed = await app.request('/api/auth/password', jsonRequest('POST', { currentPassword: 'Given-by-admin-1', newPassword: 'Chosen-by-me-2' }, first))
    expect(changed.status).toBe(200)
    const again = await signIn(app, 'liwei', 'Chosen-by-me-2')
    expect(await me(app, again)).toMatchObject({ mustChangePassword: false })
    expect((await app.request('/api/targets', writeTarget(again))).status).toBe(201)
  })

  test('a reset by an admin forces the change again; the policy names what a reset breaks', async () => {
    const { app } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const id = await createUser(app, admin, 'wangfang', 'Given-by-admin-1')
    const weak = await app.request(`/api/users/${id}`, jsonRequest('PATCH', { password: 'Aa123456' }, admin))
    expect(await weak.json()).toEqual({ error: { code: 'bad_request', message: 'password: on the list of common passwords' } })
    const short = await app.request('/api/users', jsonRequest('POST', { username: 'x2', password: 'Ab1!', role: 'viewer' }, admin))
    expect((await short.json()).error.message).toBe('password: 4 characters, expected at least 8')
    const user = await signIn(app, 'wangfang', 'Given-by-admin-1')
    await app.request('/api/auth/password', jsonRequest('POST', { currentPassword: 'Given-by-admin-1', newPassword: 'Chosen-by-me-2' }, user))
    expect((await app.request(`/api/users/${id}`, jsonRequest('PATCH', { password: 'Reset-by-admin-3' }, admin))).status).toBe(200)
    const reset = await signIn(app, 'wangfang', 'Reset-by-admin-3')
    expect(await me(app, reset)).toMatchObject({ mustChangePassword: true })
    expect((await app.request('/api/targets', writeTarget(reset))).status).toBe(403)
  })

  test('the generated first admin password is forced; ATLAS_ADMIN_PASSWORD is not', async () => {
    const now = () => new Date(`${TODAY}T09:00:00Z`)
    const store = openSqliteStore(':memory:', { now })
    seedDemo(store, TODAY)
    const logged: string[] = []
    ensureFirstAdmin(store, null, (m) => logged.push(m))
    const generated = /with the password (\S+) /.exec(logged[0])?.[1] ?? ''
    const app = createApp({ store, version: 'test', now, log: () => {} })
    const admin = await signIn(app, 'admin', generated)
    expect(await me(app, admin)).toMatchObject({ mustChangePassword: true })
    expect((await app.request('/api/targets', writeTarget(admin))).status).toBe(403)
    store.close()

    const { app: chosen } = demoApp() // ensureFirstAdmin with ADMIN_PASSWORD
    expect(await me(chosen, await signIn(chosen, 'admin', ADMIN_PASSWORD))).toMatchObject({ mustChangePassword: false })
  })

  test('ATLAS_PASSWORD_MAX_AGE_DAYS: a password older than that acts as one to change', async () => {
    let clock = new Date(`${TODAY}T09:00:00Z`)
    const store = openSqliteStore(':memory:', { now: () => clock })
    seedDemo(store, TODAY)
    ensureFirstAdmin(store, ADMIN_PASSWORD, () => {})
    const passwords = { minLength: 8, history: 5, maxAgeDays: 90 }
    const app = createApp({ store, version: 'test', now: () => clock, log: () => {}, security: { passwords } })
    clock = new Date(clock.getTime() + 89 * 86_400_000)
    const young = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect(await me(app, young)).toMatchObject({ mustChangePassword: false })
    clock = new Date(clock.getTime() + 2 * 86_400_000) // 91 days after it was set
    const old = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect(await me(app, old)).toMatchObject({ mustChangePassword: true })
    expect((await app.request('/api/targets', writeTarget(old))).status).toBe(403)
    const changed = await app.request('/api/auth/password', jsonRequest('POST', { currentPassword: ADMIN_PASSWORD, newPassword: 'Fresh-atlas-pw-9' }, old))
    expect(changed.status).toBe(200)
    expect(await me(app, await signIn(app, 'admin', 'Fresh-atlas-pw-9'))).toMatchObject({ mustChangePassword: false })
    store.close()
  })
})

describe('the write walk: every write route of the app', () => {
  const ALLOWED = new Set(['/api/auth/login', '/api/auth/logout', '/api/auth/password'])

  function writeRoutes(app: App): { method: string; path: string }[] {
    const seen = new Set<string>()
    return app.routes
      .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !r.path.includes('*') && !ALLOWED.has(r.path))
      .map((r) => ({ method: r.method, path: r.path.replace(/:(\w+)(\{[^}]*\})?/g, '1') }))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && Boolean(seen.add(`${r.method} ${r.path}`)))
  }

  test('answers 403 password_change_required to an admin whose password an admin set, and not once the password is changed', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    await createUser(app, admin, 'second-admin', 'Given-by-admin-1', 'admin')
    const routes = writeRoutes(app)
    expect(routes.length).toBeGreaterThan(30)
    const walk = async (cookie: string) => {
      const codes: string[] = []
      for (const { method, path } of routes) {
        const answer = await app.request(path, jsonRequest(method, {}, cookie, { 'If-Match': '"1"' }))
        const code = answer.status === 403 ? ((await answer.json()).error?.code as string) : String(answer.status)
        codes.push(`${method} ${path} ${code}`)
      }
      return codes
    }
    const forced = await signIn(app, 'second-admin', 'Given-by-admin-1')
    expect((await walk(forced)).filter((line) => !line.endsWith(' password_change_required'))).toEqual([])
    store.accounts.updateUser(store.accounts.userByName('second-admin')!.id, { mustChangePassword: false }, 'test')
    expect((await walk(forced)).filter((line) => line.endsWith(' password_change_required'))).toEqual([])
  }, 120_000)
})
