// Configuration from the environment, checked once at start with messages that name the bad value.
import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { CRYPTO_SUITES, type CryptoSuite } from './crypto-suite'
import { MFA_POLICIES, type MfaPolicy } from './auth/mfa-policy'
import { DEFAULT_WORK_LIMITS, type WorkLimits } from './auth/work-limits'
import type { PasswordPolicy } from './auth/password-policy'
import type { SessionPolicy } from './auth/session-policy'
import { PASSWORD_HISTORY_KEPT } from './db/store'
import type { MapReviewSettings } from './shared/map-review'

export interface AtlasConfig {
  port: number // PORT, 8787
  dataDir: string // ATLAS_DATA_DIR, ./data
  databaseUrl: string | null // ATLAS_DATABASE_URL, none: postgres://user:pass@host:port/db selects PostgreSQL + PostGIS; unset, SQLite in dataDir
  demo: DemoMode // ATLAS_DEMO, 1 (full): what an empty data dir is seeded with
  demoUnits: number // ATLAS_DEMO_UNITS, 20000: how many sample units ATLAS_DEMO=national draws
  requireLogin: boolean // ATLAS_REQUIRE_LOGIN, 0: anonymous viewers may read
  adminPassword: string | null // ATLAS_ADMIN_PASSWORD: the first admin's password; unset = random, printed once
  separationOfDuties: boolean // ATLAS_SEPARATION_OF_DUTIES, 0: 三员分立 — admin, secadmin and auditor each do only their part
  secadminPassword: string | null // ATLAS_SECADMIN_PASSWORD: the first secadmin's password (separation on); unset = random, printed once
  auditorPassword: string | null // ATLAS_AUDITOR_PASSWORD: the first auditor's password (separation on); unset = random, printed once
  frameAncestors: string[] // ATLAS_FRAME_ANCESTORS, 'self': space-separated origins allowed to embed the atlas
  allowedOrigins: string[] // ATLAS_ALLOWED_ORIGINS, none: space-separated extra origins allowed to send writes
  trustedProxies: string[] // ATLAS_TRUSTED_PROXIES, none: space-separated IP addresses of reverse proxies whose X-Forwarded-* headers are believed
  sensitiveCategories: string[] // ATLAS_SENSITIVE_CATEGORIES, 宗教活动场所: comma-separated; exact places for signed-in users only ('none': no category)
  workLimits: WorkLimits // ATLAS_EXPORTS_PER_MINUTE 12, ATLAS_PLANS_PER_MINUTE 30, ATLAS_UNIT_EXPORTS_PER_MINUTE 12, ATLAS_BRIEFS_PER_MINUTE 6: per account (or address) and minute
  crypto: CryptoSuite // ATLAS_CRYPTO, standard: gm = 国密 (SM3 for the audit chain)
  auditRetentionDays: number // ATLAS_AUDIT_RETENTION_DAYS, 180: audit records older than this may be archived (never fewer than 180)
  auditHeadLogMinutes: number // ATLAS_AUDIT_HEAD_LOG_MINUTES, 60: how often the server logs the audit chain's head
  passwords: PasswordPolicy // ATLAS_PASSWORD_MIN_LENGTH 8, ATLAS_PASSWORD_HISTORY 5, ATLAS_PASSWORD_MAX_AGE_DAYS 0 (off)
  sessions: SessionPolicy // ATLAS_SESSION_IDLE_MINUTES 30, ATLAS_SINGLE_SESSION 0
  accountIdleDays: number // ATLAS_ACCOUNT_IDLE_DAYS, 0 (off): accounts unused this long are disabled at their next sign-in
  mfa: MfaPolicy // ATLAS_MFA, off: who must have a second factor (off | privileged: admins and approvers | all)
  tls: TlsFiles | null // ATLAS_TLS_CERT + ATLAS_TLS_KEY, none: PEM files; set, the server speaks HTTPS itself
  hstsMaxAgeSeconds: number // ATLAS_HSTS_MAX_AGE, 31536000 (one year): Strict-Transport-Security on answers that came over HTTPS
  httpRedirectPort: number | null // ATLAS_HTTP_REDIRECT_PORT, none: a plain-HTTP port answering 308 to the HTTPS URL (needs TLS)
  backupPassphrase: string | null // ATLAS_BACKUP_PASSPHRASE, none: encrypts atlas backup --encrypt and scheduled backups
  scheduledBackups: ScheduledBackups | null // ATLAS_BACKUP_DIR (+ _EVERY_HOURS, _KEEP), none: no scheduled backups
  alertWebhook: string | null // ATLAS_ALERT_WEBHOOK, none: an http(s) URL each new alert is POSTed to as JSON, once
  mapReview: MapReviewSettings // ATLAS_MAP_REVIEW_NUMBER, none: the 审图号 every map export and briefing map prints; ATLAS_MAP_UNREVIEWED_MARKING, 内部用图 未经审核 不得公开: printed on national and provincial maps without one
}

