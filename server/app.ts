// createApp(deps) → the Hono app. No process wiring here: server/index.ts opens the store and serves.
import { randomUUID } from 'node:crypto'
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import { withRequestAddress } from './audit/request-address'
import { WorkLimiter, type WorkLimits } from './auth/work-limits'
import type { MfaPolicy } from './auth/mfa-policy'
import type { CryptoSuite } from './crypto-suite'
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './auth/password-policy'
import { LoginThrottle } from './auth/rate-limit'
import { RenderTokens } from './auth/render-tokens'
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './auth/session-policy'
import type { BackupStatus } from './db/backup-rotation'
import type { AtlasStore } from './db/store'
import { DomainError } from './domain-error'
import type { AppEnv } from './http/env'
import { domainErrorAnswer, errorBody } from './http/errors'
import { clientAddressOf, normalizeAddress } from './http/forwarded'
import { sameOriginWrites } from './http/same-origin'
import { strictTransportSecurity } from './http/transport-security'
import { resolveAudience } from './http/audience'
import { accountDutiesFirst, requireLoginForReads, resolveSession } from './http/session'
import { alertRoutes } from './routes/alerts'
import { auditRoutes } from './routes/audit'
import { backupRoutes } from './routes/backup'
import { briefRoutes } from './routes/brief'
import { authRoutes } from './routes/auth'
import { areaRoutes } from './routes/areas'
import { corridorRoutes } from './routes/corridors'
import { coverageRoutes } from './routes/coverage'
import { exportRoutes } from './routes/export'
import { sharedExportService, type ExportService } from './export/service'
import { NO_MAP_REVIEW_SETTINGS, type MapReviewSettings } from './shared/map-review'
import { healthRoutes } from './routes/health'
import { importRoutes } from './routes/import'
import { inspectionRoutes } from './routes/inspections'
import { photoRoutes, visitPhotoRoutes } from './routes/photos'
import { planRoutes } from './routes/plan'
import { schemeRoutes } from './routes/schemes'
import { schemeEditRoutes } from './routes/scheme-edits'
import { screenProfileRoutes } from './routes/screen-profiles'
import { screenTokenRoutes } from './routes/screen-tokens'
import { targetRoutes } from './routes/targets'
import { tileRoutes } from './routes/tiles'
import { unitRoutes } from './routes/units'
import { unitTableRoutes } from './routes/unit-table'
import { unitDetailRoutes } from './routes/unit-detail'
import { unitExportRoutes } from './routes/unit-export'
import { unitEditRoutes } from './routes/unit-edits'
import { unitTransitionRoutes } from './routes/unit-transitions'
import { totpRoutes } from './routes/totp'
import { userRoutes } from './routes/users'

export interface AppDeps {
  store: AtlasStore
  version: string
  now?: () => Date // new Date(): injectable so tests fix "today"
  log?: (message: string) => void // console.error
  web?: MiddlewareHandler[] // serve the built web app for every path outside /api, tried in order
  security?: SecurityOptions
  exporter?: ExportService // the process's shared one: one Chromium, started by the first export
  mapReview?: MapReviewSettings // none: the 审图号 and unreviewed marking every export prints (ATLAS_MAP_REVIEW_NUMBER, ATLAS_MAP_UNREVIEWED_MARKING)
  renderTokens?: RenderTokens // a new one: export jobs' read-only credentials, honoured by this app only
  backupStatus?: () => BackupStatus // the scheduled backups' last outcome for /api/health; absent: none scheduled
}

