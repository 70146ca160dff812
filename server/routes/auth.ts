import { Hono, type Context } from 'hono'
import { DomainError } from '../domain-error'
import { getCookie } from 'hono/cookie'
import { z } from 'zod'
import { assertPasswordAllowed } from '../auth/new-password'
import { hashPassword, needsRehash, verifyPassword } from '../auth/passwords'
import { isPasswordExpired } from '../auth/password-policy'
import { isAccountIdle } from '../auth/account-idle'
import { dutiesOf, isLastOfNeededRole } from '../auth/duties'
import { mustHaveSecondFactor } from '../auth/mfa-policy'
import type { SessionUser } from '../auth/roles'
import { checkSecondFactor } from '../auth/second-factor'
import { newToken, tokenHash } from '../auth/tokens'
import type { AppEnv } from '../http/env'
import { jsonError } from '../http/errors'
import { auditRequest } from '../http/audit-event'
import { clientAddressOf } from '../http/forwarded'
import { clearSessionCookie, SESSION_COOKIE, SESSION_HOURS, setSessionCookie } from '../http/session'
import { validated } from '../http/validate'

const loginBody = z.object({
  username: z.string().trim().min(1, 'expected a username').max(64),
  password: z.string().min(1, 'expected a password').max(256),
  totp: z.string().trim().max(32).optional(), // the authenticator's code, or a recovery code, for an account that has one
})

const passwordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().max(256),
})

/** Scrypt work for an unknown username too, so response time does not reveal which names exist. */
const DUMMY_HASH = hashPassword('unity-atlas-dummy-password')

/** Who signed in, as sign-in and /me tell the web app: the duties say which pages to offer (账号, 审计, 备份); every route still asks requireDuty itself. */
function signedInAnswer(c: Context<AppEnv>, user: SessionUser, due: { mustChangePassword: boolean; mustEnrolTotp: boolean }) {
  return {
    username: user.username,
    role: user.role,
    areaScope: user.areaScope,
    ...due,
    duties: dutiesOf(user.role, c.var.separationOfDuties),
    separationOfDuties: c.var.separationOfDuties,
  }
}

