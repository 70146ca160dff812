// The shared store on PostgreSQL + PostGIS (ATLAS_DATABASE_URL): the same repositories and snapshot as SQLite
// (sql-store.ts) over a synchronous connection, migrations numbered as SQLite's, and a log of committed writes
// with a NOTIFY, so that every server on the database sees another's write within a second.
import { statSync } from 'node:fs'
import type { ChainHashAlgorithm } from '../../audit/chain-hash'
import { copyStore } from '../copy-store'
import { MIGRATIONS } from '../migrations'
import type { SqlDatabase } from '../sql'
import { openSqlStore, type SqlStore, type WriteLog, type Written } from '../sql-store'
import { setChainAlgorithm } from '../sqlite-audit'
import { MigrationError, openSqliteDatabase } from '../sqlite-store'
import { postgresDatabase } from './pg-database'
import { POSTGRES_MIGRATIONS } from './pg-schema'
import { openSyncConnection, type SyncConnectionOptions } from './sync-connection'

export interface PostgresStoreOptions {
  now?: () => Date
  auditHash?: ChainHashAlgorithm
}

/** The channel writes are announced on; its payload is the write's version in atlas_writes. */
export const WRITES_CHANNEL = 'atlas_writes'

/** Past this many ids a write is logged as 'all': the others read everything again, as after an import. */
const LOGGED_IDS = 500
/** Writes kept in the log: a server further behind than this reads everything again. */
const LOG_KEPT = 10_000

/** The database at `url`, brought to the latest schema, without the store around it (migrate, copy-store). */
export function openPostgresDatabase(url: string, options: SyncConnectionOptions = {}): { db: SqlDatabase; migrated: { from: number; to: number }; close: () => void } {
  const connection = openSyncConnection(url, options)
  const db = postgresDatabase(connection)
  try {
    return { db, migrated: migratePostgres(db), close: () => connection.close() }
  } catch (error) {
    connection.close()
    throw error
  }
}

export function openPostgresStore(url: string, { now = () => new Date(), auditHash = 'sha256' }: PostgresStoreOptions = {}): SqlStore {
  let store: SqlStore | null = null
  const { db, close } = openPostgresDatabase(url, { channel: WRITES_CHANNEL, onNotification: () => store?.heardWrite() })
  try {
    setChainAlgorithm(db, auditHash)
  } catch (error) {
    close()
    throw error
  }
  store = openSqlStore(db, {
    health: () => ({ integrity: 'ok', schemaVersion: postgresSchemaVersion(db) }),
    // A backup is the portable SQLite file whatever the engine: `atlas restore` and copy-store read it back.
    async backup(file) {
      const target = openSqliteDatabase(file)
      try {
        copyStore(db, target.db)
      } finally {
        target.close()
      }
      return { bytes: statSync(file).size }
    },
    close,
    writeLog: postgresWriteLog(db),
  }, now)
  return store
}

function postgresWriteLog(db: SqlDatabase): WriteLog {
  let recorded = 0
  return {
    record(written: Written) {
      const logged = written === 'all' || written.length > LOGGED_IDS ? 'all' : JSON.stringify(written)
      const { version } = db
        .prepare(`WITH w AS (INSERT INTO atlas_writes (written, at) VALUES (?, ?) RETURNING version)
          SELECT version, pg_notify('${WRITES_CHANNEL}', version::text) FROM w`)
        .get(logged, new Date().toISOString()) as { version: number }
      if (++recorded % 1000 === 0) db.prepare('DELETE FROM atlas_writes WHERE version <= ?').run(version - LOG_KEPT)
      return version
    },
    latest: () => (db.prepare('SELECT coalesce(max(version), 0) AS v FROM atlas_writes').get() as { v: number }).v,
    since(version) {
      const rows = db.prepare('SELECT version, written FROM atlas_writes WHERE version > ? ORDER BY version').all(version) as { version: number; written: string }[]
      if (rows.length === 0) return []
      // Versions are taken in order but may commit out of order: one missing below the newest is read as 'all'.
      const complete = rows.every((r, i) => r.version === version + i + 1)
      if (!complete) return [{ version: rows.at(-1)!.version, written: 'all' }]
      return rows.map((r) => ({ version: r.version, written: r.written === 'all' ? 'all' : (JSON.parse(r.written) as number[]) }))
    },
  }
}

export function postgresSchemaVersion(db: SqlDatabase): number {
  return (db.prepare('SELECT coalesce(max(version), 0) AS v FROM atlas_schema').get() as { v: number }).v
}

/** Applies the PostgreSQL migrations not yet applied, one transaction each, one server at a time. */
export function migratePostgres(db: SqlDatabase): { from: number; to: number } {
  db.exec('CREATE TABLE IF NOT EXISTS atlas_schema (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)')
  const latest = POSTGRES_MIGRATIONS.at(-1)!.version
  if (latest !== MIGRATIONS.at(-1)!.version) throw new MigrationError(`PostgreSQL migrations end at ${latest}, SQLite's at ${MIGRATIONS.at(-1)!.version}: every migration needs both dialects`)
  const from = postgresSchemaVersion(db)
  if (from > latest) throw new MigrationError(`the database is at schema version ${from}, newer than this program's ${latest}: upgrade Unity Atlas`)
  for (const migration of POSTGRES_MIGRATIONS) {
    db.transaction(() => {
      // Two servers starting together: the second waits here, then finds the migration applied.
      db.prepare('SELECT pg_advisory_xact_lock(7201)').get()
      if (postgresSchemaVersion(db) >= migration.version) return
      db.exec(migration.sql)
      db.prepare('INSERT INTO atlas_schema (version, description, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.description, new Date().toISOString())
    })()
  }
  return { from, to: latest }
}
