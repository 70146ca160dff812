// Second factors in SQLite (migration 12): a TOTP secret per account and its recovery codes. Enabling and
// disabling are audited; using a code is not a change of the account, so it is not (the sign-in is).
import type { SqlDatabase } from './sql'
import type { SecondFactorRepository } from './store'
import { writeAudit } from './sqlite-accounts'

interface TotpRow {
  secret: string
  enabled_at: string | null
  last_step: number
}

export function sqliteSecondFactors(db: SqlDatabase, now: () => Date): SecondFactorRepository {
  const audit = (actor: string, action: string, userId: number, after: unknown) =>
    writeAudit(db, now().toISOString(), actor, action, 'user', String(userId), null, after)
  return {
    totp(userId) {
      const row = db.prepare('SELECT secret, enabled_at, last_step FROM user_totp WHERE user_id = ?').get(userId) as TotpRow | undefined
      return row ? { secret: row.secret, enabled: row.enabled_at !== null, lastStep: row.last_step } : null
    },
    startTotp(userId, secret) {
      db.prepare(`INSERT INTO user_totp (user_id, secret) VALUES (?, ?)
          ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, last_step = 0 WHERE user_totp.enabled_at IS NULL`).run(userId, secret)
    },
    enableTotp(userId, step, recoveryCodeHashes, actor) {
      db.transaction(() => {
        db.prepare('UPDATE user_totp SET enabled_at = ?, last_step = ? WHERE user_id = ? AND enabled_at IS NULL').run(now().toISOString(), step, userId)
        db.prepare('DELETE FROM user_recovery_codes WHERE user_id = ?').run(userId)
        const insert = db.prepare('INSERT INTO user_recovery_codes (user_id, code_hash) VALUES (?, ?)')
        for (const hash of recoveryCodeHashes) insert.run(userId, hash)
        audit(actor, 'enable-totp', userId, { recoveryCodes: recoveryCodeHashes.length })
      })()
    },
    disableTotp(userId, actor) {
      db.transaction(() => {
        db.prepare('DELETE FROM user_totp WHERE user_id = ?').run(userId)
        db.prepare('DELETE FROM user_recovery_codes WHERE user_id = ?').run(userId)
        audit(actor, 'disable-totp', userId, null)
      })()
    },
    useTotpStep(userId, step) {
      return db.prepare('UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ?').run(step, userId, step).changes === 1
    },
    useRecoveryCode(userId, hash) {
      return db.prepare('UPDATE user_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL').run(now().toISOString(), userId, hash).changes === 1
    },
    recoveryCodesLeft(userId) {
      return (db.prepare('SELECT count(*) AS n FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL').get(userId) as { n: number }).n
    },
  }
}
