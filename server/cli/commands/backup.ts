import { existsSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { readConfig, type AtlasConfig } from '../../config'
import { backupStore, checkBackupFile, encryptBackupFile } from '../../db/backup'
import { DomainError } from '../../domain-error'
import { openConfiguredStore, STORE_FILE, storeLocation } from '../../open-store'
import { backupPassphrase } from '../backup-passphrase'
import { CliError, command, parseOptions } from '../command'

const HELP = `Usage: atlas backup FILE [--encrypt] [--overwrite]

Writes a copy of the store in ATLAS_DATA_DIR (./data) to FILE with SQLite's online backup. It may run while the
server runs: the copy is the store as it was at one moment, whatever the server writes meanwhile. The copy is
checked with SQLite's integrity check before it is reported.

Options:
  --encrypt            encrypt FILE with a passphrase: ATLAS_BACKUP_PASSPHRASE, or typed at the terminal (twice).
                       AES-256-GCM with a key from scrypt; with ATLAS_CRYPTO=gm, SM4-CTR + HMAC-SM3 with a key from
                       PBKDF2-HMAC-SM3 (国密). atlas restore asks for the passphrase and checks it, and every byte,
                       before it changes anything
  --overwrite          replace FILE if it exists (default: refuse)
  -h, --help           show this help

Example: atlas backup /backups/atlas-20261123.sqlite
Restore it with atlas restore FILE, with the server stopped.
`

export const backupCommand = command('backup', 'copy the store to a file, also while the server runs (SQLite online backup)', HELP, async (args, io) => {
  const { values, positionals } = parseOptions(args, { overwrite: { type: 'boolean' }, encrypt: { type: 'boolean' } }, { name: 'backup', help: HELP })
  const [file, ...extra] = positionals
  if (file === undefined) throw new CliError('atlas backup: name the file to write (see atlas backup --help)')
  if (extra.length > 0) throw new CliError(`atlas backup: unexpected arguments ${extra.join(' ')} (one file at a time)`)
  const config = readConfig(io.env)
  const store = config.databaseUrl === null ? join(config.dataDir, STORE_FILE) : storeLocation(config)
  const target = resolve(file)
  if (config.databaseUrl === null && !existsSync(store)) throw new CliError(`atlas backup: there is no store at ${store} (set ATLAS_DATA_DIR to the server's data dir)`, 1)
  if (target === store) throw new CliError(`atlas backup: ${file} is the store itself; write the backup elsewhere`)
  if (existsSync(target) && !values.overwrite) throw new CliError(`atlas backup: ${file} exists; choose another name or add --overwrite`)
  if (!existsSync(dirname(target))) throw new CliError(`atlas backup: the directory ${dirname(target)} does not exist`, 1)

  const passphrase = values.encrypt ? await backupPassphrase(io, config.backupPassphrase, { confirm: true }) : null
  if (values.encrypt && passphrase === null) {
    throw new CliError('atlas backup --encrypt: no passphrase: set ATLAS_BACKUP_PASSPHRASE, or run it at a terminal to type one')
  }

  const started = Date.now()
  // An encrypted backup is made plain beside FILE first (the online backup writes a database file), then sealed.
  const plain = passphrase === null ? target : `${target}.plain-${process.pid}`
  try {
    if (config.databaseUrl === null) await backupStore(store, plain)
    else await backupPostgres(config, plain, `cli:${io.env.USER ?? io.env.LOGNAME ?? 'unknown'}`)
    const facts = checkBackupFile(plain)
    if (passphrase !== null) await encryptBackupFile(plain, target, passphrase, config.crypto)
    const ms = Date.now() - started
    const how = passphrase === null ? '' : `, encrypted (${config.crypto === 'gm' ? 'SM4-CTR + HMAC-SM3' : 'AES-256-GCM'})`
    io.out(`Backed up ${store} to ${target} in ${ms} ms: ${sizeText(facts.bytes)}, schema v${facts.schemaVersion}, ${facts.areas} areas, ${facts.units} units${how}\n`)
    return 0
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`atlas backup: ${error.message}`, 1)
    throw error
  } finally {
    if (plain !== target) rmSync(plain, { force: true })
  }
})

/** PostgreSQL's backup is the same portable SQLite file, copied from one transaction (server/db/pg/pg-store.ts). */
async function backupPostgres(config: AtlasConfig, file: string, actor: string): Promise<void> {
  const opened = openConfiguredStore(config)
  try {
    await opened.backup(file, actor)
  } finally {
    opened.close()
  }
}

export function sizeText(bytes: number): string {
  return bytes < 2 ** 20 ? `${(bytes / 2 ** 10).toFixed(0)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`
}
