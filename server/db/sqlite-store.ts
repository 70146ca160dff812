// The embedded SQLite store (better-sqlite3): WAL, foreign keys, versioned migrations. The repositories and the
// snapshot are the engine-neutral sql-store.ts.
import Database from 'better-sqlite3'
import { statSync } from 'node:fs'
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'
import type { ChainHashAlgorithm } from '../audit/chain-hash'
import { backupStore } from './backup'
import { MIGRATIONS, type Migration } from './migrations'
import { sqliteDatabase, type SqlDatabase } from './sql'
import { openSqlStore } from './sql-store'
import { setChainAlgorithm } from './sqlite-audit'
import type { AtlasStore } from './store'

export interface SqliteStoreOptions {
  now?: () => Date // new Date(): injectable so tests get stable audit timestamps
  auditHash?: ChainHashAlgorithm // sha256: what new audit records are chained with (sm3 under ATLAS_CRYPTO=gm)
  checkAtOpen?: boolean // false: start the first quick_check as the store opens, on its own thread (a server start)
}

export class MigrationError extends Error {}

const INTEGRITY_CHECK_MS = 60_000

/** The SQLite file at `file`, created or brought to the latest schema, without the store around it (copy-store). */
export function openSqliteDatabase(file: string): { db: SqlDatabase; raw: Database.Database; migrated: { from: number; to: number }; close: () => void } {
  const raw = new Database(file)
  raw.pragma('journal_mode = WAL')
  raw.pragma('foreign_keys = ON')
  raw.pragma('synchronous = NORMAL')
  const migrated = migrate(raw, MIGRATIONS)
  return { db: sqliteDatabase(raw), raw, migrated, close: () => raw.close() }
}

export function openSqliteStore(file: string, { now = () => new Date(), auditHash = 'sha256', checkAtOpen = false }: SqliteStoreOptions = {}): AtlasStore {
  const { db, raw } = openSqliteDatabase(file)
  setChainAlgorithm(db, auditHash)

  let checked: { at: number; result: string } | null = null
  let checking = false
  const quickCheck = () => (raw.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ')
  // A server's start: the first check starts now, on its own thread, and reads the file while this one builds
  // the snapshot (at a million units both take seconds); the first health() waits for it.
  const firstCheck = checkAtOpen && !raw.memory ? quickCheckStarted(raw.name) : quickCheck
  return openSqlStore(db, {
    health() {
      // quick_check reads the whole file: at most once a minute, so polling /api/health stays cheap. The first
      // (at start) is waited for; later ones run on a worker thread while the last result is answered.
      if (checked === null) checked = { at: Date.now(), result: firstCheck() }
      else if (Date.now() - checked.at > INTEGRITY_CHECK_MS && !checking) {
        if (raw.memory) checked = { at: Date.now(), result: quickCheck() }
        else {
          checking = true
          const worker = new Worker(QUICK_CHECK_WORKER, { workerData: { file: raw.name } })
          worker.unref()
          worker.once('message', (result: string) => (checked = { at: Date.now(), result }))
          worker.once('exit', () => (checking = false))
        }
      }
      return { integrity: checked.result, schemaVersion: raw.pragma('user_version', { simple: true }) as number }
    },
    async backup(file) {
      await backupStore(raw, file)
      return { bytes: statSync(file).size }
    },
    close() {
      raw.close()
    },
  }, now)
}

const QUICK_CHECK_WORKER = new URL('./quick-check-worker.mjs', import.meta.url)

/** quick_check of `file` started on a worker thread; the function answers its result, blocking until it is done. */
function quickCheckStarted(file: string): () => string {
  const signal = new Int32Array(new SharedArrayBuffer(4))
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(QUICK_CHECK_WORKER, { workerData: { file, signal, port: port2 }, transferList: [port2] })
  worker.unref()
  let result: string | null = null
  return () => {
    if (result === null) {
      Atomics.wait(signal, 0, 0)
      result = (receiveMessageOnPort(port1)?.message as string | undefined) ?? 'quick_check failed: its thread gave no answer'
      port1.close()
    }
    return result
  }
}

/** Applies the migrations after the file's version, each in one transaction; answers the versions before and after. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) {
    throw new MigrationError(
      `the data file is at schema version ${current}, newer than this program's ${latest}: upgrade Unity Atlas`,
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        db.exec(migration.sql)
        migration.run?.(db)
        const broken = migration.rebuildsTables ? (db.pragma('foreign_key_check') as unknown[]) : []
        if (broken.length > 0) throw new MigrationError(`migration ${migration.version} would leave ${broken.length} rows pointing at rows that do not exist`)
        db.pragma(`user_version = ${migration.version}`)
      })()
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON')
    }
  }
  return { from: current, to: Math.max(current, latest) }
}
