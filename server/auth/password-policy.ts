// 身份鉴别 (GB/T 22239-2019 8.1.4.1 a): what a new password must be. Pure: the caller brings the account's
// recent hashes and the common-password list; checked on every set (an admin's new account or reset, the
// user's own change, the first admin).
import { verifyPassword } from './passwords'

export interface PasswordPolicy {
  minLength: number // 8 (ATLAS_PASSWORD_MIN_LENGTH)
  history: number // 5 (ATLAS_PASSWORD_HISTORY): none of the account's last N passwords may come back; 0 = off
  maxAgeDays: number // 0 = off (ATLAS_PASSWORD_MAX_AGE_DAYS; 90 recommended): an older password must be changed
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, history: 5, maxAgeDays: 0 }

export const MIN_CHARACTER_KINDS = 3

const KINDS: { name: string; test: RegExp }[] = [
  { name: 'upper-case letters', test: /\p{Lu}/u },
  { name: 'lower-case letters', test: /\p{Ll}/u },
  { name: 'digits', test: /\p{Nd}/u },
  { name: 'symbols', test: /[^\p{L}\p{Nd}]/u },
]

export interface PasswordContext {
  username: string
  recentHashes: readonly string[] // the account's last passwords, newest first (none for a new account)
  commonPasswords: ReadonlySet<string> // lower-cased
}

/** Why `password` may not be set, naming the first rule it breaks; null when it may. */
export function passwordRefusal(password: string, { username, recentHashes, commonPasswords }: PasswordContext, policy: PasswordPolicy): string | null {
  const length = [...password].length
  if (length < policy.minLength) return `password: ${length} characters, expected at least ${policy.minLength}`
  const used = KINDS.filter((kind) => kind.test.test(password))
  if (used.length < MIN_CHARACTER_KINDS) {
    return `password: uses ${used.length} of the 4 kinds (${used.map((k) => k.name).join(', ') || 'none'}), expected at least ${MIN_CHARACTER_KINDS} of upper-case, lower-case, digits, symbols`
  }
  if (username !== '' && password.toLowerCase().includes(username.toLowerCase())) return `password: contains the username "${username}"`
  if (commonPasswords.has(password.toLowerCase())) return 'password: on the list of common passwords'
  // Last: each comparison is a scrypt hash (~50 ms).
  const recent = recentHashes.slice(0, policy.history)
  if (recent.some((hash) => verifyPassword(password, hash))) return `password: one of the ${policy.history} last passwords of this account`
  return null
}

/** True when the password set at `changedAt` is older than the policy allows at `now`. */
export function isPasswordExpired(changedAt: string, now: Date, policy: PasswordPolicy): boolean {
  return policy.maxAgeDays > 0 && now.getTime() - Date.parse(changedAt) > policy.maxAgeDays * 86_400_000
}
