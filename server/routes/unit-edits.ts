// GET /api/units/:id/record, POST /api/units, PATCH /api/units/:id, DELETE /api/units/:id: a unit created, edited or revoked (撤销) by a
// signed-in writer. Every answer carries ETag: "<version>"; a PATCH or DELETE must send it back as If-Match:
// none is a 428, an older one a 412 whose body holds the current unit, so the form can show both to merge.
// Scope is checked on the unit as it is and as it would be (server/auth/roles.ts unitWriteRefusal). The
// status moves only along the naming workflow (server/routes/unit-transitions.ts), never by an edit.
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { UnitPlace } from '../auth/roles'
import type { StoredUnit, UnitFields } from '../db/store'
import { DomainError } from '../domain-error'
import { deepestAreaAt } from '../geo/join'
import type { AppEnv } from '../http/env'
import { areaCodeParam, geographicCrsParam, unitIdParam } from '../http/params'
import { unitWriteRefusalResponse } from '../http/session'
import { actorOf, changeNote, move, readVersion, scopeRefusal, storedUnit, unitAnswer } from '../http/unit-writes'
import { validated } from '../http/validate'
import { areaLookup } from '../import/area-match'
import { checkedUnit, type UnitEditContext, type UnitInput } from '../ledger/unit-edit'
import { unitLabel } from '../ledger/unit-transition'
import { HONOUR_LEVELS, UNIT_STATUSES } from '../shared/domain'
import { entryRefusal, namingLevelRefusal, type WorkflowActor } from '../shared/workflow'

const unitInput = z
  .object({
    name: z.string().max(200, 'expected at most 200 characters'),
    category: z.string().max(40, 'expected a category such as 学校'),
    level: z.enum(HONOUR_LEVELS).nullable(),
    status: z.enum(UNIT_STATUSES),
    yearNamed: z.number().int('expected a whole year such as 2021').nullable(),
    lon: z.number().nullable(),
    lat: z.number().nullable(),
    areaCode: areaCodeParam.nullable(),
    address: z.string().max(500, 'expected at most 500 characters'),
    contact: z.string().max(200, 'expected at most 200 characters'),
    notes: z.string().max(2000, 'expected at most 2000 characters'),
    crs: geographicCrsParam,
    reason: z.string().max(500, 'expected at most 500 characters'),
  })
  .partial()
  .strict()

const revocation = z.object({ reason: z.string().trim().min(1, 'expected why the unit is revoked, e.g. 复查不合格').max(500) }).strict()

export const unitEditRoutes = new Hono<AppEnv>()
  // The unit as stored, for the edit form: every field and the version to send back. Signed-in callers only
  // (the audience policy lets them see every unit whole).
  .get('/:id/record', validated('param', unitIdParam), (c) => {
    if (!c.var.user) throw new DomainError('unauthorized', '需要登录 (sign in to edit units)')
    return unitAnswer(c, storedUnit(c), [], 200)
  })
  .post('/', validated('json', unitInput), (c) => {
    const { crs, reason = '', ...input } = c.req.valid('json')
    const { fields, warnings } = checkedUnit(null, input, editContext(c), crs)
    const refused = unitWriteRefusalResponse(c, { unit: `新单位“${fields.name}”`, after: placeAfter(c, fields) })
    if (refused) return refused
    const entry = entryRefusal(actorOf(c), fields.status, fields.level)
    if (entry) throw new DomainError('forbidden', entry)
    const unit = c.var.store.units.create(fields, changeNote(c, reason))
    return unitAnswer(c, unit, warnings, 201)
  })
  .patch('/:id', validated('param', unitIdParam), validated('json', unitInput), (c) => {
    const { crs, reason = '', ...input } = c.req.valid('json')
    const current = storedUnit(c)
    const refusedBefore = scopeRefusal(c, [current])
    if (refusedBefore) return refusedBefore
    const version = readVersion(c, current) as number // not optional: always a number
    const { fields, warnings } = checkedUnit(current, input as UnitInput, editContext(c), crs)
    const refused = unitWriteRefusalResponse(c, { unit: unitLabel(current), after: placeAfter(c, fields) })
    if (refused) return refused
    const naming = namingCorrectionRefusal(actorOf(c), current, fields)
    if (naming) throw new DomainError('forbidden', naming)
    const unit = c.var.store.units.update(current.id, version, fields, changeNote(c, reason))
    return unitAnswer(c, unit, warnings, 200)
  })
  // 撤销 is the workflow's step to 撤销 (who may take it depends on where the unit is); it needs the version read.
  .delete('/:id', validated('param', unitIdParam), validated('json', revocation), (c) => {
    const current = storedUnit(c)
    const refused = scopeRefusal(c, [current])
    if (refused) return refused
    readVersion(c, current)
    const [unit] = move(c, [current], { to: '撤销', reason: c.req.valid('json').reason })
    return unitAnswer(c, unit, [], 200)
  })

function editContext(c: Context<AppEnv>): UnitEditContext {
  const snapshot = c.var.store.snapshot()
  return {
    schemes: snapshot.schemes,
    areas: areaLookup(snapshot.areas),
    locate: (lon, lat) => deepestAreaAt(snapshot.areaIndex, lon, lat),
    thisYear: Number(c.var.today.slice(0, 4)),
  }
}

/** Where a unit would lie: its ledger area and the deepest area holding its point (its ledger area without one). */
function placeAfter(c: Context<AppEnv>, { areaCode, lon, lat }: UnitFields): UnitPlace {
  const located = lon === null || lat === null ? areaCode : deepestAreaAt(c.var.store.snapshot().areaIndex, lon, lat)
  return { ledgerArea: areaCode, locatedArea: located }
}

/**
 * Why `actor` may not correct a unit's naming (level, year) by an edit (null: may): the same people who
 * could have given that naming, at the higher of its old and new level.
 */
function namingCorrectionRefusal(actor: WorkflowActor, current: StoredUnit, fields: UnitFields): string | null {
  if (fields.level === current.level && fields.yearNamed === current.yearNamed) return null
  const levels = [current.level, fields.level].filter((level) => level !== null)
  const highest = levels.sort((a, b) => HONOUR_LEVELS.indexOf(b) - HONOUR_LEVELS.indexOf(a))[0] ?? HONOUR_LEVELS[0]
  const refusal = namingLevelRefusal(actor, highest)
  return refusal && `${refusal}：命名级别和年份由命名流程给出，只有能给出该命名的人可以更正（${unitLabel(current)}）`
}
