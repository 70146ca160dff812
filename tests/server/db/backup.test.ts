// Backups taken while writes go on (through the server's own connection and from another process), restore
// compared row by row with the original, and the files and situations a restore refuses.
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureFirstAdmin } from '../../../server/auth/first-admin'
import { backupStore, checkBackupFile, restoreStore } from '../../../server/db/backup'
import { MIGRATIONS } from '../../../server/db/migrations'
import { migrate, openSqliteStore } from '../../../server/db/sqlite-store'
import { DomainError } from '../../../server/domain-error'
import type { UnitStatus } from '../../../server/shared/domain'
import { STORE_FILE } from '../../../server/open-store'
import { seedDemo } from '../../../server/seed/seed-store'

const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const TODAY = '2026-11-23'
const LATEST = MIGRATIONS.at(-1)?.version ?? 0
const seeded = join(dir, 'seeded.sqlite')
let good = '' // a backup of the seeded store, shared by the refusal tests

beforeAll(async () => {
  const store = openSqliteStore(seeded)
  seedDemo(store, TODAY)
  ensureFirstAdmin(store, 'backup-test-password-1', () => {})
  store.close()
  good = join(dir, 'good.sqlite')
  await backupStore(seeded, good)
})

/** A copy of the seeded store in its own data dir, as a server leaves it. */
function dataDirWithStore(name: string): string {
  const storeFile = join(dir, name, STORE_FILE)
  mkdirSync(dirname(storeFile), { recursive: true })
  copyFileSync(seeded, storeFile)
  return storeFile
}

/** Every table of a store file, row by row in rowid order, with the schema and its version. */
function contentsOf(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
    return {
      version: db.pragma('user_version', { simple: true }),
      schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
      rows: Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all()])),
    }
  } finally {
    db.close()
  }
}

function expectSameTables(actual: ReturnType<typeof contentsOf>, expected: ReturnType<typeof contentsOf>): void {
  expect(actual.version).toBe(expected.version)
  expect(actual.schema).toEqual(expected.schema)
  expect(Object.keys(actual.rows)).toEqual(Object.keys(expected.rows))
  for (const table of Object.keys(expected.rows)) expect(actual.rows[table], table).toEqual(expected.rows[table])
}

/** What a backup holds of the writes an actor made, checked for whole transactions: unit row, history row and audit row together. */
function writesIn(file: string, actor: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const count = (sql: string) => (db.prepare(sql).get(actor) as { n: number }).n
    const history = count('SELECT count(*) AS n FROM unit_status_history WHERE by = ?')
    expect(count("SELECT count(*) AS n FROM audit_log WHERE actor = ? AND action = 'transition'")).toBe(history)
    const behind = db
      .prepare(`SELECT u.id FROM units u JOIN unit_status_history h ON h.unit_id = u.id
          WHERE h.by = ? AND h.id = (SELECT max(id) FROM unit_status_history WHERE unit_id = u.id) AND h.to_status != u.status`)
      .all(actor)
    expect(behind).toEqual([])
    return history
  } finally {
    db.close()
  }
}

/** An SQLite file of another program: one table, x. */
function foreignFile(name: string): string {
  const file = join(dir, name)
  const db = new Database(file)
  db.exec('CREATE TABLE x (a)')
  db.close()
  return file
}

function expectRefusal(run: () => unknown, kind: DomainError['kind'], message: RegExp): void {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(DomainError)
  expect((caught as DomainError).kind).toBe(kind)
  expect((caught as DomainError).message).toMatch(message)
}

