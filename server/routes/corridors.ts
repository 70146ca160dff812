// Demonstration corridors (示范走廊/示范带): named, ordered lists of units drawn as a line through them.
// Reads are open like /api/units and follow its rule for sensitive categories (宗教活动场所 by default,
// ATLAS_SENSITIVE_CATEGORIES): callers who are not signed in (anonymous viewers, screen tokens) get such a
// stop with a generic name, no position, and left out of the path. Writes need an editor or admin; an
// area-scoped editor may only write a corridor whose every unit, before and after, lies in their scope.
import { writesData } from '../shared/roles'
import { DomainError } from '../domain-error'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { unitPlace } from '../auth/roles'
import type { CorridorRecord } from '../shared/domain'
import { corridorUnitProblems, corridorViews, type Corridor } from '../geo/corridors'
import type { AppEnv } from '../http/env'
import { jsonError } from '../http/errors'
import { areaCodeParam } from '../http/params'
import { answerDiffersByCaller, unitWriteRefusalResponse, writeRefusalResponse } from '../http/session'
import { validated } from '../http/validate'
import { plainText } from '../text/plain-text'

const MAX_STOPS = 200

const corridorsQuery = z.object({ area: areaCodeParam.optional() })

const corridorParam = z.object({ id: z.string().regex(/^\d{1,9}$/, 'expected a corridor id, a whole number such as 3') })

const corridorBody = z.object({
  name: plainText(z.string().trim().min(1, 'expected a corridor name, e.g. 金沙江沿线民族团结示范走廊').max(80, 'expected at most 80 characters')),
  note: plainText(z.string().trim().max(500, 'expected at most 500 characters'), { lineBreaks: true }).default(''),
  unitIds: z
    .array(z.number({ error: 'expected a unit id, a whole number' }).int('expected a unit id, a whole number').positive('expected a unit id ≥ 1'), {
      error: 'expected an array of unit ids in order along the corridor, e.g. [12, 15, 31]',
    })
    .min(2, 'expected at least 2 unit ids: a corridor joins two or more units')
    .max(MAX_STOPS, `expected at most ${MAX_STOPS} unit ids`),
})

/** 401 for anonymous callers and 403 for non-writers before the body is read; scope is checked per unit later. */
const signedInWriter: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.var.user
  if (!user || !writesData(user.role)) {
    const refusal = writeRefusalResponse(c, null)
    if (refusal) return refusal
  }
  await next()
}

/**
 * The 403 for an editor outside the area of any of `unitIds` (by its ledger area or its located area), or
 * null; no units at all needs an unscoped writer, and so does a unit no longer in the store.
 */
function scopeRefusal(c: Context<AppEnv>, unitIds: readonly number[]) {
  const snapshot = c.var.store.snapshot()
  if (unitIds.length === 0) return writeRefusalResponse(c, null)
  const byId = new Map(snapshot.units.map((u) => [u.id, u]))
  for (const id of new Set(unitIds)) {
    const unit = byId.get(id)
    const before = unit ? unitPlace(unit, snapshot.unitAreas) : { ledgerArea: null, locatedArea: null }
    const refusal = unitWriteRefusalResponse(c, { unit: `单位 #${id}${unit ? `“${unit.name}”` : ''}`, before })
    if (refusal) return refusal
  }
  return null
}

/** The 400 naming each unknown or repeated unit id, or null. */
function unitProblem(c: Context<AppEnv>, unitIds: readonly number[]) {
  const problems = corridorUnitProblems(c.var.store.snapshot(), unitIds)
  return problems.length > 0 ? jsonError(c, 400, 'bad_request', problems.join('; ')) : null
}

const notFound = (c: Context, id: number) => jsonError(c, 404, 'not_found', `corridor ${id} does not exist`)

/** The corridors as this caller's audience may see them. */
const viewsFor = (c: Context<AppEnv>, records: readonly CorridorRecord[], area?: string): Corridor[] =>
  corridorViews(c.var.store.snapshot(), records, { area, audience: c.var.audience })
const actorOf = (c: Context<AppEnv>) => c.var.user?.username ?? 'unknown'

export const corridorRoutes = new Hono<AppEnv>()
  .get('/', validated('query', corridorsQuery), (c) => {
    const { area } = c.req.valid('query')
    if (area !== undefined && !c.var.store.snapshot().areasByCode.has(area)) {
      throw new DomainError('not_found', `area: ${area} does not exist in the store`)
    }
    answerDiffersByCaller(c)
    return c.json({ corridors: viewsFor(c, c.var.store.corridors.list(), area) }, 200)
  })
  .get('/:id', validated('param', corridorParam), (c) => {
    const id = Number(c.req.valid('param').id)
    const record = c.var.store.corridors.get(id)
    if (!record) return notFound(c, id)
    answerDiffersByCaller(c)
    return c.json({ corridor: viewsFor(c, [record])[0] }, 200)
  })
  .post('/', signedInWriter, validated('json', corridorBody), (c) => {
    const body = c.req.valid('json')
    const problem = unitProblem(c, body.unitIds) ?? scopeRefusal(c, body.unitIds)
    if (problem) return problem
    const created = c.var.store.corridors.create(body, actorOf(c))
    return c.json({ corridor: viewsFor(c, [created])[0] }, 201)
  })
  .put('/:id', signedInWriter, validated('param', corridorParam), validated('json', corridorBody), (c) => {
    const id = Number(c.req.valid('param').id)
    const body = c.req.valid('json')
    const before = c.var.store.corridors.get(id)
    if (!before) return notFound(c, id)
    const problem = unitProblem(c, body.unitIds) ?? scopeRefusal(c, [...before.unitIds, ...body.unitIds])
    if (problem) return problem
    const updated = c.var.store.corridors.update(id, body, actorOf(c))
    if (!updated) return notFound(c, id)
    return c.json({ corridor: viewsFor(c, [updated])[0] }, 200)
  })
  .delete('/:id', signedInWriter, validated('param', corridorParam), (c) => {
    const id = Number(c.req.valid('param').id)
    const before = c.var.store.corridors.get(id)
    if (!before) return notFound(c, id)
    const refusal = scopeRefusal(c, before.unitIds)
    if (refusal) return refusal
    c.var.store.corridors.delete(id, actorOf(c))
    return c.json({ deleted: id }, 200)
  })
