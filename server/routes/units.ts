// GET /api/units: the units a query selects, as GeoJSON points. Units of sensitive categories
// (宗教活动场所 by default, ATLAS_SENSITIVE_CATEGORIES) keep their exact location, name, address and
// notes for signed-in users; everyone else (anonymous viewers, screen tokens, public screens) gets them
// redacted: geometry null, a generic name, area cut to township. See redactSensitiveUnits.
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { DEFAULT_SENSITIVE_CATEGORIES, redactSensitiveUnits, selectUnits, unitFeatures, type UnitCollection } from '../geo/unit-query'
import { jsonError } from '../http/errors'
import type { AppEnv } from '../http/env'
import { areaCodeParam, honourLevelParam, schemeParam, statusListParam, yearParam } from '../http/params'
import { unitColumnsOf, type UnitColumns } from '../geo/unit-columns'
import { answerDiffersByCaller } from '../http/session'
import { cachedJson, cachedJsonAnswer } from '../http/snapshot-answers'
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

export interface UnitRouteOptions {
  sensitiveCategories?: readonly string[] // ['宗教活动场所']: shown redacted to callers who are not signed in
}

/** A 404 or 400 for an area or scheme the store does not have; null when the query names only known ones. */
function queryProblem(c: Context<AppEnv>, query: z.infer<typeof unitsQuery>) {
  const snapshot = c.var.store.snapshot()
  if (query.area !== undefined && !snapshot.areasByCode.has(query.area)) {
    return jsonError(c, 404, 'not_found', `area: ${query.area} does not exist in the store`)
  }
  if (query.scheme !== undefined && !snapshot.schemes.some((s) => s.id === query.scheme)) {
    const known = snapshot.schemes.map((s) => s.id).join(', ')
    return jsonError(c, 400, 'bad_request', `scheme: "${query.scheme}" does not exist (expected one of: ${known})`)
  }
  return null
}

export function unitRoutes({ sensitiveCategories = DEFAULT_SENSITIVE_CATEGORIES }: UnitRouteOptions = {}) {
  const sensitive: ReadonlySet<string> = new Set(sensitiveCategories)
  /** The units `query` selects as this caller may see them, kept per snapshot with the answer built from them. */
  function cachedUnits<T>(c: Context<AppEnv>, query: z.infer<typeof unitsQuery>, shape: string, build: (units: UnitCollection) => T) {
    const snapshot = c.var.store.snapshot()
    answerDiffersByCaller(c)
    const full = c.var.user !== null
    return cachedJson(snapshot, `units:${shape}:${full ? 'full' : 'public'}:${JSON.stringify(query)}`, () => {
      const features = unitFeatures(snapshot, selectUnits(snapshot, query))
      return build(full ? features : redactSensitiveUnits(features, sensitive))
    })
  }
  return new Hono<AppEnv>()
    .get('/', validated('query', unitsQuery), (c) => {
      const query = c.req.valid('query')
      const problem = queryProblem(c, query)
      if (problem) return problem
      return cachedJsonAnswer<UnitCollection>(c, cachedUnits(c, query, 'geojson', (units) => units))
    })
    // The same units as columns (server/geo/unit-columns.ts): what the dashboard loads, ~6× smaller.
    .get('/columns', validated('query', unitsQuery), (c) => {
      const query = c.req.valid('query')
      const problem = queryProblem(c, query)
      if (problem) return problem
      return cachedJsonAnswer<UnitColumns>(c, cachedUnits(c, query, 'columns', unitColumnsOf))
    })
    .get('/issues', (c) => {
      answerDiffersByCaller(c)
      const snapshot = c.var.store.snapshot()
      const issues = snapshot.joinIssues
      if (c.var.user || sensitive.size === 0) return c.json({ issues }, 200)
      // An issue's message names the unit and its coordinates' area: leave out those of sensitive units.
      const hidden = new Set(snapshot.units.filter((u) => sensitive.has(u.category)).map((u) => u.id))
      return c.json({ issues: issues.filter((i) => !hidden.has(i.unitId)) }, 200)
    })
}
