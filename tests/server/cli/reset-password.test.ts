// atlas reset-password: a new random password printed once, forced at the next sign-in, sessions ended, audited.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ensureFirstAdmin } from '../../../server/auth/first-admin'
import { verifyPassword } from '../../../server/auth/passwords'
import { runCli } from '../../../server/cli/main'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import { STORE_FILE } from '../../../server/open-store'

const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-reset-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function atlas(dataDir: string, ...argv: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir, USER: 'operator' } })
  return { code, out, err }
}

describe('atlas reset-password', () => {
  it('gives the account a new password, printed once and forced, ends its sessions, enables it on --enable, and audits it', async () => {
    const dataDir = join(dir, 'store')
    mkdirSync(dataDir)
    const setup = openSqliteStore(join(dataDir, STORE_FILE))
    ensureFirstAdmin(setup, 'Old-admin-pass-1', () => {})
    const admin = setup.accounts.userByName('admin')
    if (!admin) throw new Error('no admin')
    setup.accounts.createSession(admin.id, 'token-hash', '2099-01-01T00:00:00Z')
    setup.accounts.updateUser(admin.id, { disabled: true }, 'test')
    setup.close()

    const reset = await atlas(dataDir, 'reset-password', 'ADMIN', '--enable')
    expect(reset.code, reset.err).toBe(0)
    const password = /^New password of admin \(admin\): (\S{16})\n/.exec(reset.out)?.[1]
    expect(password).toBeDefined()
    expect(reset.out).toContain('the account is enabled again')

    const store = openSqliteStore(join(dataDir, STORE_FILE))
    try {
      const after = store.accounts.userByName('admin')
      expect(after && verifyPassword(password ?? '', after.passwordHash)).toBe(true)
      expect(after).toMatchObject({ mustChangePassword: true, disabled: false })
      expect(store.accounts.session('token-hash', '2026-12-01T00:00:00Z')).toBeNull()
      expect(store.audit.list({ limit: 1, entity: 'user' })[0]).toMatchObject({ actor: 'cli:operator', action: 'update', entityId: String(admin.id) })
    } finally {
      store.close()
    }
  })

  it('names the accounts there are when the one asked for is not one of them', async () => {
    const unknown = await atlas(join(dir, 'store'), 'reset-password', 'nobody')
    expect(unknown.code).toBe(1)
    expect(unknown.err).toBe('atlas reset-password: there is no account "nobody" (the store has: admin)\n')
    const noStore = await atlas(join(dir, 'nothing-here'), 'reset-password', 'admin')
    expect(noStore.code).toBe(1)
    expect(noStore.err).toContain('there is no store at')
  })
})
