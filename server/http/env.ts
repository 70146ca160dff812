import type { SessionUser } from '../auth/roles'
import type { FailureLimiter } from '../auth/rate-limit'
import type { RenderTokens } from '../auth/render-tokens'
import type { AtlasStore } from '../db/store'

/** What every route can reach through c.var. */
export interface AppEnv {
  Variables: {
    store: AtlasStore
    today: string // yyyy-mm-dd, from the injected clock
    now: () => Date
    user: SessionUser | null // the signed-in user (readOnly: through an export's render credential), or null for an anonymous viewer
    loginLimiter: FailureLimiter
    renderTokens: RenderTokens // the export jobs' render credentials, issued and honoured by this app only
  }
}
