// The repositories' SQL surface (server/db/sql.ts) on a PostgreSQL connection: better-sqlite3's placeholders
// (`?` in order, `@name` from one object) become PostgreSQL's `$n`, and transactions nest as savepoints.
import type { RunResult, SqlDatabase, SqlStatement } from '../sql'
import { DomainError } from '../../domain-error'
import { PostgresError, type SyncConnection } from './sync-connection'

/** A statement's text with `$n` placeholders, and what fills each: a position among the arguments or a name. */
export interface TranslatedSql {
  text: string
  slots: (number | string)[]
}

/**
 * Rewrites `?` and `@name` placeholders outside string literals, quoted identifiers and comments to `$n`. A
 * name used twice is one parameter; positional ones are numbered in order.
 */
export function translatePlaceholders(sql: string): TranslatedSql {
  const slots: (number | string)[] = []
  const named = new Map<string, number>()
  let positional = 0
  let text = ''
  let i = 0
  while (i < sql.length) {
    const c = sql[i]
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c)
      text += sql.slice(i, end)
      i = end
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      const stop = end === -1 ? sql.length : end
      text += sql.slice(i, stop)
      i = stop
    } else if (c === '?') {
      slots.push(positional++)
      text += `$${slots.length}`
      i++
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^@([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i))![1]
      let slot = named.get(name)
      if (slot === undefined) {
        slots.push(name)
        slot = slots.length
        named.set(name, slot)
      }
      text += `$${slot}`
      i += name.length + 1
    } else {
      text += c
      i++
    }
  }
  return { text, slots }
}

function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2 // a doubled quote inside the literal
      else return i + 1
    } else i++
  }
  return sql.length
}

/** The values for `slots` from the arguments a statement was called with, as better-sqlite3 takes them. */
export function boundValues(slots: readonly (number | string)[], args: readonly unknown[]): unknown[] {
  const named = args.length === 1 && isBindObject(args[0]) ? (args[0] as Record<string, unknown>) : null
  // Arrays spread like better-sqlite3's: run([a, b]) binds a and b.
  const flat = args.flat()
  return slots.map((slot) => {
    if (typeof slot === 'string') {
      if (named === null || !(slot in named)) throw new RangeError(`missing named parameter "${slot}"`)
      return named[slot] ?? null
    }
    if (slot >= flat.length) throw new RangeError(`too few parameter values: ${flat.length}, expected more than ${slot}`)
    return flat[slot] ?? null
  })
}

function isBindObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
}

export function postgresDatabase(connection: SyncConnection): SqlDatabase {
  const translated = new Map<string, TranslatedSql>()
  let depth = 0

  const prepare = (sql: string): SqlStatement => {
    let t = translated.get(sql)
    if (t === undefined) {
      t = translatePlaceholders(sql)
      translated.set(sql, t)
    }
    const { text, slots } = t
    const query = (args: unknown[]) => {
      const values = boundValues(slots, args)
      const nul = values.find((v) => typeof v === 'string' && v.includes('\u0000'))
      // PostgreSQL's text holds no U+0000 (SQLite's does): the caller's bad value, not the store's fault.
      if (nul !== undefined) throw new DomainError('invalid', `the text ${JSON.stringify(String(nul).slice(0, 60))} holds the character U+0000, which the store cannot keep (expected text without NUL)`)
      try {
        return connection.query(text, values)
      } catch (error) {
        // The statement in the message: the log then says which of the repositories' statements PostgreSQL refused.
        if (error instanceof PostgresError) error.message = `${error.message} (in: ${sql.replace(/\s+/g, ' ').trim().slice(0, 160)})`
        throw error
      }
    }
    return {
      run: (...args): RunResult => ({ changes: query(args).changes }),
      get: (...args) => query(args).rows[0],
      all: (...args) => query(args).rows,
      iterate: (...args) => query(args).rows[Symbol.iterator](),
    }
  }

  return {
    dialect: 'postgres',
    prepare,
    exec: (sql) => void connection.query(sql),
    transaction<F extends (...args: never[]) => unknown>(fn: F): F {
      return ((...args: Parameters<F>) => {
        const savepoint = depth === 0 ? null : `atlas_sp_${depth}`
        if (savepoint === null) connection.begin()
        else connection.query(`SAVEPOINT ${savepoint}`)
        depth++
        let result: unknown
        try {
          result = fn(...args)
        } catch (error) {
          depth--
          try {
            if (savepoint === null) connection.rollback()
            else connection.query(`ROLLBACK TO SAVEPOINT ${savepoint}`)
          } catch {
            // The connection is gone: the database has rolled the transaction back itself.
          }
          throw error
        }
        depth--
        if (savepoint === null) connection.commit()
        else connection.query(`RELEASE SAVEPOINT ${savepoint}`)
        return result
      }) as F
    },
  }
}
