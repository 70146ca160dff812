import { Hono } from 'hono'
import { z } from 'zod'
import type { AuditEntry } from '../db/store'
import type { AppEnv } from '../http/env'
import { requireAdmin } from '../http/session'
import { validated } from '../http/validate'

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
  before: z.coerce.number().int().positive().optional(), // an entry id: page backwards from it
  entity: z.string().trim().min(1).max(40).optional(),
  format: z.enum(['json', 'csv']).default('json'),
})

export const auditRoutes = new Hono<AppEnv>().use(requireAdmin).get('/', validated('query', auditQuery), (c) => {
  const { format, ...query } = c.req.valid('query')
  const entries = c.var.store.audit.list(query)
  if (format === 'json') return c.json({ entries }, 200)
  c.header('Content-Type', 'text/csv; charset=utf-8')
  c.header('Content-Disposition', 'attachment; filename="atlas-audit.csv"')
  return c.body(`\uFEFF${auditCsv(entries)}`)
})

/** With a BOM (above) and quoted cells, so Excel opens the Chinese text correctly. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const header = ['id', 'at', 'actor', 'action', 'entity', 'entityId', 'before', 'after']
  const cell = (value: unknown) => `"${String(value ?? '').replaceAll('"', '""')}"`
  const rows = entries.map((e) =>
    [e.id, e.at, e.actor, e.action, e.entity, e.entityId, e.before === null ? '' : JSON.stringify(e.before), e.after === null ? '' : JSON.stringify(e.after)]
      .map(cell)
      .join(','),
  )
  return [header.join(','), ...rows].join('\r\n') + '\r\n'
}
