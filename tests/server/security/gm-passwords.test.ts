// ATLAS_CRYPTO=gm (issue 23 item 8): new passwords are hashed with PBKDF2-HMAC-SM3, and a password hashed
// before the switch (scrypt) is hashed again at its next sign-in, without ending any session; back to standard, likewise.
import { describe, expect, test } from 'vitest'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn } from '../demo-app'

const hashOf = (store: ReturnType<typeof demoApp>['store'], username: string) => store.accounts.userByName(username)!.passwordHash

describe('ATLAS_CRYPTO=gm and passwords', () => {
  test('the first admin (scrypt) is rehashed with SM3 at sign-in, audited; a new account is SM3 from the start', async () => {
    const { app, store } = demoApp({ crypto: 'gm' })
    expect(hashOf(store, 'admin')).toMatch(/^scrypt\$/)
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect(hashOf(store, 'admin')).toMatch(/^pbkdf2-sm3\$/)
    expect(store.audit.list({ limit: 5 }).some((e) => e.action === 'rehash-password' && (e.after as { algorithm: string }).algorithm === 'pbkdf2-sm3')).toBe(true)
    expect((await (await app.request('/api/auth/me', { headers: { Cookie: admin } })).json()).user.username).toBe('admin')
    await signIn(app, 'admin', ADMIN_PASSWORD)

    const created = await app.request('/api/users', jsonRequest('POST', { username: 'zhangsan', password: 'Gm-suite-pw-9', role: 'viewer', areaScope: null }, admin))
    expect(created.status).toBe(201)
    expect(hashOf(store, 'zhangsan')).toMatch(/^pbkdf2-sm3\$100000\$/)
    store.close()
  })

  test('switched back to standard, an SM3 hash becomes scrypt at the next sign-in', async () => {
    const gm = demoApp({ crypto: 'gm' })
    await signIn(gm.app, 'admin', ADMIN_PASSWORD)
    const sm3 = hashOf(gm.store, 'admin')
    const standard = demoApp()
    standard.store.accounts.rehashPassword(standard.store.accounts.userByName('admin')!.id, sm3, 'test')
    await signIn(standard.app, 'admin', ADMIN_PASSWORD)
    expect(hashOf(standard.store, 'admin')).toMatch(/^scrypt\$/)
    gm.store.close()
    standard.store.close()
  })
})
