// Who is asking: the session cookie resolved to a user once per request, and the guards built on it.
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { isPasswordExpired } from '../auth/password-policy'
import { dutyRefusal, type Duty } from '../auth/duties'
import { unitWriteRefusal, writeRefusal, type SessionUser, type UnitWrite, type WriteRefusal } from '../auth/roles'
import type { WriteKind } from '../shared/roles'
import { isActivityWorthRecording, sessionEnd, sessionEndMessage } from '../auth/session-policy'
import { tokenHash } from '../auth/tokens'
import type { AppEnv } from './env'
import { mustHaveSecondFactor } from '../auth/mfa-policy'
import { DomainError } from '../domain-error'
import { auditRequest } from './audit-event'
import { domainErrorAnswer, jsonError } from './errors'
import { isHttpsRequest } from './forwarded'

export const SESSION_COOKIE = 'atlas_session'
export const SESSION_HOURS = 12

const READ_METHODS = new Set(['GET', 'HEAD'])

/**
 * The session's user, with mustChangePassword when an admin set the password or it is older than the policy
 * allows. A session ended by idle time or by a newer sign-in answers 401 with code session_idle or
 * session_replaced (and its cookie cleared) on every path but sign-in and sign-out, so the page can say why.
 */
export const resolveSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE)
  const at = c.get('now')()
  const accounts = c.get('store').accounts
  const hash = token ? tokenHash(token) : null
  const session = hash ? accounts.session(hash, at.toISOString()) : null
  let user: SessionUser | null = null
  if (hash && session) {
    const policy = c.get('sessionPolicy')
    const ended = sessionEnd(session, at, policy)
    if (ended) {
      if (!session.ended) {
        accounts.endSession(hash, ended)
        // A time-out is the server's doing, seen here once: the trail says when the session ended and why.
        auditRequest(c, { actor: session.user.username, action: `session-${ended}`, entity: 'session', entityId: String(session.user.id), result: 'success' })
      }
      if (!isSignInOrOut(c.req.path)) {
        clearSessionCookie(c)
        throw new DomainError('unauthorized', sessionEndMessage(ended, policy), {
          code: `session_${ended}`,
          details: ended === 'idle' ? { idleMinutes: policy.idleMinutes } : undefined,
        })
      }
    } else {
      if (isActivityWorthRecording(session.lastSeenAt, at, policy)) accounts.touchSession(hash, at.toISOString())
      const mustChange = session.mustChangePassword || isPasswordExpired(session.passwordChangedAt, at, c.get('passwordPolicy'))
      const mustEnrol = mustHaveSecondFactor(c.get('mfaPolicy'), session.user.role) && !c.get('store').secondFactors.totp(session.user.id)?.enabled
      user = { ...session.user, ...(mustChange ? { passwordChangeDue: true } : {}), ...(mustEnrol ? { totpEnrolmentDue: true } : {}) }
    }
  }
  c.set('user', user ?? renderCredentialUser(c, at))
  await next()
}

function isSignInOrOut(path: string): boolean {
  return /^\/api\/auth\/log(in|out)\/?$/.test(path)
}

/** Writes a signed-in user may send while their password must be changed: the change, and signing in or out. */
function isPasswordChangePath(path: string): boolean {
  return /^\/api\/auth\/(password|login|logout)\/?$/.test(path)
}

/**
 * Until a password set by an admin (or generated, or expired) is changed, every write but the change itself
 * answers 403 password_change_required; until an account ATLAS_MFA requires a second factor of has one, every
 * write but its enrolment answers 403 totp_enrolment_required: the one place every write route passes.
 */
export const accountDutiesFirst: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get('user')
  if (user && !READ_METHODS.has(c.req.method)) {
    if (user.passwordChangeDue && !isPasswordChangePath(c.req.path)) {
      throw new DomainError('forbidden', `请先修改密码 (the password of ${user.username} must be changed before anything else: POST /api/auth/password)`, {
        code: 'password_change_required',
      })
    }
    if (user.totpEnrolmentDue && !isPasswordChangePath(c.req.path) && !/^\/api\/auth\/totp\//.test(c.req.path)) {
      throw new DomainError('forbidden', `请先在“我的账户”页设置两步验证 (${user.username} must set up two-step verification before anything else, ATLAS_MFA: POST /api/auth/totp/setup)`, {
        code: 'totp_enrolment_required',
      })
    }
  }
  await next()
}

/**
 * The user an export job's render credential (`Authorization: Bearer`, server/auth/render-tokens.ts)
 * stands for, looked up afresh (a disabled user's job reads nothing more) and marked read-only; null
 * when the request carries no live render credential.
 */
function renderCredentialUser(c: Context<AppEnv>, at: Date): SessionUser | null {
  const bearer = bearerTokenOf(c)
  const holder = bearer === null ? null : c.get('renderTokens').holderOf(bearer, at)
  if (!holder) return null
  const record = c.get('store').accounts.userByName(holder.username)
  if (!record || record.disabled || record.id !== holder.userId) return null
  return { id: record.id, username: record.username, role: record.role, areaScope: record.areaScope, readOnly: true }
}

