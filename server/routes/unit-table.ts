// GET /api/units/table?q=&area=&category=&level=&status=&sort=&order=&offset=&limit= → { total, rows }: the
// units table of /data, selected with the same filters as /api/units and redacted by the same audience policy,
// so a search cannot find what the caller may not see (it searches the redacted rows).
import { Hono } from 'hono'
import { z } from 'zod'
import { redactSensitiveUnits, selectUnits, unitFeatures } from '../geo/unit-query'
import type { AppEnv } from '../http/env'
import { answerDiffersByCaller } from '../http/session'
import { validated } from '../http/validate'
import { TABLE_SORT_KEYS, tableRowsOf, UnitTable } from '../ledger/unit-table'
import type { Snapshot } from '../snapshot'
import { checkUnitsQuery, unitsQuery } from './units'

export const TABLE_PAGE_MAX = 500

const tableQuery = unitsQuery.extend({
  q: z.string().max(100, 'expected at most 100 characters').optional(),
  sort: z.enum(TABLE_SORT_KEYS, { error: `expected one of ${TABLE_SORT_KEYS.join(', ')}` }).default('id'),
  order: z.enum(['asc', 'desc'], { error: 'expected asc or desc' }).default('asc'),
  offset: z.coerce.number().int('expected a whole number').min(0, 'expected 0 or more').default(0),
  limit: z.coerce.number().int('expected a whole number').min(1, 'expected 1 or more').max(TABLE_PAGE_MAX, `expected at most ${TABLE_PAGE_MAX}`).default(100),
})

// Tables per snapshot, by audience and filters; a new snapshot (after a write) starts afresh.
const tablesBySnapshot = new WeakMap<Snapshot, Map<string, UnitTable>>()
const TABLES_PER_SNAPSHOT = 32

function tableFor(snapshot: Snapshot, key: string, build: () => UnitTable): UnitTable {
  let tables = tablesBySnapshot.get(snapshot)
  if (!tables) tablesBySnapshot.set(snapshot, (tables = new Map()))
  let table = tables.get(key)
  if (!table) {
    if (tables.size >= TABLES_PER_SNAPSHOT) tables.delete(tables.keys().next().value as string)
    table = build()
    tables.set(key, table)
  }
  return table
}

export const unitTableRoutes = new Hono<AppEnv>().get('/table', validated('query', tableQuery), (c) => {
  const { q, sort, order, offset, limit, ...filters } = c.req.valid('query')
  checkUnitsQuery(c, filters)
  answerDiffersByCaller(c)
  const snapshot = c.var.store.snapshot()
  const { audience } = c.var
  const table = tableFor(snapshot, `${audience.cacheKey}:${JSON.stringify(filters)}`, () => {
    const units = redactSensitiveUnits(unitFeatures(snapshot, selectUnits(snapshot, filters)), audience)
    return new UnitTable(tableRowsOf(units, (code) => snapshot.areasByCode.get(code)?.name ?? null))
  })
  return c.json(table.page({ q, sort, order, offset, limit }), 200)
})
