import { Hono, type Context } from 'hono'
import { DomainError } from '../domain-error'
import { z } from 'zod'
import { coverageByArea, coverageForAudience, coverageSeries, type CoverageQuery, type CoverageReport, type CoverageSeriesPoint } from '../geo/coverage'
import { answerDiffersByCaller } from '../http/session'
import type { AppEnv } from '../http/env'
import { areaCodeParam, areaLevelParam, categoryListParam, honourLevelParam, schemeParam, statusListParam, yearParam } from '../http/params'
import { cachedJson, cachedJsonAnswer } from '../http/snapshot-answers'
import { validated } from '../http/validate'
import { keptAcrossWrites } from '../kept-across-writes'
import type { Snapshot } from '../snapshot'

const coverageQuery = z.object({
  level: areaLevelParam.default('county'),
  parent: areaCodeParam.optional(),
  scheme: schemeParam.optional(),
  minLevel: honourLevelParam.default('县级'),
  status: statusListParam.optional(),
  categories: categoryListParam.optional(),
  year: yearParam.optional(),
})

const MAX_SERIES_YEARS = 40

const seriesQuery = coverageQuery.omit({ year: true }).extend({ from: yearParam, to: yearParam }).refine(
  (q) => q.from <= q.to && q.to - q.from < MAX_SERIES_YEARS,
  { message: `expected from ≤ to, at most ${MAX_SERIES_YEARS} years apart`, path: ['to'] },
)

export const coverageRoutes = new Hono<AppEnv>()
  .get('/', validated('query', coverageQuery), (c) => {
    const query = c.req.valid('query')
    const snapshot = c.get('store').snapshot()
    const refusal = unknownParent(c, query.parent)
    if (refusal) return refusal
    const pureQuery = { ...pureQueryOf(query, c.get('today')), year: query.year }
    // The same report for the same query on the same snapshot: computed once (server/http/snapshot-answers.ts).
    const { audience } = c.var
    answerDiffersByCaller(c) // the names of expiring sensitive units
    const answer = cachedJson(snapshot, `coverage:${audience.cacheKey}:${JSON.stringify(pureQuery)}`, () =>
      coverageForAudience(keptCoverage(c.get('store'), snapshot, pureQuery), audience),
    )
    return cachedJsonAnswer<CoverageReport>(c, answer)
  })
  // Counts only (no unit names): the same for every caller.
  .get('/series', validated('query', seriesQuery), (c) => {
    const query = c.req.valid('query')
    const snapshot = c.get('store').snapshot()
    const refusal = unknownParent(c, query.parent)
    if (refusal) return refusal
    const years = Array.from({ length: query.to - query.from + 1 }, (_, i) => query.from + i)
    const pureQuery = pureQueryOf(query, c.get('today'))
    const answer = cachedJson(snapshot, `coverage-series:${JSON.stringify({ ...pureQuery, years })}`, () => ({ series: coverageSeries(snapshot, pureQuery, years) }))
    return cachedJsonAnswer<{ series: CoverageSeriesPoint[] }>(c, answer)
  })

/** The report for `query`, made again after unit writes only for the areas they touched. */
function keptCoverage(store: object, snapshot: Snapshot, query: CoverageQuery): CoverageReport {
  return keptAcrossWrites(
    store,
    snapshot,
    'coverage report',
    JSON.stringify(query),
    () => coverageByArea(snapshot, query),
    (report, { areas }) => coverageByArea(snapshot, query, { report, untouched: (code) => !areas.has(code) }),
  )
}

function unknownParent(c: Context<AppEnv>, parent: string | undefined) {
  if (parent === undefined || c.get('store').snapshot().areasByCode.has(parent)) return null
  throw new DomainError('not_found', `parent: area ${parent} does not exist in the store`)
}

function pureQueryOf(query: Omit<z.infer<typeof coverageQuery>, 'year'>, today: string): Omit<CoverageQuery, 'year'> {
  return {
    level: query.level,
    parent: query.parent,
    schemeId: query.scheme,
    minLevel: query.minLevel,
    statuses: query.status,
    categories: query.categories,
    today,
  }
}