describe('backup while the store is written', () => {
  it("through the server's own connection: requests write between the backup's steps, and the copy has every write made before it finished", async () => {
    const store = openSqliteStore(dataDirWithStore('own-connection'))
    const ids = store.snapshot().units.slice(0, 5).map((u) => u.id)
    const note = (actor: string) => ({ actor, reason: 'backup test', at: `${TODAY}T10:00:00.000Z` })
    const moveTo = (units: number[], to: UnitStatus, actor: string) =>
      store.units.transition(units.map((id) => ({ id, from: store.units.get(id)!.status, to })), { ...note(actor), document: '' })
    moveTo(ids, '培育', 'setup')
    const file = join(dir, 'own-connection.backup.sqlite')
    let finished = false
    const done = store.backup(file, 'tester').finally(() => {
      finished = true
    })
    let writes = 0
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve))
      if (finished) break
      // Each write is a real change: round 1 moves the five units to 申报, round 2 back to 培育, …
      moveTo([ids[writes % ids.length]], Math.floor(writes / ids.length) % 2 === 0 ? '申报' : '培育', 'writer')
      writes++
    }
    await done
    expect(writes).toBeGreaterThan(1) // the backup took several steps, with writes between them
    expect(checkBackupFile(file)).toMatchObject({ schemaVersion: LATEST, units: store.health().units })
    expect(writesIn(file, 'writer')).toBe(writes)
    expect(store.audit.list({ limit: 1 })[0]).toMatchObject({ actor: 'tester', action: 'backup', entity: 'store', after: { bytes: statSync(file).size } })
    store.close()
  })

  it('from another process writing all the time: the copy is the store at one moment', async () => {
    const storeFile = dataDirWithStore('other-process')
    // A writer in its own process, in a tight loop: each transaction changes a unit's status and records it.
    const writer = spawn(process.execPath, ['-e', WRITER], {
      env: { ...process.env, SQLITE_MODULE: createRequire(import.meta.url).resolve('better-sqlite3'), STORE: storeFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let writerErrors = ''
    writer.stderr.on('data', (chunk) => (writerErrors += chunk))
    const reader = new Database(storeFile, { readonly: true })
    const written = () => (reader.prepare("SELECT count(*) AS n FROM audit_log WHERE actor = 'writer'").get() as { n: number }).n
    try {
      while (written() < 50) {
        expect(writer.exitCode, writerErrors).toBeNull()
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const before = written()
      const file = join(dir, 'other-process.backup.sqlite')
      await backupStore(storeFile, file)
      await new Promise((resolve) => setTimeout(resolve, 50))
      const after = written()
      expect(checkBackupFile(file).schemaVersion).toBe(LATEST)
      const captured = writesIn(file, 'writer')
      expect(captured).toBeGreaterThanOrEqual(before)
      expect(captured).toBeLessThanOrEqual(after)
      expect(after).toBeGreaterThan(before) // the writer went on during the backup
    } finally {
      writer.kill('SIGKILL')
      reader.close()
    }
  })
})

const WRITER = `
const Database = require(process.env.SQLITE_MODULE)
const db = new Database(process.env.STORE, { timeout: 10000 })
const units = db.prepare('SELECT id FROM units ORDER BY id LIMIT 20').pluck().all()
const statusOf = db.prepare('SELECT status FROM units WHERE id = ?').pluck()
const write = db.transaction((id) => {
  const from = statusOf.get(id)
  const to = from === '培育' ? '申报' : '培育'
  db.prepare('UPDATE units SET status = ? WHERE id = ?').run(to, id)
  db.prepare("INSERT INTO unit_status_history (unit_id, at, from_status, to_status, by, reason) VALUES (?, '${TODAY}', ?, ?, 'writer', '')").run(id, from, to)
  db.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('${TODAY}', 'writer', 'transition', 'unit', ?)").run(String(id))
})
for (let i = 0; ; i++) write(units[i % units.length])
`

describe('restore', () => {
  it('into a fresh data dir gives a store whose every table equals the original, row by row', async () => {
    const original = openSqliteStore(dataDirWithStore('original'))
    const first = original.snapshot().units[0]
    original.units.transition([{ id: first.id, from: first.status, to: '撤销' }], { actor: 'tester', reason: 'before the backup', at: `${TODAY}T11:00:00.000Z`, document: '' })
    const file = join(dir, 'original.backup.sqlite')
    const expected = contentsOf(join(dir, 'original', STORE_FILE)) // before the backup's audit row, which follows it
    await original.backup(file, 'tester')
    original.close()

    const storeFile = join(dir, 'fresh', 'data', STORE_FILE) // the data dir does not exist yet
    const report = await restoreStore(file, storeFile)
    expect(report).toMatchObject({ file, store: storeFile, previous: null, schemaVersion: LATEST, units: expected.rows.units.length })
    const restored = contentsOf(storeFile)
    expect(expected.rows.units.length).toBeGreaterThan(400)
    expect(expected.rows.users.length).toBe(1)
    expectSameTables(restored, expected)

    const reopened = openSqliteStore(storeFile)
    expect(reopened.health()).toMatchObject({ ok: true, schemaVersion: LATEST })
    reopened.close()
  })

  it('over an existing store keeps that one as <store>.before-restore-<time>, leaving none of its files beside the restored one', async () => {
    const storeFile = join(dir, 'replaced', STORE_FILE)
    mkdirSync(dirname(storeFile), { recursive: true })
    const old = openSqliteStore(storeFile) // an empty store
    old.close()
    const kept = contentsOf(storeFile)

    const report = await restoreStore(good, storeFile, new Date('2026-11-23T09:05:01Z'))
    expect(report.previous).toBe(`${storeFile}.before-restore-20261123-090501`)
    expectSameTables(contentsOf(`${storeFile}.before-restore-20261123-090501`), kept)
    expectSameTables(contentsOf(storeFile), contentsOf(good))
    expect(existsSync(`${storeFile}-wal`)).toBe(false)
  })

  it('moves a -wal file left without its store out of the way, so that it is not replayed into the restored store', async () => {
    const storeFile = join(dir, 'orphan-wal', STORE_FILE)
    mkdirSync(dirname(storeFile), { recursive: true })
    const other = new Database(storeFile)
    other.pragma('journal_mode = WAL')
    other.pragma('wal_autocheckpoint = 0')
    other.exec("CREATE TABLE areas (code TEXT); INSERT INTO areas VALUES ('not from the backup')")
    copyFileSync(`${storeFile}-wal`, join(dir, 'orphan.wal'))
    other.close()
    rmSync(storeFile)
    copyFileSync(join(dir, 'orphan.wal'), `${storeFile}-wal`)

    expect((await restoreStore(good, storeFile, new Date('2026-11-23T09:06:00Z'))).previous).toBeNull()
    expect(existsSync(`${storeFile}.before-restore-20261123-090600-wal`)).toBe(true)
    expectSameTables(contentsOf(storeFile), contentsOf(good))
  })

  it('accepts a backup from an older schema version, which the migrations bring up to date on open', async () => {
    const file = join(dir, 'version-1.sqlite')
    const db = new Database(file)
    migrate(db, MIGRATIONS.slice(0, 1))
    db.close()
    expect(checkBackupFile(file)).toMatchObject({ schemaVersion: 1, units: 0, areas: 0 })
    const storeFile = join(dir, 'old-version', STORE_FILE)
    await restoreStore(file, storeFile)
    const store = openSqliteStore(storeFile)
    expect(store.health()).toMatchObject({ ok: true, schemaVersion: LATEST })
    store.close()
  })

  it("refuses a running server's data dir, saying to stop the server first, and changes nothing", async () => {
    const storeFile = dataDirWithStore('running')
    const server = openSqliteStore(storeFile)
    const before = contentsOf(storeFile)
    await expect(restoreStore(good, storeFile)).rejects.toThrow(/in use: stop the server first/)
    await expect(restoreStore(good, storeFile)).rejects.toMatchObject({ kind: 'conflict' })
    expectSameTables(contentsOf(storeFile), before)
    server.close()
    // Stopped, it restores.
    expect((await restoreStore(good, storeFile)).previous).toMatch(/\.before-restore-\d{8}-\d{6}$/)
  })
})

describe('checkBackupFile refuses', () => {
  it('a truncated file, naming it and saying it is damaged', () => {
    const file = join(dir, 'truncated.sqlite')
    copyFileSync(good, file)
    truncateSync(file, Math.floor(statSync(file).size / 2))
    expectRefusal(() => checkBackupFile(file), 'invalid', new RegExp(`^${file} is damaged`))
  })

  it('a file with bytes overwritten in the middle', () => {
    const file = join(dir, 'overwritten.sqlite')
    copyFileSync(good, file)
    const size = statSync(file).size
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.alloc(Math.floor(size / 5), 0xab), 0, Math.floor(size / 5), Math.floor(size * 0.4))
    closeSync(fd)
    expectRefusal(() => checkBackupFile(file), 'invalid', new RegExp(`^${file} is damaged`))
  })

  it('a file that is not SQLite', () => {
    const file = join(dir, 'notes.txt')
    writeFileSync(file, 'this is a text file, not a backup\n'.repeat(200))
    expectRefusal(() => checkBackupFile(file), 'invalid', new RegExp(`^${file} is not an SQLite database`))
  })

  it('an SQLite file of another program, naming the missing tables', () => {
    const file = foreignFile('foreign.sqlite')
    expectRefusal(() => checkBackupFile(file), 'invalid', new RegExp(`^${file} is not a Unity Atlas store: it lacks the tables areas, schemes, .*units.* \\(it has x\\)`))
  })

  it('a store from a newer Unity Atlas', () => {
    const file = join(dir, 'newer.sqlite')
    copyFileSync(good, file)
    const db = new Database(file)
    db.pragma(`user_version = ${LATEST + 1}`)
    db.close()
    expectRefusal(() => checkBackupFile(file), 'invalid', new RegExp(`schema version ${LATEST + 1}, newer than this build's ${LATEST}`))
  })

  it('a file that does not exist', () => {
    expectRefusal(() => checkBackupFile(join(dir, 'missing.sqlite')), 'not_found', /missing\.sqlite does not exist/)
  })

  it('and restore changes nothing when the file is refused', async () => {
    const storeFile = dataDirWithStore('kept')
    const before = contentsOf(storeFile)
    await expect(restoreStore(foreignFile('foreign-restore.sqlite'), storeFile)).rejects.toThrow(/is not a Unity Atlas store/)
    expectSameTables(contentsOf(storeFile), before)
    expect(existsSync(`${storeFile}.restoring`)).toBe(false)
  })
})
