// Site planning: POST /api/plan answers a plan (read-only, open to viewers); saving scenarios and
// promoting chosen candidates to 申报 are writes, for editors within the area and admins.
import { DomainError } from '../domain-error'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { HONOUR_LEVELS } from '../shared/domain'
import type { AppEnv } from '../http/env'
import { costlyWork } from '../http/work-limits'
import { errorBody } from '../http/errors'
import { areaCodeParam, honourLevelParam, schemeParam, yearParam } from '../http/params'
import { answerDiffersByCaller, writeRefusalResponse } from '../http/session'
import { move, scopeRefusal, storedUnit } from '../http/unit-writes'
import { validated } from '../http/validate'
import { plainText } from '../text/plain-text'
import { gapAnalysis } from '../plan/gaps'
import { gapReportFor, planReportFor, planRequestFor, scenarioSummaryFor } from '../plan/plan-redaction'
import { unitsToPromote } from '../plan/promote'
import { sitePlan, type SitePlanReport, type SitePlanRequest } from '../plan/site-plan'
import type { FilePoint } from '../plan/point-file'

/** Enough for 200 000 demand points sent inline. */
const MAX_PLAN_BYTES = 32 << 20

const pointsBody = z
  .array(
    z.object({
      id: z.union([z.string().min(1).max(80), z.number()]).optional(),
      lon: z.number().min(73, 'expected a longitude in China, 73–136').max(136, 'expected a longitude in China, 73–136'),
      lat: z.number().min(3, 'expected a latitude in China, 3–54').max(54, 'expected a latitude in China, 3–54'),
      weight: z.number().min(0, 'expected a weight ≥ 0').optional(),
      name: z.string().max(200).optional(),
    }),
  )
  .min(1, 'expected at least one point')
  .max(200_000, 'expected at most 200 000 points')

export const planBody = z.object({
  area: areaCodeParam,
  model: z.enum(['mclp', 'lscp'], { error: 'expected mclp (most coverage with N sites) or lscp (fewest sites covering all)' }).default('mclp'),
  sites: z.number().int('expected a whole number of sites').min(1, 'expected at least 1 site').max(1000, 'expected at most 1000 sites'),
  radiusKm: z.number().positive('expected a radius > 0 km').max(200, 'expected a radius ≤ 200 km').default(5),
  minLevel: z.enum(HONOUR_LEVELS).default('县级'),
  exact: z.enum(['auto', 'never', 'always']).default('auto'),
  demand: pointsBody.optional(),
  candidates: pointsBody.optional(),
  extraCandidates: pointsBody.optional(),
  required: pointsBody.optional(),
})

const scenarioBody = z.object({
  name: plainText(z.string().trim().min(1, 'expected a scenario name').max(120)),
  request: planBody,
})

const promoteBody = z.object({
  unitIds: z.array(z.number().int().positive()).min(1, 'expected at least one unit id').max(1000),
  reason: plainText(z.string().trim().max(500)).default('选址方案推荐申报'),
})

const idParam = z.object({ id: z.coerce.number().int().positive('expected a scenario id') })

const gapsQuery = z.object({
  area: areaCodeParam,
  scheme: schemeParam.optional(),
  minLevel: honourLevelParam.default('县级'),
  year: yearParam.optional(),
  horizonMonths: z.coerce.number().int().min(1).max(120, 'expected at most 120 months').default(12),
})

function filePoints(points: z.infer<typeof pointsBody> | undefined, kind: string): FilePoint[] | undefined {
  return points?.map((p, i) => {
    const id = p.id === undefined ? `${kind}-${i + 1}` : String(p.id)
    return { id, position: [p.lon, p.lat], weight: p.weight ?? 1, name: p.name ?? id }
  })
}

/** The plan `request` asks for, made as the caller's audience may have it (plan-redaction.ts). */
async function planOf(c: { var: AppEnv['Variables'] }, request: z.infer<typeof planBody>) {
  const planned: SitePlanRequest = {
    area: request.area,
    model: request.model,
    sites: request.sites,
    radiusKm: request.radiusKm,
    minLevel: request.minLevel,
    demand: filePoints(request.demand, 'demand'),
    candidates: filePoints(request.candidates, 'candidate'),
    extraCandidates: filePoints(request.extraCandidates, 'point'),
    required: filePoints(request.required, 'required'),
  }
  return sitePlan(c.var.store.snapshot(), planRequestFor(c.var.audience, planned), { exact: request.exact })
}

