// Moves a whole store from one engine to the other (atlas copy-store, a PostgreSQL store's backup file):
// every table row for row, ids and the audit chain as they are, in one transaction on each side, so the
// target verifies (atlas audit verify) and answers what the source answered.
import { DomainError } from '../domain-error'
import type { SqlDatabase } from './sql'

/** The store's tables, each after those it refers to; `order` is how its rows are read (and so written). */
export const STORE_TABLES: readonly { name: string; order: string }[] = [
  { name: 'areas', order: 'code' },
  { name: 'schemes', order: 'id' },
  { name: 'scheme_categories', order: 'scheme_id, position' },
  { name: 'category_synonyms', order: 'scheme_id, category, position' },
  { name: 'category_renames', order: 'id' },
  { name: 'units', order: 'id' },
  { name: 'unit_status_history', order: 'id' },
  { name: 'unit_changes', order: 'id' },
  { name: 'targets', order: 'id' },
  { name: 'inspections', order: 'id' },
  { name: 'photos', order: 'sha256' },
  { name: 'corridors', order: 'id' },
  { name: 'corridor_stops', order: 'corridor_id, position' },
  { name: 'users', order: 'id' },
  { name: 'sessions', order: 'token_hash' },
  { name: 'password_history', order: 'id' },
  { name: 'user_totp', order: 'user_id' },
  { name: 'user_recovery_codes', order: 'user_id, code_hash' },
  { name: 'screen_tokens', order: 'rowid' },
  { name: 'screen_profiles', order: 'id' },
  { name: 'plan_scenarios', order: 'id' },
  { name: 'import_batches', order: 'id' },
  { name: 'import_batch_changes', order: 'rowid' },
  { name: 'audit_log', order: 'id' },
  { name: 'alert_deliveries', order: 'alert_id' },
]

/** Columns the database computes (PostGIS geometry, PostgreSQL's stand-in for SQLite's rowid): never copied. */
const COMPUTED_COLUMNS = new Set(['geom', 'rowid'])

/** Parameters per INSERT: below SQLite's 32 766 and PostgreSQL's 65 535. */
const PARAMETERS_PER_INSERT = 30_000
const ROWS_PER_INSERT = 500

export interface CopyReport {
  tables: { name: string; rows: number }[]
  rows: number
}

/**
 * Copies every row of `from` into `to`, which must hold no areas, units or users yet (a store just made:
 * `atlas migrate`, or a fresh SQLite file). `onTable` hears each table as it is done.
 */
export function copyStore(from: SqlDatabase, to: SqlDatabase, onTable?: (name: string, rows: number) => void): CopyReport {
  const held = ['areas', 'units', 'users'].map((t) => ({ t, n: (to.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n })).filter((c) => c.n > 0)
  if (held.length > 0) {
    throw new DomainError('conflict', `the target store is not empty: it holds ${held.map((c) => `${c.n} ${c.t}`).join(', ')} (expected a new store; copy-store never merges two)`)
  }
  const tables: CopyReport['tables'] = []
  // The source is read in one transaction, so the copy is of one moment while its writers go on.
  from.transaction(() => {
    if (from.dialect === 'postgres') from.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
    to.transaction(() => {
      for (const { name, order } of STORE_TABLES) {
        const rows = from.prepare(`SELECT * FROM ${name} ORDER BY ${order}`).all() as Record<string, unknown>[]
        insertRows(to, name, rows)
        tables.push({ name, rows: rows.length })
        onTable?.(name, rows.length)
      }
      const chain = from.prepare('SELECT algorithm, start_hash, archived_through FROM audit_chain WHERE id = 1').get() as Record<string, unknown>
      to.prepare('UPDATE audit_chain SET algorithm = ?, start_hash = ?, archived_through = ? WHERE id = 1').run(chain.algorithm, chain.start_hash, chain.archived_through)
      if (to.dialect === 'postgres') restartIdentities(to)
    })()
  })()
  return { tables, rows: tables.reduce((sum, t) => sum + t.rows, 0) }
}

function insertRows(db: SqlDatabase, table: string, rows: readonly Record<string, unknown>[]): void {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0]).filter((c) => !COMPUTED_COLUMNS.has(c))
  const perInsert = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(PARAMETERS_PER_INSERT / columns.length)))
  const tuple = `(${columns.map(() => '?').join(', ')})`
  const statementFor = (n: number) => db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`)
  const full = statementFor(perInsert)
  for (let i = 0; i < rows.length; i += perInsert) {
    const chunk = rows.slice(i, i + perInsert)
    const values = chunk.flatMap((row) => columns.map((c) => row[c]))
    ;(chunk.length === perInsert ? full : statementFor(chunk.length)).run(...values)
  }
}

/** Ids copied as they were: each identity column goes on after the highest copied, so new rows never collide. */
function restartIdentities(db: SqlDatabase): void {
  const identities = db.prepare(`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = current_schema() AND is_identity = 'YES' AND identity_generation = 'BY DEFAULT'`).all() as { table: string; column: string }[]
  for (const { table, column } of identities) {
    db.prepare(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((SELECT max(${column}) FROM ${table}), 0) + 1, false)`).get()
  }
}
