// Which units a promotion (chosen candidates → 申报) moves: every id must be a unit in 培育 or 申报. Pure; the
// route checks the writer's scope on each and the store writes the change with its history.
import type { Unit } from '../shared/domain'
import { DomainError } from '../domain-error'
import type { Snapshot } from '../snapshot'
import { CANDIDATE_STATUSES } from './site-plan'

export function unitsToPromote(snapshot: Snapshot, unitIds: readonly number[]): Unit[] {
  const byId = new Map(snapshot.units.map((u) => [u.id, u]))
  const missing = unitIds.filter((id) => !byId.has(id))
  if (missing.length > 0) throw new DomainError('not_found', `unitIds: ${missing.join(', ')} do not exist`)
  const units = unitIds.map((id) => byId.get(id) as Unit)
  const notCandidates = units.filter((u) => !CANDIDATE_STATUSES.includes(u.status))
  if (notCandidates.length > 0) {
    const list = notCandidates.map((u) => `${u.id} ${u.name} (${u.status})`).join('; ')
    throw new DomainError('conflict', `only units in 培育 or 申报 can be promoted to 申报: ${list}`)
  }
  return units
}
