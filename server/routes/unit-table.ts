// GET /api/units/table?q=&area=&category=&level=&status=&sort=&order=&offset=&limit= → { total, rows }: the
// units table of /data, selected with the same filters as /api/units and redacted by the same audience policy,
// so a search cannot find what the caller may not see (it searches the redacted rows).
import { Hono } from 'hono'
import { z } from 'zod'
import { selectionFilter } from '../geo/unit-query'
import type { AppEnv } from '../http/env'
import { answerDiffersByCaller } from '../http/session'
import { validated } from '../http/validate'
import { unitTableFor } from '../ledger/kept-unit-tables'
import { TABLE_SORT_KEYS } from '../ledger/unit-table'
import { checkUnitsQuery, unitsQuery } from './units'

export const TABLE_PAGE_MAX = 500

const tableQuery = unitsQuery.extend({
  q: z.string().max(100, 'expected at most 100 characters').optional(),
  sort: z.enum(TABLE_SORT_KEYS, { error: `expected one of ${TABLE_SORT_KEYS.join(', ')}` }).default('id'),
  order: z.enum(['asc', 'desc'], { error: 'expected asc or desc' }).default('asc'),
  offset: z.coerce.number().int('expected a whole number').min(0, 'expected 0 or more').default(0),
  limit: z.coerce.number().int('expected a whole number').min(1, 'expected 1 or more').max(TABLE_PAGE_MAX, `expected at most ${TABLE_PAGE_MAX}`).default(100),
})

export const unitTableRoutes = new Hono<AppEnv>().get('/table', validated('query', tableQuery), (c) => {
  const { q, sort, order, offset, limit, ...filters } = c.req.valid('query')
  checkUnitsQuery(c, filters)
  answerDiffersByCaller(c)
  const snapshot = c.var.store.snapshot()
  const table = unitTableFor(c.var.store, snapshot, c.var.audience, filters.year)
  const { year: _year, ...narrowing } = filters
  const passes = Object.keys(narrowing).length === 0 ? null : selectionFilter(snapshot, narrowing)
  return c.json(table.page({ q, sort, order, offset, limit }, passes ? (row) => passes(row.id, row.category, row) : undefined), 200)
})
