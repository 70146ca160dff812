// The first admin of an atlas with no users: password from ATLAS_ADMIN_PASSWORD, or a random one
// printed once (it is not stored anywhere else in clear).
import type { AtlasStore } from '../db/store'
import { hashPassword, passwordProblem, randomPassword } from './passwords'

export const FIRST_ADMIN = 'admin'

export function ensureFirstAdmin(store: AtlasStore, configuredPassword: string | null, log: (message: string) => void): void {
  if (store.accounts.countUsers() > 0) return
  // The operator chose this password: warn about a weak one rather than refuse to start.
  const problem = configuredPassword === null ? null : passwordProblem(configuredPassword, FIRST_ADMIN)
  if (problem) log(`Warning: ATLAS_ADMIN_PASSWORD is weak (${problem}); change it after signing in`)
  const password = configuredPassword ?? randomPassword()
  store.accounts.createUser({ username: FIRST_ADMIN, passwordHash: hashPassword(password), role: 'admin', areaScope: null }, 'system')
  log(
    configuredPassword
      ? `Created the first admin "${FIRST_ADMIN}" with the password from ATLAS_ADMIN_PASSWORD`
      : `Created the first admin "${FIRST_ADMIN}" with the password ${password} — shown only now; change it after signing in`,
  )
}
