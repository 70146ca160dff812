// Backups of the SQLite store that stay consistent while the server writes, the check that a file is a sound
// atlas store, and a restore that keeps the store it replaces. Files and SQLite only: no HTTP, no CLI.
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { CryptoSuite } from '../crypto-suite'
import { DomainError } from '../domain-error'
import { decryptBackup, ENCRYPTED_BACKUP_MAGIC, encryptBackup, isEncryptedBackup, type KdfParams } from './backup-crypto'
import { MIGRATIONS } from './migrations'

/** What a checked backup holds. */
export interface BackupFacts {
  file: string
  bytes: number
  schemaVersion: number
  areas: number
  units: number
}

export interface RestoreReport extends BackupFacts {
  store: string // the store file that now holds the backup
  previous: string | null // where the store it replaced is kept; null when there was none
}

const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0
const SQLITE_HEADER = 'SQLite format 3\0'

// The server's own connection: its writes between two steps are copied too (SQLite updates a backup made
// through the connection that writes), so small steps let requests run in between.
const PAGES_PER_STEP = 100
// Another connection (a store file named by path): a write by the server between two steps restarts the copy,
// so a busy server could keep it from ever finishing. One step reads one snapshot, and in WAL mode that read
// does not hold up the server's writes.
const ALL_PAGES = 0x7fffffff

/**
 * Copies the store to `file` with SQLite's online backup: the copy is the store as it was at one moment, however
 * much is written meanwhile. `source` is the store's own connection or the path of a store file, which is then
 * opened read-write so that SQLite itself cleans up the -wal and -shm files it makes when no server has it open.
 */
export async function backupStore(source: Database.Database | string, file: string): Promise<void> {
  const db = typeof source === 'string' ? new Database(source, { fileMustExist: true }) : source
  const pagesPerStep = typeof source === 'string' ? ALL_PAGES : PAGES_PER_STEP
  // Written beside `file` and renamed over it when complete, so `file` is never a half-written backup.
  const partial = `${file}.partial-${randomUUID().slice(0, 8)}`
  try {
    await db.backup(partial, { progress: () => pagesPerStep })
    asSingleFile(partial)
    fsyncPath(partial)
    renameSync(partial, file)
    fsyncPath(dirname(file))
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  } finally {
    if (typeof source === 'string') db.close()
  }
}

/**
 * The facts of a backup file, after SQLite's integrity check; a DomainError('invalid') naming the file and the
 * problem when it is not SQLite, is damaged, is not an atlas store or is newer than this build. Older schema
 * versions pass: the migrations bring them up to date when the server opens the store.
 */
