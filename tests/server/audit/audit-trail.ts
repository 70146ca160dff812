// A data dir whose store holds a small audit trail written at known times, and `atlas` run on it: shared by
// the verify and archive tests.
import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChainHashAlgorithm } from '../../../server/audit/chain-hash'
import { runCli } from '../../../server/cli/main'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import { STORE_FILE } from '../../../server/open-store'

const JANUARY = Array.from({ length: 10 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`)

/** A sign-in at 10:00 UTC of each day (by default 1–10 January 2026), by u1, u2, …: record n is u<n>'s. */
export function trailDataDir({ days = JANUARY, auditHash = 'sha256' }: { days?: readonly string[]; auditHash?: ChainHashAlgorithm } = {}): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-audit-'))
  let at = new Date()
  const store = openSqliteStore(join(dataDir, STORE_FILE), { now: () => at, auditHash })
  days.forEach((day, i) => {
    at = new Date(`${day}T10:00:00Z`)
    store.audit.record({ actor: `u${i + 1}`, action: 'sign-in', entity: 'session', result: 'success', address: '10.0.0.7' })
  })
  store.close()
  return dataDir
}

/** The store file opened as someone holding it would: raw SQL, the append-only triggers dropped. */
export function tamper(dataDir: string, edit: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, STORE_FILE))
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete')
  edit(db)
  db.close()
}

export async function atlas(dataDir: string, env: Record<string, string>, ...argv: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir, ...env } })
  return { code, out, err }
}
