import { basename, join, resolve } from 'node:path'
import { readConfig } from '../../config'
import { isEncryptedBackupFile, restoreStore } from '../../db/backup'
import { DomainError } from '../../domain-error'
import { STORE_FILE } from '../../open-store'
import { backupPassphrase } from '../backup-passphrase'
import { CliError, command, parseOptions } from '../command'
import { withExistingStore } from '../existing-store'
import { sizeText } from './backup'

const HELP = `Usage: atlas restore FILE

Replaces the store in ATLAS_DATA_DIR (./data) with FILE, a backup made by atlas backup or GET /api/backup.
FILE is checked first, and nothing changes when it is not SQLite, fails SQLite's integrity check, is not a
Unity Atlas store or comes from a newer Unity Atlas. Stop the server first: restore refuses while anything has
the store open. The replaced store is kept beside it as ${STORE_FILE}.before-restore-<time>.
The restore is written to the restored store's audit trail as done by "cli:<operating-system user>"; a refused
restore changes nothing, not even the trail. A backup made by
an older version is brought up to date when the server next starts.

An encrypted backup (atlas backup --encrypt) is recognised by its header, which names its algorithm, so it is
read whatever ATLAS_CRYPTO says now. Its passphrase comes from ATLAS_BACKUP_PASSPHRASE or is asked for at the
terminal; a wrong passphrase, and a file changed by even one byte, are refused by name before anything changes.

Options:
  -h, --help           show this help

Example: atlas restore /backups/atlas-20261123.sqlite
`

export const restoreCommand = command('restore', 'replace the store with a checked backup, keeping the old one (server stopped)', HELP, async (args, io) => {
  const { positionals } = parseOptions(args, {}, { name: 'restore', help: HELP })
  const [file, ...extra] = positionals
  if (file === undefined) throw new CliError('atlas restore: name the backup file to restore (see atlas restore --help)')
  if (extra.length > 0) throw new CliError(`atlas restore: unexpected arguments ${extra.join(' ')} (one file at a time)`)
  const config = readConfig(io.env)
  if (config.databaseUrl !== null) {
    throw new CliError(`atlas restore: ATLAS_DATABASE_URL is set, and restore replaces a SQLite file. Restore a backup into a new PostgreSQL database with atlas copy-store --from sqlite:${file} --to postgres://…, then point ATLAS_DATABASE_URL at it (docs/deploy.md)`)
  }
  const store = join(config.dataDir, STORE_FILE)
  const actor = `cli:${io.env.USER ?? io.env.LOGNAME ?? 'unknown'}`
  const recordRestore = (detail: Record<string, unknown>) =>
    withExistingStore(config, 'restore', (opened) => opened.audit.record({ actor, action: 'restore', entity: 'backup', entityId: basename(file), result: 'success', address: null, detail }))
  try {
    const passphrase = isEncryptedBackupFile(file) ? await backupPassphrase(io, config.backupPassphrase, { confirm: false }) : null
    const report = await restoreStore(file, store, new Date(), passphrase)
    // In the restored trail: it goes on from the backup's head, so the restore is the record after it.
    recordRestore({ file: resolve(file), bytes: report.bytes, schemaVersion: report.schemaVersion, previous: report.previous })
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
