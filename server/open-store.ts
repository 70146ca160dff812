// Opens the data dir's store, creating and seeding it on first use (ATLAS_DEMO), and gives it the built-in
// schemes if it has none.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chainHashAlgorithmOf } from './audit/chain-hash'
import { DEFAULT_DEMO_UNITS, type AtlasConfig } from './config'
import { openSqliteStore } from './db/sqlite-store'
import type { AtlasStore } from './db/store'
import { seedBoundaries, seedDemo, seedNational, seedShippedSchemes } from './seed/seed-store'

export const STORE_FILE = 'atlas.sqlite'

export function openDataDirStore(config: Pick<AtlasConfig, 'dataDir' | 'demo'> & Partial<Pick<AtlasConfig, 'crypto' | 'demoUnits'>>, log: (m: string) => void): AtlasStore {
  mkdirSync(config.dataDir, { recursive: true })
  const store = openSqliteStore(join(config.dataDir, STORE_FILE), { auditHash: chainHashAlgorithmOf(config.crypto ?? 'standard') })
  if (config.demo !== 'none' && store.isEmpty()) {
    const today = new Date().toISOString().slice(0, 10)
    if (config.demo === 'full') seedDemo(store, today)
    else if (config.demo === 'national') seedNational(store, today, config.demoUnits ?? DEFAULT_DEMO_UNITS)
    else seedBoundaries(store)
    const { units, areas } = store.health()
    log(config.demo === 'boundaries'
      ? `Loaded the shipped boundaries of 昭通市 into ${config.dataDir}: ${areas} areas, no units (ATLAS_DEMO=boundaries)`
      : `Seeded the ${config.demo === 'national' ? 'national demo' : 'demo'} (示例数据) into ${config.dataDir}: ${areas} areas, ${units} units`)
  }
  if (seedShippedSchemes(store) > 0) log(`Added the built-in schemes (${store.snapshot().schemes.map((s) => s.name).join('、')})`)
  return store
}
