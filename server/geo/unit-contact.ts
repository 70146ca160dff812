// A stored unit's contact as an audience may see it: the audience's rule (contactFor) with the unit's place
// from the snapshot. Pure.
import { isUnitWithin, unitPlace } from '../auth/roles'
import { contactFor, type Audience } from '../shared/audience'
import type { Snapshot } from '../snapshot'

export function unitContact(audience: Audience, snapshot: Snapshot, unit: { id: number; areaCode: string | null; contact: string }): string {
  const place = unitPlace(unit, snapshot.unitAreas)
  return contactFor(audience, unit.contact, (scope) => isUnitWithin(place, scope, snapshot.areasByCode))
}
