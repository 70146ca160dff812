// The first admin of an atlas with no users: password from ATLAS_ADMIN_PASSWORD, or a random one
// printed once (it is not stored anywhere else in clear), which must be changed at the first sign-in.
import type { AtlasStore } from '../db/store'
import { commonPasswords } from './common-passwords'
import { DEFAULT_PASSWORD_POLICY, passwordRefusal, type PasswordPolicy } from './password-policy'
import { hashPassword, randomPassword } from './passwords'

export const FIRST_ADMIN = 'admin'

export function ensureFirstAdmin(
  store: AtlasStore,
  configuredPassword: string | null,
  log: (message: string) => void,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): void {
  if (store.accounts.countUsers() > 0) return
  // The operator chose this password: warn about a weak one rather than refuse to start.
  const problem =
    configuredPassword === null ? null : passwordRefusal(configuredPassword, { username: FIRST_ADMIN, recentHashes: [], commonPasswords: commonPasswords() }, policy)
  if (problem) log(`Warning: ATLAS_ADMIN_PASSWORD is weak (${problem}); change it after signing in`)
  const password = configuredPassword ?? randomPassword()
  store.accounts.createUser(
    { username: FIRST_ADMIN, passwordHash: hashPassword(password), role: 'admin', areaScope: null, mustChangePassword: configuredPassword === null },
    'system',
  )
  log(
    configuredPassword
      ? `Created the first admin "${FIRST_ADMIN}" with the password from ATLAS_ADMIN_PASSWORD`
      : `Created the first admin "${FIRST_ADMIN}" with the password ${password} — shown only now; it must be changed at the first sign-in`,
  )
}
