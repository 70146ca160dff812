// GET /api/units/:id/record, POST /api/units, PATCH /api/units/:id, DELETE /api/units/:id: a unit created, edited or revoked (撤销) by a
// signed-in writer. Every answer carries ETag: "<version>"; a PATCH or DELETE must send it back as If-Match:
// none is a 428, an older one a 412 whose body holds the current unit, so the form can show both to merge.
// Scope is checked on the unit as it is and as it would be (server/auth/roles.ts unitWriteRefusal).
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { staleUnitError, type StoredUnit, type UnitFields } from '../db/store'
import { DomainError } from '../domain-error'
import { deepestAreaAt } from '../geo/join'
import { areaLookup } from '../import/area-match'
import { checkedUnit, type UnitEditContext, type UnitInput } from '../ledger/unit-edit'
import { unitPlace, type UnitPlace } from '../auth/roles'
import type { AppEnv } from '../http/env'
import { areaCodeParam } from '../http/params'
import { unitWriteRefusalResponse } from '../http/session'
import { validated } from '../http/validate'
import { HONOUR_LEVELS, UNIT_STATUSES } from '../shared/domain'

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
    crs: z.enum(['wgs84', 'gcj02', 'bd09']),
    reason: z.string().max(500, 'expected at most 500 characters'),
  })
  .partial()
  .strict()

const revocation = z.object({ reason: z.string().trim().min(1, 'expected why the unit is revoked, e.g. 复查不合格').max(500) }).strict()
const unitParam = z.object({ id: z.string().regex(/^\d{1,9}$/, 'expected a unit id, a whole number such as 12') })

export const unitEditRoutes = new Hono<AppEnv>()
  // The unit as stored, for the edit form: every field and the version to send back. Signed-in callers only
  // (the audience policy lets them see every unit whole).
  .get('/:id/record', validated('param', unitParam), (c) => {
    if (!c.var.user) throw new DomainError('unauthorized', '需要登录 (sign in to edit units)')
    return unitAnswer(c, storedUnit(c), [], 200)
  })
  .post('/', validated('json', unitInput), (c) => {
    const { crs, reason = '', ...input } = c.req.valid('json')
    const { fields, warnings } = checkedUnit(null, input, editContext(c), crs)
    const refused = unitWriteRefusalResponse(c, { unit: `新单位“${fields.name}”`, after: placeAfter(c, fields) })
    if (refused) return refused
    const unit = c.var.store.units.create(fields, note(c, reason))
    return unitAnswer(c, unit, warnings, 201)
  })
  .patch('/:id', validated('param', unitParam), validated('json', unitInput), (c) => {
    const { crs, reason = '', ...input } = c.req.valid('json')
    const current = storedUnit(c)
    const refusedBefore = unitWriteRefusalResponse(c, { unit: unitLabel(current), before: placeBefore(c, current) })
    if (refusedBefore) return refusedBefore
    const version = readVersion(c, current)
    const { fields, warnings } = checkedUnit(current, input as UnitInput, editContext(c), crs)
    const refused = unitWriteRefusalResponse(c, { unit: unitLabel(current), after: placeAfter(c, fields) })
    if (refused) return refused
    const unit = c.var.store.units.update(current.id, version, fields, note(c, reason))
    return unitAnswer(c, unit, warnings, 200)
  })
  .delete('/:id', validated('param', unitParam), validated('json', revocation), (c) => {
    const current = storedUnit(c)
    const refused = unitWriteRefusalResponse(c, { unit: unitLabel(current), before: placeBefore(c, current) })
    if (refused) return refused
    const version = readVersion(c, current)
    const unit = c.var.store.units.revoke(current.id, version, note(c, c.req.valid('json').reason))
    return unitAnswer(c, unit, [], 200)
  })

function storedUnit(c: Context<AppEnv>): StoredUnit {
  const id = Number(c.req.param('id'))
  const unit = c.var.store.units.get(id)
  if (!unit) throw new DomainError('not_found', `unit ${id} does not exist in the store`)
  return unit
}

/** The version the writer read, from If-Match; checked against `current` here so the answer can carry it. */
function readVersion(c: Context<AppEnv>, current: StoredUnit): number {
  const header = c.req.header('If-Match')
  if (header === undefined) {
    throw new DomainError('version_required', `If-Match: missing; send the unit's ETag as read, e.g. If-Match: "${current.version}" (GET /api/units/${current.id})`)
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim())
  if (!match) throw new DomainError('invalid', `If-Match: ${header} is not a unit version (expected an ETag such as "${current.version}")`)
  const version = Number(match[1])
  if (version !== current.version) throw staleUnitError(current, version)
  return version
}

function editContext(c: Context<AppEnv>): UnitEditContext {
  const snapshot = c.var.store.snapshot()
  return {
    schemes: snapshot.schemes,
    areas: areaLookup(snapshot.areas),
    locate: (lon, lat) => deepestAreaAt(snapshot.areaIndex, lon, lat),
    thisYear: Number(c.var.today.slice(0, 4)),
  }
}

/** Where a stored unit lies now: its ledger area and where the join placed it. */
function placeBefore(c: Context<AppEnv>, unit: StoredUnit): UnitPlace {
  return unitPlace(unit, c.var.store.snapshot().unitAreas)
}

/** Where a unit would lie: its ledger area and the deepest area holding its point (its ledger area without one). */
function placeAfter(c: Context<AppEnv>, { areaCode, lon, lat }: UnitFields): UnitPlace {
  const located = lon === null || lat === null ? areaCode : deepestAreaAt(c.var.store.snapshot().areaIndex, lon, lat)
  return { ledgerArea: areaCode, locatedArea: located }
}

function unitLabel(unit: StoredUnit): string {
  return `单位 #${unit.id}“${unit.name}”`
}

function note(c: Context<AppEnv>, reason: string) {
  return { actor: c.var.user?.username ?? 'anonymous', at: c.var.now().toISOString(), reason }
}

function unitAnswer(c: Context<AppEnv>, unit: StoredUnit, warnings: string[], status: 200 | 201) {
  c.header('ETag', `"${unit.version}"`)
  return c.json({ unit, warnings }, status)
}