export interface TlsFiles {
  cert: string // absolute path of the certificate chain (PEM)
  key: string // absolute path of its private key (PEM, unencrypted)
}

export interface ScheduledBackups {
  dir: string // ATLAS_BACKUP_DIR: absolute
  everyHours: number // ATLAS_BACKUP_EVERY_HOURS, 24; fractions allowed
  keep: number // ATLAS_BACKUP_KEEP, 7: the newest N backups kept, older ones deleted
}


/** 网络安全法 第二十一条: network logs are kept at least six months. */
export const MIN_AUDIT_RETENTION_DAYS = 180

export class ConfigError extends Error {}

/** The most characters of a 审图号 or marking: the export layout's own text fields take 200, the footer line fits 60. */
const MAX_MAP_TEXT = 60

/**
 * What an empty data dir starts with. full (1): the 昭通 boundaries and invented 示例数据 units; boundaries: the
 * shipped real boundaries of 昭通市 and its counties, no units (a bureau starting with its own ledger); national:
 * every province, prefecture and county of geodata/national/ with ATLAS_DEMO_UNITS invented units; none (0):
 * nothing but the built-in schemes, which every store has.
 */
export const DEMO_MODES = ['full', 'boundaries', 'national', 'none'] as const

/** ATLAS_DEMO_UNITS: the default starts in seconds; the national scale goal is 1 000 000. */
export const DEFAULT_DEMO_UNITS = 20_000
const MAX_DEMO_UNITS = 2_000_000
export type DemoMode = (typeof DEMO_MODES)[number]

