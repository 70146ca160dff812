// Scheduled backups against a real store in a temporary directory: made, pruned to the newest N, verified by
// a trial restore, and the outcome shown by GET /api/health.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { createApp } from '../../server/app'
import { startScheduledBackups } from '../../server/backup-schedule'
import { encryptBackupFile, verifyBackup } from '../../server/db/backup'
import { demoApp } from './demo-app'

const dir = mkdtempSync(join(tmpdir(), 'atlas-scheduled-'))
const { store } = demoApp()
afterAll(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('scheduled backups', () => {
  test('a backup made at once when none is newer than a period, older ones pruned, the newest verified and shown in /api/health', async () => {
    const backups = join(dir, 'backups')
    const logged: string[] = []
    // Older scheduled backups (their content does not matter: they are only pruned) and a file that is not one.
    mkdirSync(backups)
    for (const name of ['atlas-20261101-020000.sqlite', 'atlas-20261102-020000.sqlite', 'keep-me.txt']) writeFileSync(join(backups, name), 'old')

    const schedule = startScheduledBackups({
      store, settings: { dir: backups, everyHours: 24, keep: 2 }, passphrase: 'scheduled secret', crypto: 'standard',
      log: (m) => logged.push(m), logError: (m) => logged.push(`ERROR ${m}`), now: () => new Date('2026-11-23T09:00:00Z'),
    })
    try {
      await vi.waitFor(() => expect(schedule.status().verified).not.toBeNull(), { timeout: 20_000, interval: 100 })
      expect(schedule.status()).toMatchObject({ last: '2026-11-23T09:00:00.000Z', file: 'atlas-20261123-090000.sqlite.enc', verified: true, error: null, next: '2026-11-24T09:00:00.000Z' })
      expect(readdirSync(backups).sort()).toEqual(['atlas-20261102-020000.sqlite', 'atlas-20261123-090000.sqlite.enc', 'keep-me.txt'])
      expect(logged.at(-1)).toMatch(/^Scheduled backup .*atlas-20261123-090000\.sqlite\.enc: verified by a trial restore \(\d+ tables, \d+ rows\)$/)

      const app = createApp({ store, version: 'test', log: () => {}, backupStatus: schedule.status })
      expect(await (await app.request('/api/health')).json()).toMatchObject({ ok: true, backup: { verified: true, error: null } })
    } finally {
      schedule.stop()
    }
  })

  test('a failed backup is logged as an error and shown in /api/health, and the next try waits a period', async () => {
    const backups = join(dir, 'failing')
    const logged: string[] = []
    const failing = { ...store, backup: async () => { throw new Error('disk full') } }
    const schedule = startScheduledBackups({
      store: failing, settings: { dir: backups, everyHours: 1, keep: 2 }, passphrase: null, crypto: 'standard',
      log: () => {}, logError: (m) => logged.push(m), now: () => new Date('2026-11-23T09:00:00Z'),
    })
    try {
      await vi.waitFor(() => expect(schedule.status().verified).toBe(false), { timeout: 5_000, interval: 50 })
      expect(logged).toEqual([expect.stringMatching(/^Scheduled backup .* FAILED: disk full$/)])
      expect(schedule.status()).toMatchObject({ error: 'disk full', next: '2026-11-23T10:00:00.000Z' })
      const app = createApp({ store, version: 'test', log: () => {}, backupStatus: schedule.status })
      expect(await (await app.request('/api/health')).json()).toMatchObject({ ok: true, backup: { verified: false, error: 'disk full' } })
    } finally {
      schedule.stop()
    }
  })

  test('verifyBackup refuses an encrypted backup with the wrong passphrase and a file that is not a backup', async () => {
    const plain = join(dir, 'plain.sqlite')
    await store.backup(plain, 'test')
    expect(await verifyBackup(plain, null, dir)).toMatchObject({ tables: expect.any(Number), rows: expect.any(Number) })
    const sealed = join(dir, 'sealed.enc')
    await encryptBackupFile(plain, sealed, 'right', 'standard', { name: 'scrypt', N: 1024, r: 8, p: 1 })
    await expect(verifyBackup(sealed, 'wrong', dir)).rejects.toThrow('wrong passphrase')
    writeFileSync(join(dir, 'junk.sqlite'), 'junk')
    await expect(verifyBackup(join(dir, 'junk.sqlite'), null, dir)).rejects.toThrow('is not an SQLite database')
    expect(readdirSync(dir).filter((f) => f.includes('verify') || f.includes('decrypted'))).toEqual([])
  })
})