export interface SecurityOptions {
  requireLogin?: boolean // false: anonymous viewers may read (ATLAS_REQUIRE_LOGIN)
  frameAncestors?: string[] // ["'self'"]: who may embed the atlas, e.g. /screen on a portal (ATLAS_FRAME_ANCESTORS)
  allowedOrigins?: string[] // []: other origins allowed to send writes (ATLAS_ALLOWED_ORIGINS)
  maxJsonBytes?: number // 1 MiB: bodies of ordinary API requests
  loginThrottle?: LoginThrottle // per (account, address): 1 min after 5 failures, doubling to 15 min; per address: 20 failures per 15 min
  trustedProxies?: string[] // []: reverse proxies whose X-Forwarded-For, -Proto and -Host are believed (ATLAS_TRUSTED_PROXIES)
  sensitiveCategories?: readonly string[] // ['宗教活动场所']: exact places, names, addresses for signed-in users only (ATLAS_SENSITIVE_CATEGORIES)
  workLimits?: WorkLimits // exports, plans and ledger exports per account and minute (ATLAS_EXPORTS_PER_MINUTE and the like)
  crypto?: CryptoSuite // 'standard': gm hashes new passwords with PBKDF2-HMAC-SM3 (ATLAS_CRYPTO)
  accountIdleDays?: number // 0 (off): accounts unused this many days are disabled at their next sign-in (ATLAS_ACCOUNT_IDLE_DAYS)
  separationOfDuties?: boolean // false: 三员分立 — accounts, roles and the audit trail each with their own administrator (ATLAS_SEPARATION_OF_DUTIES)
  backupPassphrase?: string | null // null: what GET /api/backup encrypts with; separated, it answers only encrypted backups (ATLAS_BACKUP_PASSPHRASE)
  mfa?: MfaPolicy // 'off': who must have a second factor (ATLAS_MFA: off | privileged | all)
  passwords?: PasswordPolicy // DEFAULT_PASSWORD_POLICY: 8 characters of 3 kinds, not the last 5, no maximum age (ATLAS_PASSWORD_*)
  sessions?: SessionPolicy // DEFAULT_SESSION_POLICY: 30 idle minutes, several sessions per account (ATLAS_SESSION_IDLE_MINUTES, ATLAS_SINGLE_SESSION)
  hstsMaxAgeSeconds?: number // 31536000: Strict-Transport-Security max-age on answers sent over HTTPS (ATLAS_HSTS_MAX_AGE)
}

const OWN_BODY_LIMIT = ['/api/plan', '/api/import', '/api/photos']
const VISIT_PHOTO_UPLOAD = /^\/api\/inspections\/\d+\/photos$/ // its own cap, as /api/photos

