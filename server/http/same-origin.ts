// CSRF defence for state-changing requests (anything but GET, HEAD, OPTIONS). A write that carries the
// session cookie must come from the atlas's own pages: an Origin equal to the atlas's own origin (scheme,
// host and port; server/http/forwarded.ts) or one of ATLAS_ALLOWED_ORIGINS, or Sec-Fetch-Site:
// same-origin, which browsers set themselves. A write without the cookie (signing in, the CLI, bearer
// tokens, curl) carries no ambient browser authority and may omit Origin; one that names another
// origin, or that a browser marks cross-site, is still refused (no signing a victim into another account).
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { jsonError } from './errors'
import { ownOriginOf } from './forwarded'
import { SESSION_COOKIE } from './session'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export interface SameOriginOptions {
  allowedOrigins?: readonly string[] // []: other origins allowed to send writes (ATLAS_ALLOWED_ORIGINS)
  trustedProxies?: ReadonlySet<string> // none: peers whose X-Forwarded-Proto and -Host are believed (ATLAS_TRUSTED_PROXIES)
}

export function sameOriginWrites({ allowedOrigins = [], trustedProxies = new Set() }: SameOriginOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const origin = c.req.header('origin')
    const fetchSite = c.req.header('sec-fetch-site')
    const own = ownOriginOf(c, trustedProxies)
    const fromOwnPages = fetchSite === 'same-origin' || (origin !== undefined && (origin === own || allowedOrigins.includes(origin)))
    const withoutBrowser = origin === undefined && fetchSite !== 'cross-site' && getCookie(c, SESSION_COOKIE) === undefined
    if (!fromOwnPages && !withoutBrowser) {
      const expected = [own, ...allowedOrigins].join(' or ')
      return jsonError(c, 403, 'cross_origin', `Origin ${origin ?? '(none)'} may not change data on this atlas (expected ${expected})`)
    }
    await next()
  }
}