/**
 * Callers not signed in (anonymous, screen tokens) plan without withheld units and see neither their names
 * nor their places in plans, saved scenarios or gaps; nor the account that saved a scenario.
 */
export const planRoutes = new Hono<AppEnv>()
  .use(bodyLimit({ maxSize: MAX_PLAN_BYTES, onError: (c) => c.json(errorBody('too_large', `a plan request may be at most ${MAX_PLAN_BYTES} bytes`), 413) }))
  .post('/', validated('json', planBody), costlyWork('plan'), async (c) => {
    const report = await planOf(c, c.req.valid('json'))
    return c.json(planReportFor(c.var.audience, report, c.var.store.snapshot()), 200)
  })
  .get('/gaps', validated('query', gapsQuery), (c) => {
    const { area, scheme, minLevel, year, horizonMonths } = c.req.valid('query')
    answerDiffersByCaller(c)
    const report = gapAnalysis(c.var.store.snapshot(), { area, schemeId: scheme, minLevel, year, today: c.var.today, horizonMonths })
    return c.json(gapReportFor(c.var.audience, report), 200)
  })
  .get('/scenarios', (c) => {
    answerDiffersByCaller(c)
    const scenarios = c.var.store.plans.list(c.req.query('area'))
    return c.json({ scenarios: scenarios.map((s) => scenarioSummaryFor(c.var.audience, s)) }, 200)
  })
  .get('/scenarios/:id', validated('param', idParam), (c) => {
    answerDiffersByCaller(c)
    const scenario = c.var.store.plans.get(c.req.valid('param').id)
    if (!scenario) throw new DomainError('not_found', `plan scenario ${c.req.valid('param').id} does not exist`)
    // Saved by POST /scenarios below from sitePlan's answer (planned signed in); the store keeps it as JSON.
    const saved = { ...scenario, request: scenario.request as z.infer<typeof planBody>, result: scenario.result as SitePlanReport }
    return c.json({ ...scenarioSummaryFor(c.var.audience, saved), result: planReportFor(c.var.audience, saved.result, c.var.store.snapshot()) }, 200)
  })
  .post('/scenarios', validated('json', scenarioBody), costlyWork('plan'), async (c) => {
      const { name, request } = c.req.valid('json')
      const refusal = writeRefusalResponse(c, request.area)
      if (refusal) return refusal
      const result = await planOf(c, request)
      const saved = c.var.store.plans.save({ name, areaCode: request.area, request, result, createdBy: c.var.user?.username ?? 'unknown' })
      return c.json(saved, 201)
  })
  .delete('/scenarios/:id', validated('param', idParam), (c) => {
    const scenario = c.var.store.plans.get(c.req.valid('param').id)
    if (!scenario) throw new DomainError('not_found', `plan scenario ${c.req.valid('param').id} does not exist`)
    const refusal = writeRefusalResponse(c, scenario.areaCode)
    if (refusal) return refusal
    const user = c.var.user
    if (user && user.role !== 'admin' && user.username !== scenario.createdBy) {
      throw new DomainError('forbidden', `方案 ${scenario.id} 由 ${scenario.createdBy} 保存，只有保存者或管理员可以删除 (only the user who saved it or an admin may delete it)`)
    }
    c.var.store.plans.remove(scenario.id, c.var.user?.username ?? 'unknown')
    return c.json({ ok: true }, 200)
  })
  .post('/promote', validated('json', promoteBody), (c) => {
    const { unitIds, reason } = c.req.valid('json')
    unitsToPromote(c.var.store.snapshot(), unitIds)
    const units = unitIds.map((id) => storedUnit(c, id))
    const refused = scopeRefusal(c, units)
    if (refused) return refused
    // 申报 is the workflow's step from 培育; a unit already in 申报 stays as it is.
    move(c, units.filter((unit) => unit.status === '培育'), { to: '申报', reason })
    return c.json({ promoted: unitIds.length, status: '申报' }, 200)
  })
