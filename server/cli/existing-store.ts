// The store of ATLAS_DATA_DIR for commands that work on one that exists (audit, reset-password): opened with
// the audit chain's algorithm from ATLAS_CRYPTO, closed after use, and a clear error when there is none.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chainHashAlgorithmOf } from '../audit/chain-hash'
import type { AtlasConfig } from '../config'
import { openSqliteStore } from '../db/sqlite-store'
import type { AtlasStore } from '../db/store'
import { STORE_FILE } from '../open-store'
import { CliError } from './command'

export function withExistingStore<T>(config: AtlasConfig, commandName: string, use: (store: AtlasStore) => T): T {
  const file = join(config.dataDir, STORE_FILE)
  if (!existsSync(file)) throw new CliError(`atlas ${commandName}: there is no store at ${file} (set ATLAS_DATA_DIR to the server's data dir)`, 1)
  const store = openSqliteStore(file, { auditHash: chainHashAlgorithmOf(config.crypto) })
  try {
    return use(store)
  } finally {
    store.close()
  }
}