export const authRoutes = new Hono<AppEnv>()
  .post('/login', validated('json', loginBody), (c) => {
    const { username, password } = c.req.valid('json')
    const attempt = { username, address: clientAddressOf(c, c.var.trustedProxies) }
    const throttle = c.var.loginThrottle
    const wait = throttle.retryAfterSeconds(attempt)
    if (wait > 0) {
      auditRequest(c, { actor: username, action: 'sign-in', entity: 'session', result: 'failure', detail: { reason: 'throttled' } })
      c.header('Retry-After', String(wait))
      return jsonError(c, 429, 'too_many_attempts', `登录失败次数过多，请 ${wait} 秒后再试 (too many failed sign-ins; retry after ${wait} s)`)
    }
    const user = c.var.store.accounts.userByName(username)
    const passwordOk = verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
    if (!user || !passwordOk || user.disabled) {
      throttle.recordFailure(attempt)
      const reason = !user ? 'unknown_user' : !passwordOk ? 'bad_password' : 'disabled'
      auditRequest(c, { actor: username, action: 'sign-in', entity: 'session', result: 'failure', detail: { reason } })
      return jsonError(c, 401, 'bad_credentials', '用户名或密码不正确 (wrong username or password)')
    }
    const accounts = c.var.store.accounts
    const lastUsed = accounts.lastSignIn(user.id) ?? user.createdAt
    if (isAccountIdle(lastUsed, c.var.now(), c.var.accountIdleDays) && !isLastOfNeededRole(accounts.listUsers(), user, c.var.separationOfDuties)) {
      accounts.updateUser(user.id, { disabled: true }, 'system')
      auditRequest(c, { actor: username, action: 'sign-in', entity: 'session', result: 'failure', detail: { reason: 'account_idle', lastUsed } })
      throw new DomainError(
        'forbidden',
        `账户 ${user.username} 自 ${lastUsed.slice(0, 10)} 起超过 ${c.var.accountIdleDays} 天未登录，已停用，请联系管理员重新启用 (unused for more than ${c.var.accountIdleDays} days, ATLAS_ACCOUNT_IDLE_DAYS: disabled)`,
        { code: 'account_idle' },
      )
    }
    const second = checkSecondFactor(c.var.store.secondFactors, user.id, c.req.valid('json').totp, c.var.now().getTime())
    if (second === 'missing') {
      throw new DomainError('unauthorized', '此账户已启用两步验证，请输入验证器上的 6 位动态码或一个恢复码 (this account uses two-step verification: send totp)', { code: 'totp_required' })
    }
    if (second === 'wrong' || second === 'replayed') {
      throttle.recordFailure(attempt)
      throw second === 'replayed'
        ? new DomainError('unauthorized', '此动态码已用过，请等验证器显示下一个 (this code was already used: wait for the next one)', { code: 'totp_replayed' })
        : new DomainError('unauthorized', '动态码或恢复码不正确 (totp: not a current code of the authenticator nor an unused recovery code)', { code: 'bad_totp' })
    }
    throttle.recordSuccess(attempt)
    // The password is at hand only now: a hash of the other ATLAS_CRYPTO suite is made again with this one.
    if (needsRehash(user.passwordHash, c.var.cryptoSuite)) c.var.store.accounts.rehashPassword(user.id, hashPassword(password, c.var.cryptoSuite), user.username)
    const token = newToken()
    const expiresAt = new Date(c.var.now().getTime() + SESSION_HOURS * 3600_000).toISOString()
    c.var.store.accounts.createSession(user.id, tokenHash(token), expiresAt, { replacing: c.var.sessionPolicy.singleSession })
    setSessionCookie(c, token)
    accounts.recordSignIn(user.id, c.var.now().toISOString())
    auditRequest(c, { actor: user.username, action: 'sign-in', entity: 'session', entityId: String(user.id), result: 'success' })
    const mustChangePassword = user.mustChangePassword || isPasswordExpired(user.passwordChangedAt, c.var.now(), c.var.passwordPolicy)
    const mustEnrolTotp = mustHaveSecondFactor(c.var.mfaPolicy, user.role) && second === 'none-needed'
    return c.json({ user: signedInAnswer(c, user, { mustChangePassword, mustEnrolTotp }), expiresAt }, 200)
  })
  .post('/logout', (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) c.var.store.accounts.deleteSession(tokenHash(token))
    if (c.var.user) auditRequest(c, { action: 'sign-out', entity: 'session', entityId: String(c.var.user.id), result: 'success' })
    clearSessionCookie(c)
    return c.json({ ok: true }, 200)
  })
  .get('/me', (c) => {
    const user = c.var.user
    const answer = user && signedInAnswer(c, user, { mustChangePassword: user.passwordChangeDue === true, mustEnrolTotp: user.totpEnrolmentDue === true })
    return c.json({ user: answer }, 200)
  })
  .post('/password', validated('json', passwordBody), (c) => {
    const user = c.var.user
    if (!user) throw new DomainError('unauthorized', '需要登录 (sign in to change your password)')
    const { currentPassword, newPassword } = c.req.valid('json')
    const record = c.var.store.accounts.userByName(user.username)
    if (!record || !verifyPassword(currentPassword, record.passwordHash)) {
      auditRequest(c, { action: 'change-password', entity: 'user', entityId: String(user.id), result: 'failure', detail: { reason: 'bad_password' } })
      return jsonError(c, 403, 'bad_credentials', 'currentPassword: 当前密码不正确 (the current password is wrong)')
    }
    try {
      assertPasswordAllowed(c.var.store.accounts, newPassword, record, c.var.passwordPolicy, 'newPassword')
    } catch (error) {
      auditRequest(c, { action: 'change-password', entity: 'user', entityId: String(user.id), result: 'failure', detail: { reason: 'weak_password' } })
      throw error
    }
    // Changing the password ends every session of the user, this one included: sign in again.
    c.var.store.accounts.updateUser(user.id, { passwordHash: hashPassword(newPassword, c.var.cryptoSuite), mustChangePassword: false }, user.username)
    auditRequest(c, { action: 'change-password', entity: 'user', entityId: String(user.id), result: 'success' })
    clearSessionCookie(c)
    return c.json({ ok: true }, 200)
  })
