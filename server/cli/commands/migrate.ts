// atlas migrate: brings the configured store's schema to this version without starting the server, e.g. before
// starting several servers on one new PostgreSQL database. Servers migrate at start as well; this says what it did.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { readConfig } from '../../config'
import { MIGRATIONS } from '../../db/migrations'
import { STORE_FILE } from '../../open-store'
import { command, parseOptions } from '../command'
import { openStoreAddress } from '../store-address'

const HELP = `Usage: atlas migrate [--database ADDRESS]

Applies the schema migrations the store has not had yet, each in one transaction, and prints the version before
and after. The store is ATLAS_DATABASE_URL's PostgreSQL database when it is set, else ATLAS_DATA_DIR's SQLite
file (created when missing). On PostgreSQL, two servers or commands migrating at once take turns.

Options:
  --database ADDRESS   another store: sqlite:PATH or postgres://user:pass@host:port/db
  -h, --help           show this help

Example: ATLAS_DATABASE_URL=postgres://atlas:secret@db.internal:5432/atlas atlas migrate
`

export const migrateCommand = command('migrate', "bring the store's schema to this version", HELP, async (args, io) => {
  const { values } = parseOptions(args, { database: { type: 'string' } }, { name: 'migrate', help: HELP })
  const config = readConfig(io.env)
  let address = values.database ?? config.databaseUrl
  if (address === undefined || address === null) {
    mkdirSync(config.dataDir, { recursive: true })
    address = `sqlite:${join(config.dataDir, STORE_FILE)}`
  }
  const store = openStoreAddress(address, { mustExist: false })
  try {
    const { from, to } = store.migrated
    const latest = MIGRATIONS.at(-1)!.version
    io.out(from === to
      ? `${store.label} is at schema version ${to}, this program's latest: nothing to do\n`
      : `${store.label}: schema version ${from} → ${to}${to === latest ? ' (the latest)' : ''}\n`)
    return 0
  } finally {
    store.close()
  }
})
