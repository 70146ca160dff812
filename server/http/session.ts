// Who is asking: the session cookie resolved to a user once per request, and the guards built on it.
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { writeRefusal } from '../auth/roles'
import { tokenHash } from '../auth/tokens'
import type { AppEnv } from './env'
import { jsonError } from './errors'

export const SESSION_COOKIE = 'atlas_session'
export const SESSION_HOURS = 12

export const resolveSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE)
  c.set('user', token ? c.var.store.accounts.sessionUser(tokenHash(token), c.var.now().toISOString()) : null)
  await next()
}

/** Reads need a session too when the atlas is configured private (ATLAS_REQUIRE_LOGIN=1). */
export function requireLoginForReads(required: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const open = c.req.path.endsWith('/health') || c.req.path.includes('/auth/')
    if (required && !open && !c.var.user) return jsonError(c, 401, 'unauthorized', '需要登录 (this atlas requires sign-in: POST /api/auth/login)')
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
export function writeRefusalResponse(c: Context<AppEnv>, areaCode: string | null): ReturnType<typeof jsonError> | null {
  const refusal = writeRefusal(c.var.user, areaCode, c.var.store.snapshot().areasByCode)
  return refusal ? jsonError(c, refusal.status, refusal.status === 401 ? 'unauthorized' : 'forbidden', refusal.message) : null
}

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.var.user
  if (!user) return jsonError(c, 401, 'unauthorized', '需要登录 (sign in as an admin)')
  if (user.role !== 'admin') return jsonError(c, 403, 'forbidden', `用户 ${user.username} 不是管理员 (admin only)`)
  await next()
}

/** Secure when the client reached us over HTTPS, directly or through a proxy that says so. */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
}

export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
}
