import type { AtlasStore } from '../db/store'

/** What every route can reach through c.var. */
export interface AppEnv {
  Variables: {
    store: AtlasStore
    today: string // yyyy-mm-dd, from the injected clock
  }
}
