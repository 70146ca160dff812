import { join } from 'node:path'
import { readConfig } from '../../config'
import { restoreStore } from '../../db/backup'
import { DomainError } from '../../domain-error'
import { STORE_FILE } from '../../open-store'
import { CliError, command, parseOptions } from '../command'
import { sizeText } from './backup'

const HELP = `Usage: atlas restore FILE

Replaces the store in ATLAS_DATA_DIR (./data) with FILE, a backup made by atlas backup or GET /api/backup.
FILE is checked first, and nothing changes when it is not SQLite, fails SQLite's integrity check, is not a
Unity Atlas store or comes from a newer Unity Atlas. Stop the server first: restore refuses while anything has
the store open. The replaced store is kept beside it as ${STORE_FILE}.before-restore-<time>. A backup made by
an older version is brought up to date when the server next starts.

Options:
  -h, --help           show this help

Example: atlas restore /backups/atlas-20261123.sqlite
`

export const restoreCommand = command('restore', 'replace the store with a checked backup, keeping the old one (server stopped)', HELP, async (args, io) => {
  const { positionals } = parseOptions(args, {}, { name: 'restore', help: HELP })
  const [file, ...extra] = positionals
  if (file === undefined) throw new CliError('atlas restore: name the backup file to restore (see atlas restore --help)')
  if (extra.length > 0) throw new CliError(`atlas restore: unexpected arguments ${extra.join(' ')} (one file at a time)`)
  const store = join(readConfig(io.env).dataDir, STORE_FILE)
  try {
    const report = await restoreStore(file, store)
    io.out(
      `Restored ${file} (${sizeText(report.bytes)}, schema v${report.schemaVersion}, ${report.areas} areas, ${report.units} units) into ${store}\n` +
        (report.previous === null ? 'There was no store before.\n' : `The previous store is kept as ${report.previous}\n`),
    )
    return 0
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`atlas restore: ${error.message}`, 1)
    throw error
  }
})
