// GET /api/units: the units a query selects, as GeoJSON points (and as columns), as the caller's audience may
// see them: units withheld from it (sensitive categories, callers not signed in) come redacted — geometry
// null, a generic name, area cut to township. See redactSensitiveUnits.
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { checkQueryTargets, redactSensitiveUnits, selectUnits, unitFeatures } from '../geo/unit-query'
import type { AppEnv } from '../http/env'
import { areaCodeParam, honourLevelParam, schemeParam, statusListParam, yearParam } from '../http/params'
import { unitColumnsOf, type UnitCollection, type UnitColumns } from '../shared/unit-columns'
import { answerDiffersByCaller } from '../http/session'
import { cachedJson, cachedJsonAnswer } from '../http/snapshot-answers'
import { validated } from '../http/validate'
import { keptAcrossWrites } from '../kept-across-writes'
import { withholds } from '../shared/audience'

export const unitsQuery = z.object({
  area: areaCodeParam.optional(),
  category: z.string().trim().min(1, 'expected a category name such as 学校').max(40).optional(),
  level: honourLevelParam.optional(),
  minLevel: honourLevelParam.optional(),
  status: statusListParam.optional(),
  year: yearParam.optional(),
  scheme: schemeParam.optional(),
})

/** Refuses an area or scheme the store does not have (not_found, invalid). */
export function checkUnitsQuery(c: Context<AppEnv>, query: z.infer<typeof unitsQuery>): void {
  checkQueryTargets(c.get('store').snapshot(), query)
}

/**
 * The units `query` selects as this caller's audience may see them, kept per snapshot with the answer built
 * from them; the answer for an area is kept across unit writes that touched nothing in it (the same bytes
 * and ETag, so a polling client's revalidation still gets its 304).
 */
function cachedUnits<T>(c: Context<AppEnv>, query: z.infer<typeof unitsQuery>, shape: string, build: (units: UnitCollection) => T) {
  const snapshot = c.var.store.snapshot()
  const { audience } = c.var
  answerDiffersByCaller(c)
  const key = `units:${shape}:${audience.cacheKey}:${JSON.stringify(query)}`
  return keptAcrossWrites(
    c.var.store,
    snapshot,
    'units answer',
    key,
    () => cachedJson(snapshot, key, () => build(redactSensitiveUnits(unitFeatures(snapshot, selectUnits(snapshot, query)), audience))),
    (kept, { areas }) => (query.area !== undefined && !areas.has(query.area) ? kept : null),
    { sizeOf: (answer) => answer.body.byteLength },
  )
}

export const unitRoutes = new Hono<AppEnv>()
  .get('/', validated('query', unitsQuery), (c) => {
    const query = c.req.valid('query')
    checkUnitsQuery(c, query)
    return cachedJsonAnswer<UnitCollection>(c, cachedUnits(c, query, 'geojson', (units) => units))
  })
  // The same units as columns (server/geo/unit-columns.ts): what the dashboard loads, ~6× smaller.
  .get('/columns', validated('query', unitsQuery), (c) => {
    const query = c.req.valid('query')
    checkUnitsQuery(c, query)
    return cachedJsonAnswer<UnitColumns>(c, cachedUnits(c, query, 'columns', unitColumnsOf))
  })
  .get('/issues', (c) => {
    answerDiffersByCaller(c)
    const snapshot = c.get('store').snapshot()
    // An issue's message names the unit and its coordinates' area: leave out those of withheld units.
    const hidden = new Set(snapshot.units.filter((u) => withholds(c.get('audience'), u.category)).map((u) => u.id))
    return c.json({ issues: snapshot.joinIssues.filter((i) => !hidden.has(i.unitId)) }, 200)
  })
