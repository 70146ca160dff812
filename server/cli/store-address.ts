// Where copy-store and migrate find a store: `sqlite:PATH` (a SQLite file) or a postgres:// URL, opened as bare
// SQL with its schema brought to the latest version.
import { existsSync } from 'node:fs'
import { redactedUrl } from '../config'
import { openPostgresDatabase } from '../db/pg/pg-store'
import type { SqlDatabase } from '../db/sql'
import { openSqliteDatabase } from '../db/sqlite-store'
import { CliError } from './command'

export interface OpenedStore {
  db: SqlDatabase
  label: string // for messages: the file, or the URL without its password
  migrated: { from: number; to: number } // schema versions before and after opening
  close: () => void
}

export function openStoreAddress(address: string, { mustExist }: { mustExist: boolean }): OpenedStore {
  if (/^postgres(ql)?:\/\//.test(address)) {
    return { ...openPostgresDatabase(address), label: redactedUrl(address) }
  }
  if (!address.startsWith('sqlite:')) {
    throw new CliError(`"${redactedUrl(address)}" is not a store address (expected sqlite:PATH or postgres://user:password@host:port/database)`)
  }
  const file = address.slice('sqlite:'.length)
  if (file === '') throw new CliError('sqlite: names no file (expected sqlite:PATH, e.g. sqlite:data/atlas.sqlite)')
  if (mustExist && !existsSync(file)) throw new CliError(`there is no SQLite store at ${file}`, 1)
  const { db, migrated, close } = openSqliteDatabase(file)
  return { db, migrated, label: file, close }
}
