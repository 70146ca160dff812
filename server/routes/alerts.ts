// GET /api/alerts: the 提醒 of an area and every area within it as of a day (server/alerts/alerts.ts), as the
// caller's audience may see them (server/alerts/alert-audience.ts). Open to readers as /api/coverage is.
// perKind lists only the most urgent of each kind (a prefecture of 100 000 units can have 75 000 overdue
// visits, tens of MB as JSON); the counts always count them all.
import { Hono } from 'hono'
import { z } from 'zod'
import { alertsOf, DEFAULT_ALERT_MONTHS, withAlertsPerKind } from '../alerts/alerts'
import { alertsForAudience, type AlertsAnswer } from '../alerts/alert-audience'
import { DomainError } from '../domain-error'
import type { AppEnv } from '../http/env'
import { areaCodeParam, calendarDateParam } from '../http/params'
import { answerDiffersByCaller } from '../http/session'
import { cachedJson, cachedJsonAnswer } from '../http/snapshot-answers'
import { validated } from '../http/validate'

/** The longest look ahead for namings due: two terms of 5 years. */
export const MAX_ALERT_MONTHS = 120

/** A whole number from 1 to `max`; anything else is refused with what was expected. */
function countParam(what: string, max: number, example: number) {
  const expected = `expected a whole number of ${what} from 1 to ${max}, e.g. ${example}`
  return z.coerce.number({ error: expected }).int(expected).min(1, expected).max(max, expected)
}

const alertsQuery = z.object({
  area: z.string({ error: 'missing (expected the code of an area, e.g. 530626 for 绥江县)' }).pipe(areaCodeParam),
  asOf: calendarDateParam.optional(),
  months: countParam('months', MAX_ALERT_MONTHS, DEFAULT_ALERT_MONTHS).default(DEFAULT_ALERT_MONTHS),
  perKind: countParam('alerts', 10_000, 30).optional(),
})

export const alertRoutes = new Hono<AppEnv>().get('/', validated('query', alertsQuery), (c) => {
  const { area, asOf = c.var.today, months, perKind } = c.req.valid('query')
  const snapshot = c.var.store.snapshot()
  if (!snapshot.areasByCode.has(area)) throw new DomainError('not_found', `area: ${area} does not exist in the store`, { details: { parameter: 'area' } })
  const { audience } = c.var
  answerDiffersByCaller(c) // names and places of withheld units
  const answer = cachedJson(snapshot, `alerts:${audience.cacheKey}:${area}:${asOf}:${months}:${perKind}`, () => {
    const all = alertsForAudience(alertsOf(snapshot, { area, asOf, months }), audience, (code) => snapshot.areasByCode.get(code)?.name ?? null)
    return perKind === undefined ? all : withAlertsPerKind(all, perKind)
  })
  return cachedJsonAnswer<AlertsAnswer>(c, answer)
})
