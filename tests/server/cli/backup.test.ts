// atlas backup and atlas restore: the round trip through runCli, and a clear message with a non-zero exit on
// every failure.
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
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
  let out = ''
  let err = ''
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir } })
  return { code, out, err }
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
    const restore = await atlas(target, 'restore', file)
    expect(restore.code, restore.err).toBe(0)
    expect(restore.out).toContain(`Restored ${file} (`)
    expect(restore.out).toContain(`${expected.length} units) into ${join(target, STORE_FILE)}`)
    const previous = /The previous store is kept as (\S+)/.exec(restore.out)?.[1] ?? ''
    expect(previous).toMatch(/atlas\.sqlite\.before-restore-\d{8}-\d{6}$/)
    expect(statSync(previous).size).toBeGreaterThan(0)
    expect(unitNames(target)).toEqual(expected)
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
