// GET /api/audit (newest first, paged) and GET /api/audit/export (CSV) of the audit trail, both filtered by user,
// type, object and dates; readable by whoever holds the audit duty (server/auth/duties.ts). Exporting the trail is audited too.
import { Hono } from 'hono'
import { z } from 'zod'
import { auditFilterOf } from '../audit/audit-filter'
import type { AuditEntry } from '../db/store'
import { DomainError } from '../domain-error'
import { auditRequest } from '../http/audit-event'
import type { AppEnv } from '../http/env'
import { requireDuty } from '../http/session'
import { validated } from '../http/validate'
import { csvCell } from '../ledger/unit-export'

const dayParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD, e.g. 2026-11-23')
  .refine((day) => new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'expected a date that exists, e.g. 2026-11-23')

const fieldParam = z.string().trim().min(1).max(80)

const auditFilterQuery = z
  .object({
    actor: fieldParam.optional(), // the user
    action: fieldParam.optional(), // the type
    entity: fieldParam.optional(), // the object's kind …
    entityId: fieldParam.optional(), // … and which one
    from: dayParam.optional(),
    to: dayParam.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'expected from on or before to', path: ['to'] })

const auditListQuery = auditFilterQuery.and(
  z.object({
    limit: z.coerce.number().int().min(1).max(10_000).default(200),
    before: z.coerce.number().int().positive().optional(), // an entry id: page backwards from it
  }),
)

/** An export of more is refused: it is built in memory; narrow the dates and export in parts. */
export const AUDIT_EXPORT_MAX_ROWS = 200_000

export const auditRoutes = new Hono<AppEnv>()
  .use(requireDuty('audit'))
  .get('/', validated('query', auditListQuery), (c) => {
    const { limit, before, ...query } = c.req.valid('query')
    return c.json({ entries: c.var.store.audit.list({ ...auditFilterOf(query), limit, before }) }, 200)
  })
  .get('/export', validated('query', auditFilterQuery), (c) => {
    const query = c.req.valid('query')
    const entries: AuditEntry[] = []
    for (const entry of c.var.store.audit.each(auditFilterOf(query))) {
      if (entries.length === AUDIT_EXPORT_MAX_ROWS) {
        throw new DomainError('too_large', `the filters select more than ${AUDIT_EXPORT_MAX_ROWS} records; narrow from/to and export in parts`)
      }
      entries.push(entry)
    }
    auditRequest(c, { action: 'export', entity: 'audit_log', result: 'success', detail: { records: entries.length, query: new URL(c.req.url).search } })
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', 'attachment; filename="atlas-audit.csv"')
    return c.body(`\uFEFF${auditCsv(entries)}`)
  })

/**
 * Oldest first, with a BOM (above) so Excel reads UTF-8; cells as the ledger export writes them (csvCell), so
 * a username tried at sign-in such as "=HYPERLINK(…)" stays text when an auditor opens the file.
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const header = ['id', 'at', 'actor', 'action', 'entity', 'entityId', 'result', 'address', 'before', 'after', 'hash']
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value))
  const rows = entries.map((e) => [e.id, e.at, e.actor, e.action, e.entity, e.entityId, e.result, e.address, json(e.before), json(e.after), e.hash].map(csvCell).join(','))
  return [header.join(','), ...rows].join('\r\n') + '\r\n'
}
