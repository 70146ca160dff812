import { Hono } from 'hono'
import { DomainError } from '../domain-error'
import { getCookie } from 'hono/cookie'
import { z } from 'zod'
import { assertPasswordAllowed } from '../auth/new-password'
import { hashPassword, verifyPassword } from '../auth/passwords'
import { isPasswordExpired } from '../auth/password-policy'
import { newToken, tokenHash } from '../auth/tokens'
import type { AppEnv } from '../http/env'
import { jsonError } from '../http/errors'
import { clientAddressOf } from '../http/forwarded'
import { clearSessionCookie, SESSION_COOKIE, SESSION_HOURS, setSessionCookie } from '../http/session'
import { validated } from '../http/validate'

const loginBody = z.object({
  username: z.string().trim().min(1, 'expected a username').max(64),
  password: z.string().min(1, 'expected a password').max(256),
})

const passwordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().max(256),
})

/** Scrypt work for an unknown username too, so response time does not reveal which names exist. */
const DUMMY_HASH = hashPassword('unity-atlas-dummy-password')

export const authRoutes = new Hono<AppEnv>()
  .post('/login', validated('json', loginBody), (c) => {
    const { username, password } = c.req.valid('json')
    const attempt = { username, address: clientAddressOf(c, c.var.trustedProxies) }
    const throttle = c.var.loginThrottle
    const wait = throttle.retryAfterSeconds(attempt)
    if (wait > 0) {
      c.header('Retry-After', String(wait))
      return jsonError(c, 429, 'too_many_attempts', `登录失败次数过多，请 ${wait} 秒后再试 (too many failed sign-ins; retry after ${wait} s)`)
    }
    const user = c.var.store.accounts.userByName(username)
    const passwordOk = verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
    if (!user || !passwordOk || user.disabled) {
      throttle.recordFailure(attempt)
      return jsonError(c, 401, 'bad_credentials', '用户名或密码不正确 (wrong username or password)')
    }
    throttle.recordSuccess(attempt)
    const token = newToken()
    const expiresAt = new Date(c.var.now().getTime() + SESSION_HOURS * 3600_000).toISOString()
    c.var.store.accounts.createSession(user.id, tokenHash(token), expiresAt, { replacing: c.var.sessionPolicy.singleSession })
    setSessionCookie(c, token)
    const mustChangePassword = user.mustChangePassword || isPasswordExpired(user.passwordChangedAt, c.var.now(), c.var.passwordPolicy)
    return c.json({ user: { username: user.username, role: user.role, areaScope: user.areaScope, mustChangePassword }, expiresAt }, 200)
  })
  .post('/logout', (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) c.var.store.accounts.deleteSession(tokenHash(token))
    clearSessionCookie(c)
    return c.json({ ok: true }, 200)
  })
  .get('/me', (c) => {
    const user = c.var.user
    const answer = user && { username: user.username, role: user.role, areaScope: user.areaScope, mustChangePassword: user.passwordChangeDue === true }
    return c.json({ user: answer }, 200)
  })
  .post('/password', validated('json', passwordBody), (c) => {
    const user = c.var.user
    if (!user) throw new DomainError('unauthorized', '需要登录 (sign in to change your password)')
    const { currentPassword, newPassword } = c.req.valid('json')
    const record = c.var.store.accounts.userByName(user.username)
    if (!record || !verifyPassword(currentPassword, record.passwordHash)) {
      return jsonError(c, 403, 'bad_credentials', 'currentPassword: 当前密码不正确 (the current password is wrong)')
    }
    assertPasswordAllowed(c.var.store.accounts, newPassword, record, c.var.passwordPolicy, 'newPassword')
    // Changing the password ends every session of the user, this one included: sign in again.
    c.var.store.accounts.updateUser(user.id, { passwordHash: hashPassword(newPassword), mustChangePassword: false }, user.username)
    clearSessionCookie(c)
    return c.json({ ok: true }, 200)
  })
