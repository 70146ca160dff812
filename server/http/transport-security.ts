// HTTPS at the edge of the app: Strict-Transport-Security on every answer that went out over HTTPS (the
// server's own TLS, or a trusted proxy's), and where the plain-HTTP redirect port sends a request.
import type { MiddlewareHandler } from 'hono'
import { isHttpsRequest } from './forwarded'

/**
 * Sends HSTS only over HTTPS: browsers ignore it on plain HTTP (RFC 6797 §8.1), and sending it there would
 * tell a reader of a plain-HTTP answer nothing true. maxAgeSeconds 0 withdraws an earlier policy.
 */
export function strictTransportSecurity(maxAgeSeconds: number, trusted: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (isHttpsRequest(c, trusted)) c.header('Strict-Transport-Security', `max-age=${maxAgeSeconds}`)
  }
}

/**
 * The https URL a plain-HTTP request is sent on to: the same host name and path, on `httpsPort` (left out
 * when it is 443). A request without a usable Host header goes to `fallbackHost`.
 */
export function httpsLocation(hostHeader: string | undefined, path: string, httpsPort: number, fallbackHost = 'localhost'): string {
  let hostname = fallbackHost
  try {
    if (hostHeader) hostname = new URL(`http://${hostHeader}`).hostname
  } catch {
    hostname = fallbackHost
  }
  const port = httpsPort === 443 ? '' : `:${httpsPort}`
  const target = path.startsWith('/') ? path : `/${path}`
  return `https://${hostname}${port}${target}`
}
