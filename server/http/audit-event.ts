// Records an event of a request in the audit trail with its subject and the client's address: the one place a
// route turns "who asked, from where" into an audit record.
import type { Context } from 'hono'
import type { AuditEvent } from '../db/store'
import type { AppEnv } from './env'
import { clientAddressOf } from './forwarded'

/** `actor` defaults to the signed-in user, else 'anonymous'; pass it for a sign-in, where it is the name tried. */
export function auditRequest(c: Context<AppEnv>, event: Omit<AuditEvent, 'actor' | 'address'> & { actor?: string }): void {
  c.var.store.audit.record({
    ...event,
    actor: event.actor ?? c.var.user?.username ?? 'anonymous',
    address: clientAddressOf(c, c.var.trustedProxies),
  })
}
