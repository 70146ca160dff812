// The audit page's filters as the store takes them: days (UTC, like every date of the atlas) become the
// instants that bound them. Pure.
import type { AuditFilter } from '../db/store'

export interface AuditQuery {
  actor?: string
  action?: string
  entity?: string
  entityId?: string
  from?: string // YYYY-MM-DD, inclusive
  to?: string // YYYY-MM-DD, inclusive
}

export function auditFilterOf({ from, to, ...fields }: AuditQuery): AuditFilter {
  return {
    ...fields,
    ...(from === undefined ? {} : { since: `${from}T00:00:00.000Z` }),
    ...(to === undefined ? {} : { until: new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString() }),
  }
}
