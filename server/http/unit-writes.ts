// What every route that writes one unit does alike: find the unit, read the version the writer sent
// (If-Match), check the writer's scope, say who wrote and when, move units along the naming workflow, and
// answer with the unit and its ETag.
import type { Context } from 'hono'
import { unitPlace, workflowActor } from '../auth/roles'
import { unitContact } from '../geo/unit-contact'
import { staleUnitError, type ChangeNote, type StoredUnit } from '../db/store'
import { DomainError } from '../domain-error'
import { plannedMoves, unitLabel, type TransitionRequest } from '../ledger/unit-transition'
import type { WorkflowActor } from '../shared/workflow'
import type { AppEnv } from './env'
import { unitWriteRefusalResponse } from './session'

export function storedUnit(c: Context<AppEnv>, id = Number(c.req.param('id'))): StoredUnit {
  const unit = c.var.store.units.get(id)
  if (!unit) throw new DomainError('not_found', `unit ${id} does not exist in the store`)
  return unit
}

/** The version the writer read, from If-Match (checked against `current`); `optional`: none is no check. */
export function readVersion(c: Context<AppEnv>, current: StoredUnit, { optional = false } = {}): number | undefined {
  const header = c.req.header('If-Match')
  if (header === undefined) {
    if (optional) return undefined
    throw new DomainError('version_required', `If-Match: missing; send the unit's ETag as read, e.g. If-Match: "${current.version}" (GET /api/units/${current.id})`)
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim())
  if (!match) throw new DomainError('invalid', `If-Match: ${header} is not a unit version (expected an ETag such as "${current.version}")`)
  const version = Number(match[1])
  if (version !== current.version) throw staleUnitError(current, version)
  return version
}

export function changeNote(c: Context<AppEnv>, reason: string): ChangeNote {
  return { actor: c.var.user?.username ?? 'anonymous', at: c.var.now().toISOString(), reason }
}

/** The signed-in writer as the naming workflow sees them; call after the scope check has let them write. */
export function actorOf(c: Context<AppEnv>): WorkflowActor {
  const user = c.var.user
  if (!user) throw new DomainError('unauthorized', '需要登录 (sign in to change units)')
  return workflowActor(user, c.var.store.snapshot().areasByCode)
}

export function unitAnswer(c: Context<AppEnv>, unit: StoredUnit, warnings: string[], status: 200 | 201) {
  c.header('ETag', `"${unit.version}"`)
  return c.json({ unit: asSeen(c, unit), warnings }, status)
}

/** A stored unit as the caller may see it: its contact through the audience (server/shared/audience.ts contactFor). */
export function asSeen(c: Context<AppEnv>, unit: StoredUnit): StoredUnit {
  return { ...unit, contact: unitContact(c.var.audience, c.var.store.snapshot(), unit) }
}

/**
 * The 401/403 for recording a visit (督导) or its photos at unit `id`, where the unit lies now (nowhere when
 * unknown: only an unscoped writer passes, and the check of the visit then names the missing unit), or null.
 */
export function visitWriteRefusal(c: Context<AppEnv>, id: number | undefined) {
  const unit = id === undefined ? null : c.var.store.units.get(id)
  if (!unit) return unitWriteRefusalResponse(c, { unit: `单位 #${id ?? '?'}`, before: { ledgerArea: null, locatedArea: null } }, 'visit')
  return unitWriteRefusalResponse(c, { unit: unitLabel(unit), before: unitPlace(unit, c.var.store.snapshot().unitAreas) }, 'visit')
}

/** The 401/403 for the first unit outside the writer's scope, or null. */
export function scopeRefusal(c: Context<AppEnv>, units: readonly StoredUnit[]) {
  const { unitAreas } = c.var.store.snapshot()
  for (const unit of units) {
    const refused = unitWriteRefusalResponse(c, { unit: unitLabel(unit), before: unitPlace(unit, unitAreas) })
    if (refused) return refused
  }
  return null
}

/** Checks the step for every unit, then makes them all in one transaction. */
export function move(c: Context<AppEnv>, units: readonly StoredUnit[], request: TransitionRequest): StoredUnit[] {
  const moves = plannedMoves(units, request, actorOf(c), c.var.today)
  return c.var.store.units.transition(moves, { ...changeNote(c, request.reason), document: request.document ?? '' })
}