export function readConfig(env: Record<string, string | undefined>, cwd = process.cwd()): AtlasConfig {
  return {
    port: portFrom(env.PORT),
    dataDir: resolve(cwd, env.ATLAS_DATA_DIR || 'data'),
    databaseUrl: databaseUrlFrom(env.ATLAS_DATABASE_URL),
    demo: demoModeFrom(env.ATLAS_DEMO),
    demoUnits: wholeNumberFrom('ATLAS_DEMO_UNITS', env.ATLAS_DEMO_UNITS, DEFAULT_DEMO_UNITS, { min: 0, max: MAX_DEMO_UNITS }),
    requireLogin: flagFrom('ATLAS_REQUIRE_LOGIN', env.ATLAS_REQUIRE_LOGIN, false),
    adminPassword: env.ATLAS_ADMIN_PASSWORD || null,
    separationOfDuties: flagFrom('ATLAS_SEPARATION_OF_DUTIES', env.ATLAS_SEPARATION_OF_DUTIES, false),
    secadminPassword: env.ATLAS_SECADMIN_PASSWORD || null,
    auditorPassword: env.ATLAS_AUDITOR_PASSWORD || null,
    frameAncestors: originListFrom('ATLAS_FRAME_ANCESTORS', env.ATLAS_FRAME_ANCESTORS) ?? ["'self'"],
    allowedOrigins: originListFrom('ATLAS_ALLOWED_ORIGINS', env.ATLAS_ALLOWED_ORIGINS) ?? [],
    trustedProxies: addressListFrom('ATLAS_TRUSTED_PROXIES', env.ATLAS_TRUSTED_PROXIES),
    sensitiveCategories: categoryListFrom('ATLAS_SENSITIVE_CATEGORIES', env.ATLAS_SENSITIVE_CATEGORIES) ?? ['宗教活动场所'],
    workLimits: {
      exportsPerMinute: perMinuteFrom('ATLAS_EXPORTS_PER_MINUTE', env.ATLAS_EXPORTS_PER_MINUTE, DEFAULT_WORK_LIMITS.exportsPerMinute),
      plansPerMinute: perMinuteFrom('ATLAS_PLANS_PER_MINUTE', env.ATLAS_PLANS_PER_MINUTE, DEFAULT_WORK_LIMITS.plansPerMinute),
      unitExportsPerMinute: perMinuteFrom('ATLAS_UNIT_EXPORTS_PER_MINUTE', env.ATLAS_UNIT_EXPORTS_PER_MINUTE, DEFAULT_WORK_LIMITS.unitExportsPerMinute),
      briefsPerMinute: perMinuteFrom('ATLAS_BRIEFS_PER_MINUTE', env.ATLAS_BRIEFS_PER_MINUTE, DEFAULT_WORK_LIMITS.briefsPerMinute),
    },
    crypto: cryptoSuiteFrom(env.ATLAS_CRYPTO),
    auditRetentionDays: auditRetentionDaysFrom(env.ATLAS_AUDIT_RETENTION_DAYS),
    auditHeadLogMinutes: positiveNumberFrom('ATLAS_AUDIT_HEAD_LOG_MINUTES', env.ATLAS_AUDIT_HEAD_LOG_MINUTES, 60),
    passwords: {
      minLength: wholeNumberFrom('ATLAS_PASSWORD_MIN_LENGTH', env.ATLAS_PASSWORD_MIN_LENGTH, 8, { min: 8, max: 128 }),
      history: wholeNumberFrom('ATLAS_PASSWORD_HISTORY', env.ATLAS_PASSWORD_HISTORY, 5, { min: 0, max: PASSWORD_HISTORY_KEPT }),
      maxAgeDays: wholeNumberFrom('ATLAS_PASSWORD_MAX_AGE_DAYS', env.ATLAS_PASSWORD_MAX_AGE_DAYS, 0, { min: 0, max: 3650 }),
    },
    sessions: {
      idleMinutes: idleMinutesFrom(env.ATLAS_SESSION_IDLE_MINUTES),
      singleSession: flagFrom('ATLAS_SINGLE_SESSION', env.ATLAS_SINGLE_SESSION, false),
    },
    mfa: mfaPolicyFrom(env.ATLAS_MFA),
    accountIdleDays: wholeNumberFrom('ATLAS_ACCOUNT_IDLE_DAYS', env.ATLAS_ACCOUNT_IDLE_DAYS, 0, { min: 0, max: 3650 }),
    ...transportFrom(env, cwd),
    backupPassphrase: env.ATLAS_BACKUP_PASSPHRASE || null,
    scheduledBackups: scheduledBackupsFrom(env, cwd),
    alertWebhook: webhookUrlFrom('ATLAS_ALERT_WEBHOOK', env.ATLAS_ALERT_WEBHOOK),
    mapReview: {
      reviewNumber: mapTextFrom('ATLAS_MAP_REVIEW_NUMBER', env.ATLAS_MAP_REVIEW_NUMBER, 'e.g. GS(2024)1234号 or 云S(2024)001号'),
      unreviewedMarking: mapTextFrom('ATLAS_MAP_UNREVIEWED_MARKING', env.ATLAS_MAP_UNREVIEWED_MARKING, 'e.g. 内部用图 未经审核 不得公开'),
    },
  }
}

/** One line printed on every map (a 审图号, a marking): unset or empty is none. */
function mapTextFrom(name: string, value: string | undefined, example: string): string | null {
  if (value === undefined || value.trim() === '') return null
  const text = value.trim()
  if (text.length > MAX_MAP_TEXT || /[\p{Cc}]/u.test(text)) {
    throw new ConfigError(`${name}=${value} is not one line of at most ${MAX_MAP_TEXT} characters without control characters (expected ${example})`)
  }
  return text
}

/** An http(s) URL a server may POST to; unset or empty is none. */
function webhookUrlFrom(name: string, value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null
  let url: URL | null
  try {
    url = new URL(value.trim())
  } catch {
    url = null
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(`${name}=${value} is not an http(s) URL (expected e.g. https://im.example.gov.cn/hooks/atlas)`)
  }
  return url.href
}

