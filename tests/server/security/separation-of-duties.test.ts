// 三员分立 through the API (ATLAS_SEPARATION_OF_DUTIES=1): the admin, the secadmin and the auditor each do their
// part and are refused the others', in both directions; without the setting the admin does all of it.
import { describe, expect, test } from 'vitest'
import { createApp } from '../../../server/app'
import { ensureFirstAdmin, ensureSeparatedAdministrators } from '../../../server/auth/first-admin'
import { hashPassword } from '../../../server/auth/passwords'
import { openTestStore } from '../test-store'
import { ADMIN_PASSWORD, jsonRequest, signIn, TODAY } from '../demo-app'

const SECADMIN_PASSWORD = 'Secadmin-password-2'
const AUDITOR_PASSWORD = 'Auditor-password-3'
const VIEWER_PASSWORD = 'Viewer-password-4'

function separatedApp(options: { backupPassphrase?: string } = {}) {
  const now = () => new Date(`${TODAY}T09:00:00Z`)
  const store = openTestStore({ now })
  ensureSeparatedAdministrators(store, { secadmin: SECADMIN_PASSWORD, auditor: AUDITOR_PASSWORD }, () => {})
  store.accounts.createUser({ username: 'looker', passwordHash: hashPassword(VIEWER_PASSWORD), role: 'viewer', areaScope: null }, 'test')
  const app = createApp({ store, version: 'test', now, log: () => {}, security: { separationOfDuties: true, backupPassphrase: options.backupPassphrase ?? null } })
  return { app, store }
}

type App = ReturnType<typeof separatedApp>['app']

async function cookiesOf(app: App) {
  return {
    admin: await signIn(app, 'admin', ADMIN_PASSWORD),
    secadmin: await signIn(app, 'secadmin', SECADMIN_PASSWORD),
    auditor: await signIn(app, 'auditor', AUDITOR_PASSWORD),
  }
}

const get = (app: App, path: string, cookie: string) => app.request(path, { headers: { Cookie: cookie } })
const errorOf = async (answer: Response) => ((await answer.json()) as { error: { message: string } }).error.message

