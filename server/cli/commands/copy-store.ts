// atlas copy-store: moves a deployment from one store to another (SQLite → PostgreSQL, or back), every table
// as it is, and says what it moved. The copy is recorded in the target's audit trail after the copied records.
import { copyStore } from '../../db/copy-store'
import { writeAudit } from '../../db/sqlite-accounts'
import { CliError, command, parseOptions } from '../command'
import { openStoreAddress } from '../store-address'

const HELP = `Usage: atlas copy-store --from ADDRESS --to ADDRESS

Copies a whole Unity Atlas store into a new one: areas, units and their history, schemes, targets, inspections
and photos, accounts and sessions, imports, the audit trail with its chain. Ids stay as they were, so links,
sessions and the audit chain (atlas audit verify) hold in the copy. The target must be new (no areas, units or
accounts): copy-store never merges two stores. Its schema is created or brought to this version first.
Stop the servers writing to the source first, or the copy is of one moment and later writes are not in it.

Addresses:
  sqlite:PATH                          a SQLite store file, e.g. sqlite:data/atlas.sqlite
  postgres://user:pass@host:port/db    a PostgreSQL database with PostGIS (ATLAS_DATABASE_URL's form)

Options:
  --from ADDRESS       the store to copy (must exist)
  --to ADDRESS         the new store
  -h, --help           show this help

Example: atlas copy-store --from sqlite:data/atlas.sqlite --to postgres://atlas:secret@db.internal:5432/atlas
`

export const copyStoreCommand = command('copy-store', 'copy a whole store into a new one (SQLite ⇄ PostgreSQL)', HELP, async (args, io) => {
  const { values } = parseOptions(args, { from: { type: 'string' }, to: { type: 'string' } }, { name: 'copy-store', help: HELP })
  if (values.from === undefined || values.to === undefined) throw new CliError('atlas copy-store: give both --from ADDRESS and --to ADDRESS (see atlas copy-store --help)')
  if (values.from === values.to) throw new CliError('atlas copy-store: --from and --to are the same store')
  const from = openStoreAddress(values.from, { mustExist: true })
  try {
    const to = openStoreAddress(values.to, { mustExist: false })
    try {
      io.err(`Copying ${from.label} → ${to.label}\n`)
      const started = Date.now()
      const report = copyStore(from.db, to.db, (table, rows) => io.err(`  ${table}: ${rows} rows\n`))
      const actor = `cli:${io.env.USER ?? io.env.LOGNAME ?? 'unknown'}`
      writeAudit(to.db, new Date().toISOString(), actor, 'copy', 'store', null, null, { from: from.label, tables: report.tables, rows: report.rows })
      const moved = report.tables.filter((t) => t.rows > 0)
      io.out(`Copied ${report.rows} rows in ${moved.length} tables from ${from.label} to ${to.label} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${moved.map((t) => `${t.name} ${t.rows}`).join(', ')}\n`)
      return 0
    } finally {
      to.close()
    }
  } finally {
    from.close()
  }
})
