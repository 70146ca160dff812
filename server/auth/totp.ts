// The second factor (等保 身份鉴别 b): time-based one-time passwords (RFC 6238, as every authenticator app
// reads them: SHA-1, 6 digits, 30 s) and single-use recovery codes. Pure functions of a secret, a code and
// the time; the store keeps which time step was last used, so a code is good once.
import { createHash, randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'

const PERIOD_SECONDS = 30
const DIGITS = 6
/** Steps either side of now a code is still taken in: a phone's clock off by up to 30 s. */
const WINDOW_STEPS = 1
export const RECOVERY_CODE_COUNT = 10
const ISSUER = '民族团结进步创建地图'

/** A new shared secret, base32 as authenticator apps take it (160 bits, RFC 4226's recommendation). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The otpauth:// URL an authenticator app reads from the QR code. */
export function otpauthUrl(secret: string, username: string): string {
  return totpOf(secret, username).toString()
}

/** The time step `code` belongs to, within a step of `nowMs`; null when it is no code of this secret then. */
export function totpStep(secret: string, code: string, nowMs: number): number | null {
  const token = code.replace(/\s+/g, '')
  if (!new RegExp(`^\\d{${DIGITS}}$`).test(token)) return null
  const delta = totpOf(secret, '').validate({ token, timestamp: nowMs, window: WINDOW_STEPS })
  return delta === null ? null : Math.floor(nowMs / 1000 / PERIOD_SECONDS) + delta
}

/** The code for `nowMs` (tests, and nothing else: the server never shows one). */
export function totpCode(secret: string, nowMs: number): string {
  return totpOf(secret, '').generate({ timestamp: nowMs })
}

/** Ten recovery codes, e.g. "k7qm-2xva-9dtr": about 59 random bits each, in letters and digits that do not look alike. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(12)].map((byte) => alphabet[byte % alphabet.length]).join('')
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
  })
}

/** What is stored of a recovery code: its hash, from the code as typed in any case, with or without dashes. */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.toLowerCase().replace(/[^a-z0-9]/g, '')).digest('base64url')
}

/** Whether a typed second factor looks like a recovery code rather than a 6-digit code. */
export function isRecoveryCode(code: string): boolean {
  return /^[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}$/i.test(code.trim())
}

function totpOf(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) })
}
