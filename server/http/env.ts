import type { MfaPolicy } from '../auth/mfa-policy'
import type { CryptoSuite } from '../crypto-suite'
import type { SessionUser } from '../auth/roles'
import type { PasswordPolicy } from '../auth/password-policy'
import type { LoginThrottle } from '../auth/rate-limit'
import type { RenderTokens } from '../auth/render-tokens'
import type { SessionPolicy } from '../auth/session-policy'
import type { AtlasStore } from '../db/store'
import type { Audience } from '../shared/audience'
import type { WorkLimiter } from '../auth/work-limits'

/** What every route can reach through c.var. */
export interface AppEnv {
  Variables: {
    store: AtlasStore
    today: string // yyyy-mm-dd, from the injected clock
    now: () => Date
    user: SessionUser | null // the signed-in user (readOnly: through an export's render credential), or null for an anonymous viewer
    audience: Audience // what the caller may see of sensitive units (server/http/audience.ts); every answer carrying units asks it
    publicAudience: Audience // what callers not signed in may see, whoever asks: a write that could change that checks against it
    loginThrottle: LoginThrottle
    trustedProxies: ReadonlySet<string> // ATLAS_TRUSTED_PROXIES, normalized (server/http/forwarded.ts)
    renderTokens: RenderTokens // the export jobs' render credentials, issued and honoured by this app only
    workLimiter: WorkLimiter // per-account limits on costly routes (server/http/work-limits.ts)
    mfaPolicy: MfaPolicy // who must have a second factor (ATLAS_MFA)
    accountIdleDays: number // ATLAS_ACCOUNT_IDLE_DAYS: an account unused this long is disabled at its next sign-in (0: never)
    separationOfDuties: boolean // ATLAS_SEPARATION_OF_DUTIES: 三员分立 (server/auth/duties.ts)
    backupPassphrase: string | null // ATLAS_BACKUP_PASSPHRASE: what backups answered over the API are encrypted with
    cryptoSuite: CryptoSuite // ATLAS_CRYPTO: what new password hashes are made with
    passwordPolicy: PasswordPolicy // what a new password must be, how old one may grow (ATLAS_PASSWORD_*)
    sessionPolicy: SessionPolicy // idle time-out, one session per account (ATLAS_SESSION_IDLE_MINUTES, ATLAS_SINGLE_SESSION)
  }
}