describe('separated duties', () => {
  test('the auditor reads and exports the trail; the admin and the secadmin cannot', async () => {
    const { app, store } = separatedApp()
    const cookies = await cookiesOf(app)
    expect((await get(app, '/api/audit', cookies.auditor)).status).toBe(200)
    expect((await get(app, '/api/audit/export', cookies.auditor)).status).toBe(200)
    for (const who of ['admin', 'secadmin'] as const) {
      const answer = await get(app, '/api/audit', cookies[who])
      expect(answer.status).toBe(403)
      expect(await errorOf(answer)).toContain('三员分立：查看和导出审计记录只能由审计管理员进行')
      expect((await get(app, '/api/audit/export', cookies[who])).status).toBe(403)
    }
    store.close()
  })

  test('the admin creates accounts and resets passwords; the secadmin gives them roles; neither does the other part', async () => {
    const { app, store } = separatedApp()
    const cookies = await cookiesOf(app)
    const created = await app.request('/api/users', jsonRequest('POST', { username: 'newcomer', password: 'Fresh-pass-55' }, cookies.admin))
    expect(created.status).toBe(201)
    const { user } = (await created.json()) as { user: { id: number; role: string } }
    expect(user.role).toBe('viewer')
    const asEditor = await app.request('/api/users', jsonRequest('POST', { username: 'other', password: 'Other-pass-6', role: 'editor' }, cookies.admin))
    expect(asEditor.status).toBe(403)
    expect(await errorOf(asEditor)).toContain('分配角色和范围只能由安全管理员进行')
    expect((await app.request(`/api/users/${user.id}`, jsonRequest('PATCH', { role: 'editor' }, cookies.admin))).status).toBe(403)

    const promoted = await app.request(`/api/users/${user.id}`, jsonRequest('PATCH', { role: 'editor', areaScope: '530626' }, cookies.secadmin))
    expect(promoted.status).toBe(200)
    expect(await promoted.json()).toMatchObject({ user: { role: 'editor', areaScope: '530626' } })
    expect((await app.request('/api/users', jsonRequest('POST', { username: 'x2', password: 'Other-pass-6' }, cookies.secadmin))).status).toBe(403)
    expect((await app.request(`/api/users/${user.id}`, jsonRequest('PATCH', { password: 'Reset-pass-77' }, cookies.secadmin))).status).toBe(403)
    expect((await app.request(`/api/users/${user.id}`, jsonRequest('PATCH', { disabled: true }, cookies.secadmin))).status).toBe(403)
    expect((await app.request(`/api/users/${user.id}`, jsonRequest('PATCH', { password: 'Reset-pass-77' }, cookies.admin))).status).toBe(200)

    const secadminId = store.accounts.userByName('secadmin')?.id
    const selfGrant = await app.request(`/api/users/${secadminId}`, jsonRequest('PATCH', { role: 'admin' }, cookies.secadmin))
    expect(selfGrant.status).toBe(403)
    expect(await errorOf(selfGrant)).toContain('不能修改自己的角色或范围')
    expect((await get(app, '/api/users', cookies.auditor)).status).toBe(403)
    // Every one of these was refused before it changed anything: the only role changes are the secadmin's.
    const roles = Object.fromEntries(store.accounts.listUsers().map((u) => [u.username, u.role]))
    expect(roles).toEqual({ admin: 'admin', secadmin: 'secadmin', auditor: 'auditor', looker: 'viewer', newcomer: 'editor' })
    store.close()
  })

  test("the admin cannot take over another administrator's account, nor leave a duty with nobody", async () => {
    const { app, store } = separatedApp()
    const cookies = await cookiesOf(app)
    const auditorId = store.accounts.userByName('auditor')?.id
    const reset = await app.request(`/api/users/${auditorId}`, jsonRequest('PATCH', { password: 'Taken-over-pass-8' }, cookies.admin))
    expect(reset.status).toBe(403)
    expect(await errorOf(reset)).toContain('atlas reset-password auditor')
    const disable = await app.request(`/api/users/${auditorId}`, jsonRequest('PATCH', { disabled: true }, cookies.admin))
    expect(disable.status).toBe(409)
    expect((await signIn(app, 'auditor', AUDITOR_PASSWORD)).length).toBeGreaterThan(0)
    store.close()
  })

  test('only the admin writes data; the secadmin and the auditor read like viewers', async () => {
    const { app, store } = separatedApp()
    const cookies = await cookiesOf(app)
    const unit = store.units.get(1)
    if (!unit) throw new Error('the demo has unit 1')
    const edit = (cookie: string, version: number) =>
      app.request(`/api/units/${unit.id}`, jsonRequest('PATCH', { notes: '三员测试' }, cookie, { 'If-Match': `"${version}"` }))
    for (const who of ['secadmin', 'auditor'] as const) {
      const refused = await edit(cookies[who], unit.version)
      expect(refused.status).toBe(403)
      expect(await errorOf(refused)).toContain('不能修改数据')
    }
    expect((await edit(cookies.admin, unit.version)).status).toBe(200)
    store.close()
  })

  test('backups hold the trail: the admin gets one only encrypted, with a passphrase the server keeps', async () => {
    const plain = separatedApp()
    const refused = await get(plain.app, '/api/backup', (await cookiesOf(plain.app)).admin)
    expect(refused.status).toBe(403)
    expect(await errorOf(refused)).toContain('ATLAS_BACKUP_PASSPHRASE')
    plain.store.close()

    const sealed = separatedApp({ backupPassphrase: 'kept by the secadmin' })
    const cookies = await cookiesOf(sealed.app)
    const answer = await get(sealed.app, '/api/backup', cookies.admin)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-disposition')).toMatch(/\.sqlite\.enc"$/)
    expect(Buffer.from(await answer.arrayBuffer()).subarray(0, 8).toString()).toBe('ATLASENC')
    for (const who of ['secadmin', 'auditor'] as const) expect((await get(sealed.app, '/api/backup', cookies[who])).status).toBe(403)
    sealed.store.close()
  })

  test('/me tells each administrator their duties', async () => {
    const { app, store } = separatedApp()
    const cookies = await cookiesOf(app)
    const duties = async (cookie: string) => ((await (await get(app, '/api/auth/me', cookie)).json()) as { user: { duties: string[]; separationOfDuties: boolean } }).user
    expect(await duties(cookies.admin)).toMatchObject({ duties: ['accounts', 'backup'], separationOfDuties: true })
    expect(await duties(cookies.secadmin)).toMatchObject({ duties: ['roles'] })
    expect(await duties(cookies.auditor)).toMatchObject({ duties: ['audit'] })
    store.close()
  })
})

describe('the three administrators at first start', () => {
  test('made with the configured passwords (not forced), or random ones printed once and forced', () => {
    const store = openTestStore({ template: 'empty' })
    const logged: string[] = []
    ensureFirstAdmin(store, ADMIN_PASSWORD, (m) => logged.push(m))
    ensureSeparatedAdministrators(store, { secadmin: SECADMIN_PASSWORD, auditor: null }, (m) => logged.push(m))
    const made = Object.fromEntries(store.accounts.listUsers().map((u) => [u.username, [u.role, u.mustChangePassword]]))
    expect(made).toEqual({ admin: ['admin', false], secadmin: ['secadmin', false], auditor: ['auditor', true] })
    expect(logged).toContain('Created the secadmin "secadmin" with the password from ATLAS_SECADMIN_PASSWORD')
    expect(logged.at(-1)).toMatch(/^Created the auditor "auditor" with the password \S{16} — shown only now; it must be changed at the first sign-in$/)
    // A second start makes nothing more.
    ensureSeparatedAdministrators(store, { secadmin: null, auditor: null }, (m) => logged.push(m))
    expect(store.accounts.countUsers()).toBe(3)
    store.close()
  })

  test('a store turned to separation later gets the missing ones; a name taken by another role stops the start', () => {
    const store = openTestStore({ template: 'empty' })
    ensureFirstAdmin(store, ADMIN_PASSWORD, () => {})
    store.accounts.createUser({ username: 'auditor', passwordHash: hashPassword(VIEWER_PASSWORD), role: 'viewer', areaScope: null }, 'test')
    expect(() => ensureSeparatedAdministrators(store, { secadmin: null, auditor: null }, () => {})).toThrow(
      'needs an account with the role auditor, and the name "auditor" is taken by a viewer',
    )
    store.close()
  })
})