export function checkBackupFile(file: string): BackupFacts {
  const bytes = fileSize(file)
  if (!hasSqliteHeader(file)) throw new DomainError('invalid', `${file} is not an SQLite database (it does not begin with "SQLite format 3")`)
  const backup = openBackup(file)
  try {
    const findings = (backup.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ')
    if (findings !== 'ok') throw new DomainError('invalid', `${file} is damaged: SQLite's integrity check found ${findings.slice(0, 300)}`)
    const schemaVersion = backup.db.pragma('user_version', { simple: true }) as number
    assertAtlasTables(backup.db, file, schemaVersion)
    if (schemaVersion > LATEST_VERSION) {
      throw new DomainError('invalid', `${file} is at schema version ${schemaVersion}, newer than this build's ${LATEST_VERSION}: restore it with a newer Unity Atlas`)
    }
    const count = (table: string) => (backup.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    return { file, bytes, schemaVersion, areas: count('areas'), units: count('units') }
  } catch (error) {
    throw isDamage(error) ? new DomainError('invalid', `${file} is damaged: ${(error as Error).message}`) : error
  } finally {
    backup.close()
  }
}

/** Whether `file` is an encrypted backup (server/db/backup-crypto.ts), by its first bytes. */
export function isEncryptedBackupFile(file: string): boolean {
  fileSize(file)
  const head = Buffer.alloc(ENCRYPTED_BACKUP_MAGIC.length)
  const fd = openSync(file, 'r')
  try {
    return readSync(fd, head, 0, head.length, 0) === head.length && isEncryptedBackup(head)
  } finally {
    closeSync(fd)
  }
}

/** Encrypts the backup `plain` into `target`, written whole or not at all (as backupStore writes). */
export async function encryptBackupFile(plain: string, target: string, passphrase: string, suite: CryptoSuite, kdf?: KdfParams): Promise<void> {
  const sealed = await encryptBackup(readFileSync(plain), passphrase, suite, kdf)
  const partial = `${target}.partial-${randomUUID().slice(0, 8)}`
  try {
    writeFileSync(partial, sealed, { mode: 0o600 })
    fsyncPath(partial)
    renameSync(partial, target)
    fsyncPath(dirname(target))
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
}

/**
 * Runs `use` on a checked plain copy of the backup `file`: the file itself, or, when it is encrypted, its
 * decryption written beside `scratchBeside` (authenticated first: nothing is written for a wrong passphrase or
 * a changed byte) and removed afterwards. Messages about the copy name `file`.
 */
export async function withPlainBackup<T>(file: string, passphrase: string | null, scratchBeside: string, use: (plain: string, facts: BackupFacts) => Promise<T>): Promise<T> {
  if (!isEncryptedBackupFile(file)) return use(file, checkBackupFile(file))
  if (passphrase === null) throw new DomainError('invalid', `${file} is an encrypted backup: give its passphrase (ATLAS_BACKUP_PASSPHRASE, or type it when asked at a terminal)`)
  const plain = await decryptBackup(readFileSync(file), passphrase, file)
  const scratch = `${scratchBeside}.decrypted-${randomUUID().slice(0, 8)}`
  try {
    writeFileSync(scratch, plain, { mode: 0o600 })
    let facts: BackupFacts
    try {
      facts = { ...checkBackupFile(scratch), file, bytes: fileSize(file) }
    } catch (error) {
      throw error instanceof DomainError ? new DomainError(error.kind, error.message.replaceAll(scratch, `${file} (decrypted)`)) : error
    }
    return await use(scratch, facts)
  } finally {
    rmSync(scratch, { force: true })
  }
}

/**
 * Replaces the store file with a checked copy of `file` (decrypted with `passphrase` when it is encrypted).
 * Refused while any process has the store open; the store it replaces is kept as `<store>.before-restore-<time>`.
 * The copy is written beside the store, synced and renamed over it, so the store file is always whole: the old
 * one or the restored one.
 */
export async function restoreStore(file: string, storeFile: string, now = new Date(), passphrase: string | null = null): Promise<RestoreReport> {
  mkdirSync(dirname(storeFile), { recursive: true })
  return withPlainBackup(file, passphrase, storeFile, (plain, facts) => restoreChecked(plain, facts, storeFile, now))
}

async function restoreChecked(file: string, facts: BackupFacts, storeFile: string, now: Date): Promise<RestoreReport> {
  assertNotInUse(storeFile)
  // Through SQLite rather than a file copy: a -wal file beside the backup is part of it.
  const incoming = `${storeFile}.restoring`
  const backup = openBackup(file)
  try {
    await backupStore(backup.db, incoming)
  } finally {
    backup.close()
  }
  try {
    assertNotInUse(storeFile) // again: a server may have started during the copy
    const previous = keepPrevious(storeFile, now)
    renameSync(incoming, storeFile)
    fsyncPath(dirname(storeFile))
    return { ...facts, store: storeFile, previous }
  } catch (error) {
    rmSync(incoming, { force: true })
    throw error
  }
}

/** What a trial restore of a backup found: its tables and rows, the same in the backup and in the copy. */
export interface BackupVerification {
  tables: number
  rows: number
}

/**
 * A trial restore: `file` (decrypted first when encrypted) restored into a scratch file in `scratchDir`, which
 * must pass SQLite's integrity check and hold as many rows in every table as the backup does. A
 * DomainError('invalid') names what differs; the scratch files are removed either way.
 */
export async function verifyBackup(file: string, passphrase: string | null, scratchDir: string): Promise<BackupVerification> {
  const scratch = join(scratchDir, `atlas-verify-${randomUUID().slice(0, 8)}.sqlite`)
  return withPlainBackup(file, passphrase, scratch, async (plain) => {
    const backup = openBackup(plain)
    let expected: Map<string, number>
    try {
      expected = tableRowCounts(backup.db)
      await backupStore(backup.db, scratch)
    } finally {
      backup.close()
    }
    try {
      checkBackupFile(scratch)
      const trial = openBackup(scratch)
      let actual: Map<string, number>
      try {
        actual = tableRowCounts(trial.db)
      } finally {
        trial.close()
      }
      for (const [table, rows] of expected) {
        if (actual.get(table) !== rows) {
          throw new DomainError('invalid', `a trial restore of ${file} holds ${actual.get(table) ?? 'no'} rows in ${table}, the backup ${rows}`)
        }
      }
      return { tables: expected.size, rows: [...expected.values()].reduce((sum, n) => sum + n, 0) }
    } finally {
      rmSync(scratch, { force: true })
    }
  })
}

function tableRowCounts(db: Database.Database): Map<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  return new Map(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n]))
}

