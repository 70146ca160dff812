// CSRF defence for state-changing requests: a browser always sends Origin on POST/PUT/PATCH/DELETE,
// so one that names another site is refused. Requests without Origin (curl, the CLI, server-side
// tools) carry no ambient browser cookie risk and pass; SameSite=Lax cookies cover older browsers.
import type { MiddlewareHandler } from 'hono'
import { jsonError } from './errors'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function sameOriginWrites(extraOrigins: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin')
      const fetchSite = c.req.header('sec-fetch-site')
      const own = new URL(c.req.url).origin
      const host = c.req.header('host')
      const allowed = origin === undefined || origin === own || (host !== undefined && originHost(origin) === host) || extraOrigins.includes(origin)
      if (!allowed || fetchSite === 'cross-site') {
        return jsonError(c, 403, 'cross_origin', `Origin ${origin ?? '(none)'} may not change data on this atlas (expected ${own})`)
      }
    }
    await next()
  }
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}
