// Opens the data dir's store, creating and seeding it on first use (ATLAS_DEMO), and gives it the built-in
// schemes if it has none.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chainHashAlgorithmOf } from './audit/chain-hash'
import { DEFAULT_DEMO_UNITS, redactedUrl, type AtlasConfig } from './config'
import { openPostgresStore } from './db/pg/pg-store'
import { openSqliteStore } from './db/sqlite-store'
import type { AtlasStore } from './db/store'
import { seedBoundaries, seedDemo, seedNational, seedShippedSchemes } from './seed/seed-store'

export const STORE_FILE = 'atlas.sqlite'

type StoreConfig = Pick<AtlasConfig, 'dataDir'> & Partial<Pick<AtlasConfig, 'crypto' | 'databaseUrl'>>

/**
 * The configured store as it is: PostgreSQL at ATLAS_DATABASE_URL, or the SQLite file in ATLAS_DATA_DIR.
 * `checkAtOpen`: the SQLite file's first integrity check starts at once, beside the snapshot's build (a server).
 */
export function openConfiguredStore(config: StoreConfig, { checkAtOpen = false } = {}): AtlasStore {
  const auditHash = chainHashAlgorithmOf(config.crypto ?? 'standard')
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl, { auditHash })
  mkdirSync(config.dataDir, { recursive: true })
  return openSqliteStore(join(config.dataDir, STORE_FILE), { auditHash, checkAtOpen })
}

/** Where the configured store lives, for messages: the database without its password, or the data dir. */
export function storeLocation(config: StoreConfig): string {
  return config.databaseUrl ? redactedUrl(config.databaseUrl) : config.dataDir
}

export function openDataDirStore(
  config: StoreConfig & Pick<AtlasConfig, 'demo'> & Partial<Pick<AtlasConfig, 'demoUnits'>>,
  log: (m: string) => void,
  { checkAtOpen = false } = {},
): AtlasStore {
  const store = openConfiguredStore(config, { checkAtOpen })
  if (config.demo !== 'none' && store.isEmpty()) {
    const today = new Date().toISOString().slice(0, 10)
    if (config.demo === 'full') seedDemo(store, today)
    else if (config.demo === 'national') seedNational(store, today, config.demoUnits ?? DEFAULT_DEMO_UNITS)
    else seedBoundaries(store)
    const { units, areas } = store.health()
    log(config.demo === 'boundaries'
      ? `Loaded the shipped boundaries of 昭通市 into ${storeLocation(config)}: ${areas} areas, no units (ATLAS_DEMO=boundaries)`
      : `Seeded the ${config.demo === 'national' ? 'national demo' : 'demo'} (示例数据) into ${storeLocation(config)}: ${areas} areas, ${units} units`)
  }
  if (seedShippedSchemes(store) > 0) log(`Added the built-in schemes (${store.snapshot().schemes.map((s) => s.name).join('、')})`)
  return store
}