/** ATLAS_CRYPTO, read here alone so that every part that hashes or encrypts agrees on the suite. */
export function cryptoSuiteFrom(value: string | undefined): CryptoSuite {
  if (value === undefined || value.trim() === '') return 'standard'
  const suite = CRYPTO_SUITES.find((s) => s === value.trim().toLowerCase())
  if (!suite) throw new ConfigError(`ATLAS_CRYPTO=${value} is not a crypto suite (expected standard or gm)`)
  return suite
}

function mfaPolicyFrom(value: string | undefined): MfaPolicy {
  if (value === undefined || value.trim() === '') return 'off'
  const policy = MFA_POLICIES.find((p) => p === value.trim().toLowerCase())
  if (!policy) throw new ConfigError(`ATLAS_MFA=${value} is not a second-factor policy (expected off, privileged or all)`)
  return policy
}

function auditRetentionDaysFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return MIN_AUDIT_RETENTION_DAYS
  const days = Number(value)
  if (!Number.isInteger(days)) throw new ConfigError(`ATLAS_AUDIT_RETENTION_DAYS=${value} is not a whole number of days (expected e.g. 180)`)
  if (days < MIN_AUDIT_RETENTION_DAYS) {
    throw new ConfigError(
      `ATLAS_AUDIT_RETENTION_DAYS=${value} is under ${MIN_AUDIT_RETENTION_DAYS} days: 网络安全法 第二十一条 requires network logs to be kept at least six months (expected ${MIN_AUDIT_RETENTION_DAYS} or more)`,
    )
  }
  return days
}

function positiveNumberFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) throw new ConfigError(`${name}=${value} is not a positive number (expected e.g. ${fallback})`)
  return number
}

function wholeNumberFrom(name: string, value: string | undefined, fallback: number, { min, max }: { min: number; max: number }): number {
  if (value === undefined || value.trim() === '') return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new ConfigError(`${name}=${value} is not a whole number from ${min} to ${max} (default ${fallback})`)
  }
  return number
}

/** Minutes, fractions allowed (0.05 is 3 s, for tests); at most the 12-hour session lifetime. */
function idleMinutesFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 30
  const minutes = Number(value)
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 720) {
    throw new ConfigError(`ATLAS_SESSION_IDLE_MINUTES=${value} is not a number of minutes above 0 and at most 720 (default 30; e.g. 15 or 0.5)`)
  }
  return minutes
}


function transportFrom(env: Record<string, string | undefined>, cwd: string): Pick<AtlasConfig, 'tls' | 'hstsMaxAgeSeconds' | 'httpRedirectPort'> {
  const cert = env.ATLAS_TLS_CERT?.trim() || null
  const key = env.ATLAS_TLS_KEY?.trim() || null
  if ((cert === null) !== (key === null)) {
    throw new ConfigError(`ATLAS_TLS_CERT and ATLAS_TLS_KEY go together: ${cert === null ? 'ATLAS_TLS_CERT' : 'ATLAS_TLS_KEY'} is not set (expected the paths of a PEM certificate and its key)`)
  }
  const tls = cert !== null && key !== null ? { cert: resolve(cwd, cert), key: resolve(cwd, key) } : null
  const httpRedirectPort = env.ATLAS_HTTP_REDIRECT_PORT?.trim() ? portFrom(env.ATLAS_HTTP_REDIRECT_PORT, 'ATLAS_HTTP_REDIRECT_PORT') : null
  if (httpRedirectPort !== null && tls === null) {
    throw new ConfigError(`ATLAS_HTTP_REDIRECT_PORT=${env.ATLAS_HTTP_REDIRECT_PORT} needs HTTPS to redirect to: set ATLAS_TLS_CERT and ATLAS_TLS_KEY too`)
  }
  return { tls, httpRedirectPort, hstsMaxAgeSeconds: wholeNumberFrom('ATLAS_HSTS_MAX_AGE', env.ATLAS_HSTS_MAX_AGE, 31_536_000, { min: 0, max: 315_360_000 }) }
}

