// GET /api/backup: admins only; a fresh backup of the live store that passes the backup check, audited, and
// its temporary file gone once it has been sent.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { hashPassword } from '../../../server/auth/passwords'
import { checkBackupFile } from '../../../server/db/backup'
import { ADMIN_PASSWORD, demoApp, signIn } from '../demo-app'

const { app, store } = demoApp()
const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-route-'))
afterAll(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

const PASSWORD = 'backup-password-1'
store.accounts.createUser({ username: 'looker', passwordHash: hashPassword(PASSWORD), role: 'viewer', areaScope: null }, 'test')
store.accounts.createUser({ username: 'anywhere', passwordHash: hashPassword(PASSWORD), role: 'editor', areaScope: null }, 'test')

const cookies: Record<string, string> = {}
beforeAll(async () => {
  cookies.admin = await signIn(app, 'admin', ADMIN_PASSWORD)
  for (const name of ['looker', 'anywhere']) cookies[name] = await signIn(app, name, PASSWORD)
})

/** The route's temporary directories (mkdtemp adds six characters), not those of the tests. */
const backupDirs = () => readdirSync(tmpdir()).filter((name) => /^atlas-backup-\w{6}$/.test(name))

describe('GET /api/backup', () => {
  test('anonymous callers get 401, viewers and editors 403', async () => {
    expect((await app.request('/api/backup')).status).toBe(401)
    expect((await app.request('/api/backup', { headers: { Cookie: cookies.looker } })).status).toBe(403)
    expect((await app.request('/api/backup', { headers: { Cookie: cookies.anywhere } })).status).toBe(403)
  })

  test('an admin downloads a backup that passes the check, is audited, and leaves no temporary file', async () => {
    const before = backupDirs()
    const answer = await app.request('/api/backup', { headers: { Cookie: cookies.admin } })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/vnd.sqlite3')
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="atlas-backup-20261123-0900.sqlite"')
    const bytes = Buffer.from(await answer.arrayBuffer())
    expect(answer.headers.get('content-length')).toBe(String(bytes.length))

    const file = join(dir, 'downloaded.sqlite')
    writeFileSync(file, bytes)
    const { units, areas } = store.health()
    expect(checkBackupFile(file)).toMatchObject({ bytes: bytes.length, units, areas })
    expect(store.audit.list({ limit: 1, action: 'backup' })[0]).toMatchObject({ actor: 'admin', action: 'backup', entity: 'store', after: { bytes: bytes.length } })
    await vi.waitFor(() => expect(backupDirs()).toEqual(before))
  })
})
