// The one SQL surface the repositories are written against: better-sqlite3's synchronous prepare/run/get/all
// and transaction, which the PostgreSQL store (server/db/pg/) implements as well. Repositories write SQL that
// both engines read alike (RETURNING, ON CONFLICT, coalesce); the few places where the dialects differ ask
// `dialect` through the helpers below, so no repository exists twice.
import type Database from 'better-sqlite3'

export type Dialect = 'sqlite' | 'postgres'

export interface RunResult {
  changes: number
}

export interface SqlStatement {
  run(...params: unknown[]): RunResult
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
  iterate(...params: unknown[]): IterableIterator<unknown>
}

export interface SqlDatabase {
  readonly dialect: Dialect
  prepare(sql: string): SqlStatement
  /** Statements without parameters, separated by semicolons (DDL). */
  exec(sql: string): void
  /** `fn` wrapped so that calling it runs it in one transaction (a savepoint when one is open), like better-sqlite3's. */
  transaction<F extends (...args: never[]) => unknown>(fn: F): F
}

export function sqliteDatabase(db: Database.Database): SqlDatabase {
  return {
    dialect: 'sqlite',
    prepare: (sql) => db.prepare(sql) as unknown as SqlStatement,
    exec: (sql) => void db.exec(sql),
    transaction: (fn) => db.transaction(fn as never) as unknown as typeof fn,
  }
}

/**
 * `column IN (…)` against one parameter holding a JSON array, however long the list: SQLite's json_each and
 * PostgreSQL's json_array_elements_text (cast to the column's type there, as it answers text).
 */
export function inJsonArray(db: SqlDatabase, column: string, type: 'integer' | 'text'): string {
  if (db.dialect === 'sqlite') return `${column} IN (SELECT value FROM json_each(?))`
  return `${column} IN (SELECT value${type === 'integer' ? '::bigint' : ''} FROM json_array_elements_text(?::json))`
}

/** The id of the row an `INSERT … RETURNING id` statement wrote (both engines answer RETURNING). */
export function returnedId(row: unknown): number {
  return Number((row as { id: number | bigint }).id)
}
