import { Hono } from 'hono'
import { z } from 'zod'
import { coverageByArea, UnknownSchemeError, type CoverageReport } from '../geo/coverage'
import { DEFAULT_SENSITIVE_CATEGORIES, redactedName } from '../geo/unit-query'
import { jsonError } from '../http/errors'
import { answerDiffersByCaller } from '../http/session'
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

export interface CoverageRouteOptions {
  sensitiveCategories?: readonly string[] // ['宗教活动场所']: their expiring units' names are withheld from callers not signed in
}

/** The report with the names of expiring units of `sensitive` categories replaced by the generic name. Pure. */
export function redactExpiringNames(report: CoverageReport, sensitive: ReadonlySet<string>): CoverageReport {
  return {
    ...report,
    areas: report.areas.map((area) =>
      area.expiring.some((e) => sensitive.has(e.category))
        ? { ...area, expiring: area.expiring.map((e) => (sensitive.has(e.category) ? { ...e, name: redactedName(e.category) } : e)) }
        : area,
    ),
  }
}

export function coverageRoutes({ sensitiveCategories = DEFAULT_SENSITIVE_CATEGORIES }: CoverageRouteOptions = {}) {
  const sensitive: ReadonlySet<string> = new Set(sensitiveCategories)
  return new Hono<AppEnv>().get('/', validated('query', coverageQuery), (c) => {
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
    const full = c.var.user !== null
    answerDiffersByCaller(c) // the names of expiring sensitive units
    const answer = cachedJson(snapshot, `coverage:${full ? 'full' : 'public'}:${JSON.stringify(coverageQuery)}`, () => {
      const report = coverageByArea(snapshot, coverageQuery)
      return full ? report : redactExpiringNames(report, sensitive)
    })
    return cachedJsonAnswer<CoverageReport>(c, answer)
  } catch (error) {
    if (error instanceof UnknownSchemeError) return jsonError(c, 400, 'bad_request', `scheme: ${error.message}`)
    throw error
  }
  })
}
