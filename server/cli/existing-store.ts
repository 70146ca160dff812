// The configured store (ATLAS_DATABASE_URL, or the one in ATLAS_DATA_DIR) for commands that work on one that exists (audit, reset-password): opened with
// the audit chain's algorithm from ATLAS_CRYPTO, closed after use, and a clear error when there is none.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { AtlasConfig } from '../config'
import type { AtlasStore } from '../db/store'
import { openConfiguredStore, STORE_FILE } from '../open-store'
import { CliError } from './command'

export function withExistingStore<T>(config: AtlasConfig, commandName: string, use: (store: AtlasStore) => T): T {
  const file = join(config.dataDir, STORE_FILE)
  if (config.databaseUrl === null && !existsSync(file)) throw new CliError(`atlas ${commandName}: there is no store at ${file} (set ATLAS_DATA_DIR to the server's data dir, or ATLAS_DATABASE_URL to its database)`, 1)
  const store = openConfiguredStore(config)
  try {
    return use(store)
  } finally {
    store.close()
  }
}
