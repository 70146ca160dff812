// Whether a sign-in's second factor holds: a TOTP code of the account's enabled secret, good once (its time
// step is recorded, so the same code cannot be replayed within its 30 s), or one of its unused recovery codes.
import type { SecondFactorRepository } from '../db/store'
import { isRecoveryCode, recoveryCodeHash, totpStep } from './totp'

/** none-needed: the account has no second factor; missing: it has one and none was sent. */
export type SecondFactorCheck = 'none-needed' | 'accepted' | 'missing' | 'wrong' | 'replayed'

export function checkSecondFactor(factors: SecondFactorRepository, userId: number, code: string | undefined, nowMs: number): SecondFactorCheck {
  const totp = factors.totp(userId)
  if (!totp?.enabled) return 'none-needed'
  if (code === undefined || code.trim() === '') return 'missing'
  if (isRecoveryCode(code)) return factors.useRecoveryCode(userId, recoveryCodeHash(code)) ? 'accepted' : 'wrong'
  const step = totpStep(totp.secret, code, nowMs)
  if (step === null) return 'wrong'
  return factors.useTotpStep(userId, step) ? 'accepted' : 'replayed'
}
