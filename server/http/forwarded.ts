// Who is on the other end of a request, and which origin it was sent to: the socket's peer and the
// request's own URL, or what a trusted reverse proxy (ATLAS_TRUSTED_PROXIES) says in X-Forwarded-For,
// -Proto and -Host. From anyone else those headers are the client's own claims, and are ignored.
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/** The address used for a peer that has none: app.request() without a socket, as in most tests. */
const NO_PEER = 'unknown'

/** IPv4 peers of a dual-stack socket arrive as ::ffff:a.b.c.d; the proxy list names them a.b.c.d. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().toLowerCase()
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(trimmed) ? trimmed.slice(7) : trimmed
}

/**
 * The client's address: the peer, or, when the peer is a trusted proxy, the nearest X-Forwarded-For hop
 * (from the right: each proxy appends the peer it saw) that is not a trusted proxy itself. Hops left of
 * it were written by the client and are never read.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string {
  if (peer === undefined) return NO_PEER
  let address = normalizeAddress(peer)
  const hops = forwardedFor?.split(',') ?? []
  while (trusted.has(address) && hops.length > 0) {
    const hop = normalizeAddress(hops.pop() ?? '')
    if (hop === '') break
    address = hop.slice(0, 64)
  }
  return address
}

/**
 * The origin the client asked for: the request URL's (@hono/node-server builds it from the Host header),
 * or, from a trusted proxy, its X-Forwarded-Proto and X-Forwarded-Host where it sends them.
 */
export function ownOrigin(url: string, forwarded: { proto?: string; host?: string } | null): string {
  const own = new URL(url)
  if (!forwarded) return own.origin
  const proto = lastValue(forwarded.proto)?.toLowerCase() ?? own.protocol.slice(0, -1)
  const host = lastValue(forwarded.host) ?? own.host
  if (proto !== 'http' && proto !== 'https') return own.origin
  try {
    return new URL(`${proto}://${host}`).origin
  } catch {
    return own.origin
  }
}

/** The socket's remote address as @hono/node-server passes it (app.request(path, init, { incoming })). */
export function peerAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined
  if (!env?.incoming && !env?.server?.incoming) return undefined
  return getConnInfo(c).remote.address
}

export function isTrustedPeer(c: Context, trusted: ReadonlySet<string>): boolean {
  if (trusted.size === 0) return false
  const peer = peerAddress(c)
  return peer !== undefined && trusted.has(normalizeAddress(peer))
}

export function clientAddressOf(c: Context, trusted: ReadonlySet<string>): string {
  return clientAddress(peerAddress(c), trusted.size > 0 ? c.req.header('x-forwarded-for') : undefined, trusted)
}

export function ownOriginOf(c: Context, trusted: ReadonlySet<string>): string {
  const forwarded = isTrustedPeer(c, trusted) ? { proto: c.req.header('x-forwarded-proto'), host: c.req.header('x-forwarded-host') } : null
  return ownOrigin(c.req.url, forwarded)
}

/**
 * Whether the client reached the atlas over HTTPS: the server's own TLS socket, or a trusted proxy's
 * X-Forwarded-Proto. From any other peer the header is the client's claim and changes nothing.
 */
export function isHttpsRequest(c: Context, trusted: ReadonlySet<string>): boolean {
  return ownOriginOf(c, trusted).startsWith('https:')
}

/** The value the nearest proxy wrote: the last of a comma-separated list; undefined when empty. */
function lastValue(header: string | undefined): string | undefined {
  const value = header?.split(',').pop()?.trim()
  return value ? value : undefined
}