/** 20261123-090501 (UTC): sorts by time and is safe in any file name. */
export function timeStamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
}

/** The tables the migrations up to `version` create: a store at that version has them all. */
function tablesOfVersion(version: number): string[] {
  const tables = new Set<string>()
  const statements = /CREATE TABLE (\w+)|DROP TABLE (\w+)|ALTER TABLE (\w+) RENAME TO (\w+)/g
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    for (const [, created, dropped, renamed, to] of migration.sql.matchAll(statements)) {
      if (created) tables.add(created)
      if (dropped) tables.delete(dropped)
      if (renamed) {
        tables.delete(renamed)
        tables.add(to)
      }
    }
  }
  return [...tables]
}

function assertAtlasTables(db: Database.Database, file: string, schemaVersion: number): void {
  const present = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
  // Version 0 is no atlas version at all: such a file is judged against the first schema.
  const expected = tablesOfVersion(Math.min(Math.max(schemaVersion, 1), LATEST_VERSION))
  const missing = expected.filter((table) => !present.includes(table))
  if (missing.length > 0) {
    throw new DomainError(
      'invalid',
      `${file} is not a Unity Atlas store: it lacks the tables ${missing.join(', ')} (it has ${present.length > 0 ? present.join(', ') : 'no tables'})`,
    )
  }
}

/**
 * Refuses when any process has the store open. Stores are opened in WAL mode, where every connection (the
 * server's, an atlas command's) holds a shared lock on the file for as long as it is open, so an exclusive lock
 * is refused at once. A server that crashed holds nothing, so there is no stale pid file to clear.
 */
function assertNotInUse(storeFile: string): void {
  if (!existsSync(storeFile)) return
  let db: Database.Database | undefined
  try {
    db = new Database(storeFile, { fileMustExist: true, timeout: 0 })
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE; COMMIT')
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new DomainError(
        'conflict',
        `${storeFile} is in use: stop the server first (it keeps the store open while it runs; an atlas command using the same data dir must finish too), then restore again`,
      )
    }
    // Any other failure (a damaged store, often the reason for the restore) is no sign of a server: it is kept and replaced.
  } finally {
    db?.close()
  }
}

/** Keeps the store about to be replaced as <store>.before-restore-<time>, with its -wal and -shm files if it has them. */
function keepPrevious(storeFile: string, now: Date): string | null {
  const previous = `${storeFile}.before-restore-${timeStamp(now)}`
  const hadStore = existsSync(storeFile)
  // A hard link, not a rename: the store stays in place until the restored one is renamed over it.
  if (hadStore) linkSync(storeFile, previous)
  // Moved, not left behind (even without their store): SQLite would replay a -wal found there into the restored store.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(storeFile + suffix)) renameSync(storeFile + suffix, previous + suffix)
  }
  return hadStore ? previous : null
}

/**
 * Opens a backup read-only. SQLite makes -wal and -shm files beside a WAL-mode file even then; those it made are
 * removed on close (a backup is not a live store, so nothing else uses them).
 */
function openBackup(file: string): { db: Database.Database; close: () => void } {
  const made = ['-wal', '-shm'].map((suffix) => file + suffix).filter((sidecar) => !existsSync(sidecar))
  const removeMade = () => made.forEach((sidecar) => rmSync(sidecar, { force: true }))
  let db: Database.Database
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
  } catch (error) {
    removeMade()
    throw isDamage(error) ? new DomainError('invalid', `${file} is damaged: ${(error as Error).message}`) : error
  }
  return {
    db,
    close() {
      db.close()
      removeMade()
    },
  }
}

/**
 * A backup copies the store's header, WAL mode included, and a WAL-mode file makes -wal and -shm files appear
 * beside it when it is opened. So backups use a rollback journal; the server switches back to WAL when it opens one.
 */
function asSingleFile(file: string): void {
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

function fileSize(file: string): number {
  let stats
  try {
    stats = statSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DomainError('not_found', `${file} does not exist`)
    throw error
  }
  if (!stats.isFile()) throw new DomainError('invalid', `${file} is not a file (expected a backup made by atlas backup)`)
  return stats.size
}

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length)
  const fd = openSync(file, 'r')
  try {
    return readSync(fd, header, 0, header.length, 0) === header.length && header.toString('latin1') === SQLITE_HEADER
  } finally {
    closeSync(fd)
  }
}

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)
}

/** Flushes a file or a directory (after a rename) to the disk. */
function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
