// Who a render in the server's Chromium reads as, and where it reaches this server: shared by the routes that
// render pages (the map export, the 工作简报's map figure), so each renders what its requester may see.
import type { Context } from 'hono'
import type { IncomingMessage } from 'node:http'
import type { RenderCredential } from '../export/queue'
import type { AppEnv } from './env'

/**
 * The requester's read-only credential for the job's run; none for an anonymous requester, and none
 * for a render credential itself (a job cannot start another that outlives it).
 */
export function renderCredentialOf(c: Context<AppEnv>): RenderCredential | undefined {
  const { user, renderTokens, now } = c.var
  if (!user || user.readOnly) return undefined
  return { username: user.username, issue: () => renderTokens.issue(user, now()) }
}

/** This server as Chromium on the same machine reaches it: the socket's local port, not the Host header. */
export function ownOrigin(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  const port = incoming?.socket?.localPort
  return port ? `http://127.0.0.1:${port}` : new URL(c.req.url).origin
}
