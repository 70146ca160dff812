import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { readConfig } from '../../config'
import { backupStore, checkBackupFile } from '../../db/backup'
import { DomainError } from '../../domain-error'
import { STORE_FILE } from '../../open-store'
import { CliError, command, parseOptions } from '../command'

const HELP = `Usage: atlas backup FILE [--overwrite]

Writes a copy of the store in ATLAS_DATA_DIR (./data) to FILE with SQLite's online backup. It may run while the
server runs: the copy is the store as it was at one moment, whatever the server writes meanwhile. The copy is
checked with SQLite's integrity check before it is reported.

Options:
  --overwrite          replace FILE if it exists (default: refuse)
  -h, --help           show this help

Example: atlas backup /backups/atlas-20261123.sqlite
Restore it with atlas restore FILE, with the server stopped.
`

export const backupCommand = command('backup', 'copy the store to a file, also while the server runs (SQLite online backup)', HELP, async (args, io) => {
  const { values, positionals } = parseOptions(args, { overwrite: { type: 'boolean' } }, { name: 'backup', help: HELP })
  const [file, ...extra] = positionals
  if (file === undefined) throw new CliError('atlas backup: name the file to write (see atlas backup --help)')
  if (extra.length > 0) throw new CliError(`atlas backup: unexpected arguments ${extra.join(' ')} (one file at a time)`)
  const store = join(readConfig(io.env).dataDir, STORE_FILE)
  const target = resolve(file)
  if (!existsSync(store)) throw new CliError(`atlas backup: there is no store at ${store} (set ATLAS_DATA_DIR to the server's data dir)`, 1)
  if (target === store) throw new CliError(`atlas backup: ${file} is the store itself; write the backup elsewhere`)
  if (existsSync(target) && !values.overwrite) throw new CliError(`atlas backup: ${file} exists; choose another name or add --overwrite`)
  if (!existsSync(dirname(target))) throw new CliError(`atlas backup: the directory ${dirname(target)} does not exist`, 1)

  const started = Date.now()
  try {
    await backupStore(store, target)
    const ms = Date.now() - started
    const facts = checkBackupFile(target)
    io.out(`Backed up ${store} to ${target} in ${ms} ms: ${sizeText(facts.bytes)}, schema v${facts.schemaVersion}, ${facts.areas} areas, ${facts.units} units\n`)
    return 0
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`atlas backup: ${error.message}`, 1)
    throw error
  }
})

export function sizeText(bytes: number): string {
  return bytes < 2 ** 20 ? `${(bytes / 2 ** 10).toFixed(0)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`
}