export function createApp({ store, version, now = () => new Date(), log = console.error, web, security = {}, exporter, mapReview = NO_MAP_REVIEW_SETTINGS, renderTokens = new RenderTokens(), backupStatus }: AppDeps) {
  const {
    requireLogin = false,
    frameAncestors = ["'self'"],
    allowedOrigins = [],
    maxJsonBytes = 1 << 20,
    sensitiveCategories,
    passwords = DEFAULT_PASSWORD_POLICY,
    mfa = 'off',
    accountIdleDays = 0,
    separationOfDuties = false,
    backupPassphrase = null,
    crypto = 'standard',
    sessions = DEFAULT_SESSION_POLICY,
    hstsMaxAgeSeconds = 31_536_000,
  } = security
  const loginThrottle = security.loginThrottle ?? new LoginThrottle({ states: store.throttles })
  const workLimiter = new WorkLimiter(security.workLimits, () => now().getTime())
  const trustedProxies: ReadonlySet<string> = new Set((security.trustedProxies ?? []).map(normalizeAddress))
  const jsonBodyLimit = bodyLimit({
    maxSize: maxJsonBytes,
    onError: (c) => c.json(errorBody('too_large', `the request body is over ${maxJsonBytes} bytes`), 413),
  })
  const api = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('store', store)
      c.set('now', now)
      c.set('today', now().toISOString().slice(0, 10))
      c.set('loginThrottle', loginThrottle)
      c.set('trustedProxies', trustedProxies)
      c.set('renderTokens', renderTokens)
      c.set('workLimiter', workLimiter)
      c.set('passwordPolicy', passwords)
      c.set('mfaPolicy', mfa)
      c.set('accountIdleDays', accountIdleDays)
      c.set('separationOfDuties', separationOfDuties)
      c.set('backupPassphrase', backupPassphrase)
      c.set('cryptoSuite', crypto)
      c.set('sessionPolicy', sessions)
      await withRequestAddress(() => clientAddressOf(c, trustedProxies), next)
    })
    .use(sameOriginWrites({ allowedOrigins, trustedProxies }))
    .use(async (c, next) => {
      // GET and HEAD carry no body: asking for one would make @hono/node-server build a full Request (an
      // AbortController and undici's Request) on every read, ~10 % of a cached answer's cost under load.
      // Routes that take files or large point sets set their own, larger limit.
      if (c.req.method === 'GET' || c.req.method === 'HEAD' || OWN_BODY_LIMIT.some((prefix) => c.req.path.startsWith(prefix)) || VISIT_PHOTO_UPLOAD.test(c.req.path)) return next()
      return jsonBodyLimit(c, next)
    })
    .use(resolveSession)
    .use(accountDutiesFirst)
    .use(requireLoginForReads(requireLogin))
    .use(resolveAudience(sensitiveCategories))
    .route('/health', healthRoutes(version, backupStatus))
    .route('/auth', authRoutes)
    .route('/auth/totp', totpRoutes)
    .route('/users', userRoutes)
    .route('/audit', auditRoutes)
    .route('/backup', backupRoutes)
    .route('/schemes', schemeRoutes)
    .route('/schemes', schemeEditRoutes)
    .route('/areas', areaRoutes)
    .route('/units', unitRoutes)
    .route('/units', unitExportRoutes)
    .route('/units', unitTableRoutes)
    .route('/units', unitDetailRoutes)
    .route('/units', unitEditRoutes)
    .route('/units', unitTransitionRoutes)
    .route('/coverage', coverageRoutes)
    .route('/alerts', alertRoutes)
    .route('/corridors', corridorRoutes)
    .route('/inspections', inspectionRoutes)
    .route('/inspections', visitPhotoRoutes())
    .route('/photos', photoRoutes())
    .route('/targets', targetRoutes)
    .route('/tiles', tileRoutes)
    .route('/export', exportRoutes(() => exporter ?? sharedExportService(), mapReview))
    .route('/brief', briefRoutes(() => exporter ?? sharedExportService()))
    .route('/plan', planRoutes)
    .route('/import', importRoutes())
    .route('/screen-profiles', screenProfileRoutes)
    .route('/screen-tokens', screenTokenRoutes)
    .onError((error, c) => {
      if (error instanceof DomainError) return domainErrorAnswer(c, error)
      // Hono's own 4xx (malformed JSON or form bodies in validators, body limits): the caller's fault, in our shape.
      if (error instanceof HTTPException && error.status < 500) {
        return c.json(errorBody('bad_request', `${error.message || 'the request could not be read'}`), error.status)
      }
      // Anything else is our fault, whatever its class (a RangeError from deep inside is a bug, not bad input):
      // a 500 whose id finds the stack in the log, and nothing of the stack in the answer.
      const requestId = randomUUID().slice(0, 8)
      log(`[${requestId}] ${c.req.method} ${c.req.path} failed: ${error.stack ?? error.message}`)
      return c.json(errorBody('internal', `the server could not complete the request; the error has been logged as ${requestId}`, { requestId }), 500)
    })
  const app = new Hono()
    .use(strictTransportSecurity(hstsMaxAgeSeconds, trustedProxies))
    .use(
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // React and MapLibre set element styles from script; no inline <style> or style="" comes from HTML.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // https: lets a user-chosen basemap (天地图 with the user's key, or any XYZ server, web/map/basemaps.ts)
          // load its tiles; MapLibre fetches tiles with fetch(), so connect-src needs it too. A PMTiles
          // basemap reads its archive with fetch() range requests (https: or 'self') and hands MapLibre the
          // bytes, so connect-src already covers it: nothing to widen. The default basemap is offline and
          // requests nothing from outside; scripts stay 'self' only.
          imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
          fontSrc: ["'self'", 'data:'],
          workerSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'", 'https:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          frameAncestors,
        },
        xFrameOptions: false, // frame-ancestors above governs embedding
        referrerPolicy: 'strict-origin-when-cross-origin',
        crossOriginEmbedderPolicy: false,
        strictTransportSecurity: false, // over HTTPS only, by strictTransportSecurity above
      }),
    )
    .route('/api', api)
    .all('/api/*', (c) => c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}`), 404))
  for (const handler of web ?? []) app.use('*', handler)
  return app
}

export type AppType = ReturnType<typeof createApp>
