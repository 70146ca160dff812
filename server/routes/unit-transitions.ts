// POST /api/units/:id/transitions and POST /api/units/transitions: units moved along the naming workflow
// (培育 → 申报 → 推荐 → 验收 → 命名 → 复查, 撤销), one or a batch together (a county's yearly 申报 list): all
// or none. The workflow table (server/shared/workflow.ts) says which steps exist and who may take them; the
// area scope is checked on every unit as for any write. A step the workflow does not have is a 409.
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../http/env'
import { unitIdParam } from '../http/params'
import { asSeen, move, readVersion, scopeRefusal, storedUnit, unitAnswer } from '../http/unit-writes'
import { validated } from '../http/validate'
import { HONOUR_LEVELS, UNIT_STATUSES } from '../shared/domain'

const transitionFields = {
  to: z.enum(UNIT_STATUSES),
  reason: z.string().trim().max(500, 'expected at most 500 characters').default(''),
  level: z.enum(HONOUR_LEVELS).optional(),
  year: z.number().int('expected a whole year such as 2022').optional(),
  document: z.string().trim().max(200, 'expected at most 200 characters, e.g. 昭市民宗〔2022〕15号').optional(),
}
const transitionBody = z.object(transitionFields).strict()
/** A batch: at most what one county names in a year, many times over. */
const MAX_BATCH = 2000
const batchBody = z
  .object({ ids: z.array(z.number().int().positive('expected unit ids')).min(1, 'expected at least one unit id').max(MAX_BATCH, `expected at most ${MAX_BATCH} units at once`), ...transitionFields })
  .strict()

export const unitTransitionRoutes = new Hono<AppEnv>()
  .post('/transitions', validated('json', batchBody), (c) => {
    const { ids, ...request } = c.req.valid('json')
    const units = [...new Set(ids)].map((id) => storedUnit(c, id))
    const refused = scopeRefusal(c, units)
    if (refused) return refused
    const moved = move(c, units, request)
    return c.json({ units: moved.map((unit) => asSeen(c, unit)), moved: moved.length }, 200)
  })
  .post('/:id/transitions', validated('param', unitIdParam), validated('json', transitionBody), (c) => {
    const unit = storedUnit(c)
    const refused = scopeRefusal(c, [unit])
    if (refused) return refused
    // If-Match is welcome but not required: the step names where the unit must be (a moved one is a 409).
    readVersion(c, unit, { optional: true })
    const [moved] = move(c, [unit], c.req.valid('json'))
    return unitAnswer(c, moved, [], 200)
  })
