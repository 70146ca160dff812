// atlas backup and atlas restore: the round trip through runCli, and a clear message with a non-zero exit on
// every failure.
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../server/cli/main'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import { STORE_FILE } from '../../../server/open-store'

const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-backup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const source = join(dir, 'source') // seeded with the demo by the first command that opens it
const target = join(dir, 'target')

async function atlas(dataDir: string, ...argv: string[]) {
  return atlasWith({}, dataDir, ...argv)
}

/** `env` added to ATLAS_DATA_DIR; `typed`: what a person types at each passphrase prompt (a terminal). */
async function atlasWith({ env = {}, typed }: { env?: Record<string, string>; typed?: string[] }, dataDir: string, ...argv: string[]) {
  let out = ''
  let err = ''
  const prompts: string[] = []
  const readSecret = typed && (async (prompt: string) => (prompts.push(prompt), typed.shift() ?? ''))
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir, ...env }, ...(readSecret ? { readSecret } : {}) })
  return { code, out, err, prompts }
}

const unitNames = (dataDir: string) => {
  const store = openSqliteStore(join(dataDir, STORE_FILE))
  try {
    return store.snapshot().units.map((u) => u.name)
  } finally {
    store.close()
  }
}

describe('atlas backup and atlas restore', () => {
  it('round-trip a store, while the source is open as under a running server, keeping the store they replace', async () => {
    expect((await atlas(source, 'coverage')).code).toBe(0) // seeds the demo
    const expected = unitNames(source)
    const server = openSqliteStore(join(source, STORE_FILE))
    const file = join(dir, 'atlas.backup.sqlite')

    const backup = await atlas(source, 'backup', file)
    server.close()
    expect(backup.code, backup.err).toBe(0)
    expect(backup.out).toMatch(
      new RegExp(`^Backed up ${join(source, STORE_FILE)} to ${file} in \\d+ ms: [\\d.]+ MiB, schema v\\d+, \\d+ areas, ${expected.length} units\\n$`),
    )

    mkdirSync(target)
    openSqliteStore(join(target, STORE_FILE)).close() // an empty store, to be kept
    const restore = await atlasWith({ env: { USER: 'operator' } }, target, 'restore', file)
    expect(restore.code, restore.err).toBe(0)
    expect(restore.out).toContain(`Restored ${file} (`)
    expect(restore.out).toContain(`${expected.length} units) into ${join(target, STORE_FILE)}`)
    const previous = /The previous store is kept as (\S+)/.exec(restore.out)?.[1] ?? ''
    expect(previous).toMatch(/atlas\.sqlite\.before-restore-\d{8}-\d{6}$/)
    expect(statSync(previous).size).toBeGreaterThan(0)
    expect(unitNames(target)).toEqual(expected)
    // The restore is the first record after the backup's own trail, by whoever ran it, and the chain holds.
    const restored = openSqliteStore(join(target, STORE_FILE))
    try {
      expect(restored.audit.list({ limit: 1 })[0]).toMatchObject({ actor: 'cli:operator', action: 'restore', entity: 'backup', entityId: 'atlas.backup.sqlite', result: 'success' })
    } finally {
      restored.close()
    }
    expect((await atlasWith({ env: { USER: 'operator' } }, target, 'audit', 'verify')).code).toBe(0)
  })

  it('backup --encrypt writes a file restore opens only with its passphrase, refusing a wrong one and a changed byte by name', async () => {
    const expected = unitNames(source)
    const file = join(dir, 'atlas.backup.enc')
    const backup = await atlasWith({ typed: ['correct horse 电池', 'correct horse 电池'] }, source, 'backup', file, '--encrypt')
    expect(backup.code, backup.err).toBe(0)
    expect(backup.prompts).toEqual(['Backup passphrase: ', 'The same passphrase again: '])
    expect(backup.out).toMatch(/units, encrypted \(AES-256-GCM\)\n$/)
    const sealed = readFileSync(file)
    expect(sealed.subarray(0, 8).toString()).toBe('ATLASENC')
    expect(sealed.includes(Buffer.from('SQLite format 3'))).toBe(false)
    expect(readdirSync(dir).filter((f) => f.includes('.plain-'))).toEqual([])

    const restored = join(dir, 'encrypted-target')
    mkdirSync(restored)
    openSqliteStore(join(restored, STORE_FILE)).close()
    const before = readFileSync(join(restored, STORE_FILE))
    const wrong = await atlasWith({ env: { ATLAS_BACKUP_PASSPHRASE: 'wrong horse' } }, restored, 'restore', file)
    expect(wrong.code).toBe(1)
    expect(wrong.err).toContain(`atlas restore: ${file}: wrong passphrase`)
    const changed = join(dir, 'atlas.backup.changed.enc')
    const flipped = Buffer.from(sealed)
    flipped[Math.floor(flipped.length / 2)] ^= 0x40
    writeFileSync(changed, flipped)
    const damaged = await atlasWith({ env: { ATLAS_BACKUP_PASSPHRASE: 'correct horse 电池' } }, restored, 'restore', changed)
    expect(damaged.code).toBe(1)
    expect(damaged.err).toContain(`atlas restore: ${changed} is damaged or was changed after it was written: the aes-256-gcm authentication tag does not match`)
    expect(readFileSync(join(restored, STORE_FILE)).equals(before)).toBe(true)
    expect(readdirSync(restored)).toEqual([STORE_FILE])
    const none = await atlas(restored, 'restore', file)
    expect(none.err).toContain(`${file} is an encrypted backup: give its passphrase (ATLAS_BACKUP_PASSPHRASE, or type it when asked at a terminal)`)

    const right = await atlasWith({ typed: ['correct horse 电池'] }, restored, 'restore', file)
    expect(right.code, right.err).toBe(0)
    expect(right.prompts).toEqual(['Backup passphrase: '])
    expect(unitNames(restored)).toEqual(expected)
  })

  it('backup --encrypt without ATLAS_BACKUP_PASSPHRASE or a terminal, or with two different passphrases typed, writes nothing', async () => {
    const file = join(dir, 'never.enc')
    expect((await atlas(source, 'backup', file, '--encrypt')).err).toContain('no passphrase: set ATLAS_BACKUP_PASSPHRASE, or run it at a terminal to type one')
    expect((await atlasWith({ typed: ['one', 'two'] }, source, 'backup', file, '--encrypt')).err).toContain('the two passphrases differ; nothing was written')
    expect(existsSync(file)).toBe(false)
  })

  it('backup refuses a missing argument, an existing file without --overwrite, and the store itself', async () => {
    const missing = await atlas(source, 'backup')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('atlas backup: name the file to write')

    const existing = join(dir, 'existing.sqlite')
    writeFileSync(existing, 'keep me')
    const refused = await atlas(source, 'backup', existing)
    expect(refused.code).toBe(2)
    expect(refused.err).toContain(`${existing} exists; choose another name or add --overwrite`)
    expect((await atlas(source, 'backup', existing, '--overwrite')).code).toBe(0)

    const itself = await atlas(source, 'backup', join(source, STORE_FILE), '--overwrite')
    expect(itself.code).toBe(2)
    expect(itself.err).toContain('is the store itself')

    const noStore = await atlas(join(dir, 'empty'), 'backup', join(dir, 'nothing.sqlite'))
    expect(noStore.code).toBe(1)
    expect(noStore.err).toContain('there is no store at')
    expect(existsSync(join(dir, 'empty', STORE_FILE))).toBe(false) // a backup creates no store
  })

  it('restore refuses a damaged or foreign file and a running server, with a non-zero exit', async () => {
    const missing = await atlas(target, 'restore')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('atlas restore: name the backup file to restore')

    const text = join(dir, 'notes.txt')
    writeFileSync(text, 'not a backup\n'.repeat(100))
    const notSqlite = await atlas(target, 'restore', text)
    expect(notSqlite.code).toBe(1)
    expect(notSqlite.err).toBe(`atlas restore: ${text} is not an SQLite database (it does not begin with "SQLite format 3")\n`)

    const foreign = join(dir, 'foreign.sqlite')
    const db = new Database(foreign)
    db.exec('CREATE TABLE x (a)')
    db.close()
    const notAtlas = await atlas(target, 'restore', foreign)
    expect(notAtlas.code).toBe(1)
    expect(notAtlas.err).toContain(`atlas restore: ${foreign} is not a Unity Atlas store: it lacks the tables areas`)

    const server = openSqliteStore(join(target, STORE_FILE))
    const running = await atlas(target, 'restore', join(dir, 'atlas.backup.sqlite'))
    server.close()
    expect(running.code).toBe(1)
    expect(running.err).toContain('is in use: stop the server first')
  })

  it('both have help, and atlas lists them', async () => {
    for (const command of ['backup', 'restore']) {
      const { code, out } = await atlas(source, command, '--help')
      expect(code).toBe(0)
      expect(out).toContain(`Usage: atlas ${command} FILE`)
    }
    const { out } = await atlas(source, '--help')
    expect(out).toMatch(/ backup +copy the store/)
    expect(out).toMatch(/ restore +replace the store/)
  })
})
