// GET /api/units/export?format=csv|xlsx|geojson&…: the units the /api/units filter selects, as a file to
// download, as the caller's audience may see them (server/ledger/unit-export.ts says what that leaves).
import { Hono } from 'hono'
import { z } from 'zod'
import { auditRequest } from '../http/audit-event'
import type { AppEnv } from '../http/env'
import { costlyWork } from '../http/work-limits'
import { answerDiffersByCaller } from '../http/session'
import { validated } from '../http/validate'
import { EXPORT_FILE_TYPES, ledgerFile, ledgerFileName, ledgerRowsOf, UNIT_EXPORT_FORMATS } from '../ledger/unit-export'
import { unitsQuery } from './units'

const unitExportQuery = unitsQuery.extend({
  format: z.enum(UNIT_EXPORT_FORMATS, { error: `expected one of ${UNIT_EXPORT_FORMATS.join(', ')}` }).default('csv'),
})

export const unitExportRoutes = new Hono<AppEnv>().get('/export', validated('query', unitExportQuery), costlyWork('unitExport'), async (c) => {
  const { format, ...query } = c.req.valid('query')
  const rows = ledgerRowsOf(c.var.store.snapshot(), query, c.var.audience, c.var.store.units.externalIds())
  const bytes = await ledgerFile(rows, format)
  answerDiffersByCaller(c)
  auditRequest(c, { action: 'export', entity: 'units', result: 'success', detail: { format, units: rows.length, query: new URL(c.req.url).search } })
  return c.body(bytes, 200, {
    'Content-Type': EXPORT_FILE_TYPES[format].contentType,
    'Content-Disposition': `attachment; filename="${ledgerFileName(query.area, c.var.today, format)}"`,
    'X-Atlas-Units': String(rows.length),
  })
})
