// Creation targets (创建目标): GET lists an area's targets (and those of every area within it) with their
// progress as coverage computes it; POST, PATCH and DELETE change them. Reads are open as /api/coverage is
// (targets carry counts, no unit names). Writes need an editor or admin whose scope holds the target's area
// as it is and as it would be, so a scoped editor can neither reach a target outside nor move one out.
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import type { Target } from '../shared/domain'
import { HONOUR_LEVELS } from '../shared/domain'
import { DomainError } from '../domain-error'
import { schemeById } from '../geo/coverage'
import { targetsAnswer, targetsWithProgress, type TargetsAnswer, type TargetWithProgress } from '../geo/target-progress'
import type { AppEnv } from '../http/env'
import { areaCodeParam, schemeParam } from '../http/params'
import { writeRefusalResponse } from '../http/session'
import { cachedJson, cachedJsonAnswer } from '../http/snapshot-answers'
import { validated } from '../http/validate'
import { checkedTarget } from '../ledger/target-edit'
import { plainText } from '../text/plain-text'

const targetsQuery = z.object({ area: areaCodeParam.optional(), scheme: schemeParam.optional() })

const targetParam = z.object({ id: z.string().regex(/^\d{1,9}$/, 'expected a target id, a whole number such as 3') })

// Shapes only: whether the area, scheme and category exist, and the ranges, are checked by checkedTarget.
const targetFields = z.object({
  areaCode: areaCodeParam,
  schemeId: schemeParam.nullable(),
  category: z.string().trim().min(1, 'expected a category such as 学校, or null for every category').max(40, 'expected at most 40 characters').nullable(),
  minLevel: z.enum(HONOUR_LEVELS, { error: `expected one of ${HONOUR_LEVELS.join(', ')}, or null for any level` }).nullable(),
  count: z.number({ error: 'expected a whole number ≥ 0' }),
  dueYear: z.number({ error: 'expected a year such as 2027' }),
  note: plainText(z.string().trim().max(500, 'expected at most 500 characters'), { lineBreaks: true }),
})
// A new target needs its area, count and due year; no scheme, category or level means every one.
const newTarget = targetFields
  .extend({
    schemeId: targetFields.shape.schemeId.default(null),
    category: targetFields.shape.category.default(null),
    minLevel: targetFields.shape.minLevel.default(null),
    note: targetFields.shape.note.default(''),
  })
  .strict()
const targetChange = targetFields.partial().strict()

/**
 * 401 for anonymous callers and 403 for those who may write nowhere (viewers, render credentials), before
 * the body is read: the caller's own scope is the one area every writer may write to. The target's area is checked later.
 */
const mayWriteSomewhere: MiddlewareHandler<AppEnv> = async (c, next) => {
  const refusal = writeRefusalResponse(c, c.var.user?.areaScope ?? null)
  if (refusal) return refusal
  await next()
}

function storedTarget(c: Context<AppEnv>, id: number): Target {
  const target = c.var.store.targets.get(id)
  if (!target) throw new DomainError('not_found', `target ${id} does not exist`)
  return target
}

/** The target as checked against the snapshot's areas and schemes, without its id. */
function checked(c: Context<AppEnv>, { id: _id, ...fields }: Omit<Target, 'id'> & { id?: number }) {
  return checkedTarget(fields, c.var.store.snapshot())
}

/** The target as the list shows it, with its progress from the snapshot that holds the write. */
function withProgress(c: Context<AppEnv>, target: Target): TargetWithProgress {
  return targetsWithProgress(c.var.store.snapshot(), [target], c.var.today)[0]
}

const actorOf = (c: Context<AppEnv>) => c.var.user?.username ?? 'unknown'

export const targetRoutes = new Hono<AppEnv>()
  .get('/', validated('query', targetsQuery), (c) => {
    const { area, scheme } = c.req.valid('query')
    const snapshot = c.var.store.snapshot()
    if (area !== undefined && !snapshot.areasByCode.has(area)) throw new DomainError('not_found', `area: ${area} is not an area in this atlas`)
    if (scheme !== undefined) schemeById(snapshot.schemes, scheme) // an unknown scheme is a 400 naming the known ones
    const { today } = c.var
    // The same for every caller: computed once per snapshot and query (server/http/snapshot-answers.ts).
    const answer = cachedJson(snapshot, `targets:${JSON.stringify({ area, scheme, today })}`, () => targetsAnswer(snapshot, { area, schemeId: scheme }, today))
    return cachedJsonAnswer<TargetsAnswer>(c, answer)
  })
  .post('/', mayWriteSomewhere, validated('json', newTarget), (c) => {
    const fields = checked(c, c.req.valid('json'))
    const refused = writeRefusalResponse(c, fields.areaCode)
    if (refused) return refused
    const created = c.var.store.targets.create(fields, actorOf(c))
    return c.json({ target: withProgress(c, created) }, 201)
  })
  .patch('/:id', mayWriteSomewhere, validated('param', targetParam), validated('json', targetChange), (c) => {
    const before = storedTarget(c, Number(c.req.valid('param').id))
    const refusedBefore = writeRefusalResponse(c, before.areaCode)
    if (refusedBefore) return refusedBefore
    const fields = checked(c, { ...before, ...c.req.valid('json') })
    const refusedAfter = writeRefusalResponse(c, fields.areaCode)
    if (refusedAfter) return refusedAfter
    const updated = c.var.store.targets.update(before.id, fields, actorOf(c))
    if (!updated) throw new DomainError('not_found', `target ${before.id} does not exist`)
    return c.json({ target: withProgress(c, updated) }, 200)
  })
  .delete('/:id', mayWriteSomewhere, validated('param', targetParam), (c) => {
    const before = storedTarget(c, Number(c.req.valid('param').id))
    const refused = writeRefusalResponse(c, before.areaCode)
    if (refused) return refused
    c.var.store.targets.remove(before.id, actorOf(c))
    return c.json({ deleted: before.id }, 200)
  })
