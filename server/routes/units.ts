import { Hono } from 'hono'
import { z } from 'zod'
import { selectUnits, unitFeatures } from '../geo/unit-query'
import { jsonError } from '../http/errors'
import type { AppEnv } from '../http/env'
import { areaCodeParam, honourLevelParam, schemeParam, statusListParam, yearParam } from '../http/params'
import { validated } from '../http/validate'

const unitsQuery = z.object({
  area: areaCodeParam.optional(),
  category: z.string().trim().min(1, 'expected a category name such as 学校').max(40).optional(),
  level: honourLevelParam.optional(),
  minLevel: honourLevelParam.optional(),
  status: statusListParam.optional(),
  year: yearParam.optional(),
  scheme: schemeParam.optional(),
})

export const unitRoutes = new Hono<AppEnv>()
  .get('/', validated('query', unitsQuery), (c) => {
    const query = c.req.valid('query')
    const snapshot = c.var.store.snapshot()
    if (query.area !== undefined && !snapshot.areasByCode.has(query.area)) {
      return jsonError(c, 404, 'not_found', `area: ${query.area} does not exist in the store`)
    }
    if (query.scheme !== undefined && !snapshot.schemes.some((s) => s.id === query.scheme)) {
      const known = snapshot.schemes.map((s) => s.id).join(', ')
      return jsonError(c, 400, 'bad_request', `scheme: "${query.scheme}" does not exist (expected one of: ${known})`)
    }
    return c.json(unitFeatures(snapshot, selectUnits(snapshot, query)), 200)
  })
  .get('/issues', (c) => c.json({ issues: c.var.store.snapshot().joinIssues }, 200))