/** Paths anyone may reach on a private atlas: health, and signing in. Exact, so /x/health is not open. */
function isOpenPath(path: string): boolean {
  return /^\/api\/health\/?$/.test(path) || path.startsWith('/api/auth/')
}


/** A screen token sent as `Authorization: Bearer <token>` or `?token=<token>`; null when none is sent. */
export function screenTokenOf(c: Context): string | null {
  return bearerTokenOf(c) ?? c.req.query('token') ?? null
}

function bearerTokenOf(c: Context): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? null
}

/**
 * Reads need a session too when the atlas is configured private (ATLAS_REQUIRE_LOGIN=1), or a live
 * screen token (an unattended display). A token only ever reads: with one, a write is refused even where
 * anonymous callers may send it, and an unknown or revoked token is refused outright, so that revoking
 * a token stops its display. A screen token sees what an anonymous viewer sees (sensitive units redacted).
 * An export's render credential reads as its user and is refused every other method, on every path.
 */
export function requireLoginForReads(required: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user')
    if (user?.readOnly && !READ_METHODS.has(c.req.method)) {
      throw new DomainError('forbidden', `导出渲染凭据只能查看 (a render credential for ${user.username} can only read)`)
    }
    const open = isOpenPath(c.req.path)
    const token = open || user ? null : screenTokenOf(c)
    if (token !== null) {
      const live = token.length <= 256 ? c.get('store').screenTokens.byHash(tokenHash(token)) : null
      if (!live) return jsonError(c, 401, 'bad_token', '大屏令牌无效或已撤销 (the token is unknown, expired or has been revoked)')
      if (!READ_METHODS.has(c.req.method)) {
        throw new DomainError('forbidden', `大屏令牌 “${live.label}” 只能查看 (a screen token can only read; sign in to change data)`)
      }
      return next()
    }
    if (required && !open && !user) throw new DomainError('unauthorized', '需要登录 (this atlas requires sign-in: POST /api/auth/login)')
    await next()
  }
}

/**
 * A write guard: 401 for anonymous callers, 403 for viewers and for editors outside their area.
 * `areaOf` names the area the request writes to (null: none); it may read the validated request.
 */
export function requireWriter(areaOf: (c: Context<AppEnv>) => string | null = () => null): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const refusal = writeRefusalResponse(c, areaOf(c))
    if (refusal) return refusal
    await next()
  }
}

/** For handlers that learn the area only after reading the request: the 401/403 answer, or null to go on. */
export function writeRefusalResponse(c: Context<AppEnv>, areaCode: string | null): ReturnType<typeof refusalResponse> {
  return refusalResponse(c, writeRefusal(c.get('user'), areaCode, c.get('store').snapshot().areasByCode))
}

/**
 * The 401/403 answer for a write to a unit (its ledger and located areas, before and after), or null to go on;
 * `kind` 'visit' for a 督导 visit or its photos, which inspectors may write too.
 */
export function unitWriteRefusalResponse(c: Context<AppEnv>, write: UnitWrite, kind: WriteKind = 'ledger'): ReturnType<typeof refusalResponse> {
  return refusalResponse(c, unitWriteRefusal(c.get('user'), write, c.get('store').snapshot().areasByCode, kind))
}

function refusalResponse(c: Context<AppEnv>, refusal: WriteRefusal | null) {
  return refusal ? domainErrorAnswer(c, new DomainError(refusal.kind, refusal.message)) : null
}

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get('user')
  if (!user || user.readOnly) throw new DomainError('unauthorized', '需要登录 (sign in as an admin)')
  if (user.role !== 'admin') throw new DomainError('forbidden', `用户 ${user.username} 不是管理员 (admin only)`)
  await next()
}

/** Routes of one 三员分立 duty (server/auth/duties.ts): the audit trail, accounts, roles, backups. */
export function requireDuty(...duties: Duty[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const refusals = duties.map((duty) => dutyRefusal(c.get('user'), duty, c.get('separationOfDuties')))
    const refusal = refusals.find((r) => r?.kind === 'unauthorized') ?? (refusals.every((r) => r !== null) ? refusals[0] : null)
    if (refusal) throw new DomainError(refusal.kind, refusal.message)
    await next()
  }
}

/** Secure when the client reached us over HTTPS, directly or through a trusted proxy that says so. */
function isHttps(c: Context<AppEnv>): boolean {
  return isHttpsRequest(c, c.get('trustedProxies'))
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
}

/**
 * Marks an answer that differs by caller (sensitive units are redacted for callers not signed in): no
 * shared cache may keep it, and a browser's copy is revalidated, so one user's answer never reaches another.
 */
export function answerDiffersByCaller(c: Context): void {
  c.header('Cache-Control', 'private, no-cache')
  c.header('Vary', 'Cookie, Authorization')
}
