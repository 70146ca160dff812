import { Hono } from 'hono'
import { z } from 'zod'
import { coverageByArea, UnknownSchemeError, type CoverageReport } from '../geo/coverage'
import { jsonError } from '../http/errors'
import type { AppEnv } from '../http/env'
import { areaCodeParam, areaLevelParam, honourLevelParam, schemeParam, statusListParam, yearParam } from '../http/params'
import { cachedJson, cachedJsonAnswer } from '../http/snapshot-answers'
import { validated } from '../http/validate'

const coverageQuery = z.object({
  level: areaLevelParam.default('county'),
  parent: areaCodeParam.optional(),
  scheme: schemeParam.optional(),
  minLevel: honourLevelParam.default('县级'),
  status: statusListParam.optional(),
  year: yearParam.optional(),
})

export const coverageRoutes = new Hono<AppEnv>().get('/', validated('query', coverageQuery), (c) => {
  const query = c.req.valid('query')
  const snapshot = c.var.store.snapshot()
  if (query.parent !== undefined && !snapshot.areasByCode.has(query.parent)) {
    return jsonError(c, 404, 'not_found', `parent: area ${query.parent} does not exist in the store`)
  }
  try {
    const coverageQuery = {
      level: query.level,
      parent: query.parent,
      schemeId: query.scheme,
      minLevel: query.minLevel,
      statuses: query.status,
      year: query.year,
      today: c.var.today,
    }
    // The same report for the same query on the same snapshot: computed once (server/http/snapshot-answers.ts).
    const answer = cachedJson(snapshot, `coverage:${JSON.stringify(coverageQuery)}`, () => coverageByArea(snapshot, coverageQuery))
    return cachedJsonAnswer<CoverageReport>(c, answer)
  } catch (error) {
    if (error instanceof UnknownSchemeError) return jsonError(c, 400, 'bad_request', `scheme: ${error.message}`)
    throw error
  }
})
