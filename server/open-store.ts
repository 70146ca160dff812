// Opens the data dir's store, creating and seeding it on first use.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AtlasConfig } from './config'
import { openSqliteStore } from './db/sqlite-store'
import type { AtlasStore } from './db/store'
import { seedDemo } from './seed/seed-store'

export const STORE_FILE = 'atlas.sqlite'

export function openDataDirStore(config: Pick<AtlasConfig, 'dataDir' | 'demo'>, log: (m: string) => void): AtlasStore {
  mkdirSync(config.dataDir, { recursive: true })
  const store = openSqliteStore(join(config.dataDir, STORE_FILE))
  if (config.demo && store.isEmpty()) {
    seedDemo(store, new Date().toISOString().slice(0, 10))
    const { units, areas } = store.health()
    log(`Seeded the demo (示例数据) into ${config.dataDir}: ${areas} areas, ${units} units`)
  }
  return store
}
