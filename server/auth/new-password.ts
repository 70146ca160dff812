// The policy applied where a password is set: the account's history and the shipped list come from here.
import type { AccountRepository } from '../db/store'
import { DomainError } from '../domain-error'
import { commonPasswords } from './common-passwords'
import { passwordRefusal, type PasswordPolicy } from './password-policy'

/**
 * Throws DomainError('invalid') naming the rule `password` breaks for the account (`id` null: a new one);
 * `field` is the request's name for it (newPassword for one's own change).
 */
export function assertPasswordAllowed(
  accounts: AccountRepository,
  password: string,
  account: { id: number | null; username: string },
  policy: PasswordPolicy,
  field = 'password',
): void {
  const recentHashes = account.id === null || policy.history === 0 ? [] : accounts.recentPasswordHashes(account.id, policy.history)
  const refusal = passwordRefusal(password, { username: account.username, recentHashes, commonPasswords: commonPasswords() }, policy)
  if (refusal) throw new DomainError('invalid', refusal.replace(/^password:/, `${field}:`))
}