function scheduledBackupsFrom(env: Record<string, string | undefined>, cwd: string): ScheduledBackups | null {
  const everyHours = env.ATLAS_BACKUP_EVERY_HOURS?.trim() ? Number(env.ATLAS_BACKUP_EVERY_HOURS) : 24
  if (!Number.isFinite(everyHours) || everyHours <= 0) {
    throw new ConfigError(`ATLAS_BACKUP_EVERY_HOURS=${env.ATLAS_BACKUP_EVERY_HOURS} is not a number of hours (expected more than 0, e.g. 24 or 0.5)`)
  }
  const keep = wholeNumberFrom('ATLAS_BACKUP_KEEP', env.ATLAS_BACKUP_KEEP, 7, { min: 1, max: 10_000 })
  const dir = env.ATLAS_BACKUP_DIR?.trim()
  return dir ? { dir: resolve(cwd, dir), everyHours, keep } : null
}

/** Category names, separated by , ， or 、 (scheme-independent: a name counts in every scheme); 'none' is []. */
function categoryListFrom(name: string, value: string | undefined): string[] | null {
  if (value === undefined || value.trim() === '') return null
  if (value.trim().toLowerCase() === 'none') return []
  const items = [...new Set(value.split(/[,，、]/).map((item) => item.trim()).filter(Boolean))]
  const bad = items.find((item) => item.length > 40 || /[\p{Cc}]/u.test(item))
  if (items.length === 0 || bad !== undefined) {
    throw new ConfigError(`${name}=${value} is not a list of category names (expected e.g. 宗教活动场所,教育基地, or none)`)
  }
  return items
}

function originListFrom(name: string, value: string | undefined): string[] | null {
  if (value === undefined || value.trim() === '') return null
  const items = value.trim().split(/\s+/)
  for (const item of items) {
    if (item === "'self'" || item === "'none'") continue
    let url: URL | null = null
    try {
      url = new URL(item)
    } catch {
      url = null
    }
    if (!url || url.origin !== item) {
      throw new ConfigError(`${name}: ${item} is not an origin (expected e.g. https://portal.example.gov.cn, or 'self')`)
    }
  }
  return items
}

/** Space-separated IP addresses (not ranges); unset or empty is none. */
function addressListFrom(name: string, value: string | undefined): string[] {
  const items = value?.trim().split(/\s+/).filter(Boolean) ?? []
  const bad = items.find((item) => isIP(item) === 0)
  if (bad !== undefined) throw new ConfigError(`${name}: ${bad} is not an IP address (expected space-separated addresses, e.g. 127.0.0.1 ::1)`)
  return items
}

function perMinuteFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback
  const count = Number(value)
  if (!Number.isInteger(count) || count < 1 || count > 10_000) {
    throw new ConfigError(`${name}=${value} is not a number of requests a minute (expected a whole number 1–10000, e.g. ${fallback})`)
  }
  return count
}

function portFrom(value: string | undefined, name = 'PORT'): number {
  if (value === undefined || value === '') return 8787
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name}=${value} is not a port (expected a whole number 0–65535, e.g. 8787)`)
  }
  return port
}

function databaseUrlFrom(value: string | undefined): string | null {
  if (!value) return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`ATLAS_DATABASE_URL=${redactedUrl(value)} is not a URL (expected postgres://user:password@host:port/database)`)
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`ATLAS_DATABASE_URL=${redactedUrl(value)} names ${url.protocol.replace(':', '')}, not PostgreSQL (expected postgres://user:password@host:port/database; unset it for the embedded SQLite store)`)
  }
  return value
}

/** A database URL as it may be printed: without its password. */
export function redactedUrl(value: string): string {
  return value.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@')
}

function demoModeFrom(value: string | undefined): DemoMode {
  if (value !== undefined && DEMO_MODES.includes(value.trim().toLowerCase() as DemoMode)) return value.trim().toLowerCase() as DemoMode
  try {
    return flagFrom('ATLAS_DEMO', value, true) ? 'full' : 'none'
  } catch {
    throw new ConfigError(`ATLAS_DEMO=${value} is not a demo mode (expected 1 or full, boundaries, national, 0 or none)`)
  }
}

function flagFrom(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false
  throw new ConfigError(`${name}=${value} is not a flag (expected 1 or 0)`)
}
