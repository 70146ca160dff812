// The administrators an atlas starts with: the first admin of an atlas with no users and, under 三员分立, a
// secadmin and an auditor whenever there is no account of that role. Each password comes from its environment
// variable (ATLAS_ADMIN_PASSWORD and the like), or is random and printed once (it is not stored anywhere else
// in clear) and must be changed at the first sign-in.
import type { AtlasStore } from '../db/store'
import type { Role } from '../shared/roles'
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
  createAdministrator(store, { username: FIRST_ADMIN, role: 'admin', variable: 'ATLAS_ADMIN_PASSWORD' }, configuredPassword, log, policy)
}

/** The security and audit administrators 三员分立 needs, each created when no account has its role. */
export function ensureSeparatedAdministrators(
  store: AtlasStore,
  configured: { secadmin: string | null; auditor: string | null },
  log: (message: string) => void,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): void {
  const users = store.accounts.listUsers()
  for (const role of ['secadmin', 'auditor'] as const) {
    if (users.some((u) => u.role === role)) continue
    const taken = users.find((u) => u.username.toLowerCase() === role)
    if (taken) {
      throw new Error(`ATLAS_SEPARATION_OF_DUTIES=1 needs an account with the role ${role}, and the name "${role}" is taken by a ${taken.role}: give that account the role ${role}, or rename it, then start again`)
    }
    createAdministrator(store, { username: role, role, variable: `ATLAS_${role.toUpperCase()}_PASSWORD` }, configured[role], log, policy)
  }
}

function createAdministrator(
  store: AtlasStore,
  account: { username: string; role: Role; variable: string },
  configuredPassword: string | null,
  log: (message: string) => void,
  policy: PasswordPolicy,
): void {
  const { username, role, variable } = account
  // The operator chose this password: warn about a weak one rather than refuse to start.
  const problem = configuredPassword === null ? null : passwordRefusal(configuredPassword, { username, recentHashes: [], commonPasswords: commonPasswords() }, policy)
  if (problem) log(`Warning: ${variable} is weak (${problem}); change it after signing in`)
  const password = configuredPassword ?? randomPassword()
  store.accounts.createUser({ username, passwordHash: hashPassword(password), role, areaScope: null, mustChangePassword: configuredPassword === null }, 'system')
  log(
    configuredPassword
      ? `Created the ${role} "${username}" with the password from ${variable}`
      : `Created the ${role} "${username}" with the password ${password} — shown only now; it must be changed at the first sign-in`,
  )
}
