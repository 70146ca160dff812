// What an audience may see of inspections (督导), decided by the rules of server/shared/audience.ts: the
// people in them (inspectors, who recorded and who closed) only for those who see people, and of a withheld
// unit (sensitive category, caller not signed in) no more than the day of each visit (no place, no photos). Pure.
import type { Inspection, Unit } from '../shared/domain'
import { seesPeople, withholds, type Audience } from '../shared/audience'

/** One inspection of a unit of `category` as `audience` may see it. */
export function inspectionFor(audience: Audience, category: string, inspection: Inspection): Inspection {
  if (withholds(audience, category)) {
    return { ...withoutPeople(inspection), findings: '', followUp: '', checklist: [], rating: null, followUpDue: null, followUpClosedAt: null, gps: null, photos: [] }
  }
  return seesPeople(audience) ? inspection : withoutPeople(inspection)
}

/**
 * A list of inspections as `audience` may see it: those of withheld units left out (a list would give away
 * when and how often a sensitive place is visited, and which units of the area are sensitive ones), the
 * rest as inspectionFor shows them. `unitOf` finds each inspection's unit; one it cannot find is left out.
 */
export function inspectionsFor(audience: Audience, inspections: readonly Inspection[], unitOf: (id: number) => Pick<Unit, 'category'> | undefined): Inspection[] {
  return inspections.flatMap((i) => {
    const unit = unitOf(i.unitId)
    return unit === undefined || withholds(audience, unit.category) ? [] : [inspectionFor(audience, unit.category, i)]
  })
}

/** Whether `audience` may see the inspections of a unit of `category` listed. */
export function seesInspectionsOf(audience: Audience, category: string): boolean {
  return !withholds(audience, category)
}

function withoutPeople(inspection: Inspection): Inspection {
  return { ...inspection, inspector: '', inspectors: [], followUpClosedBy: '', createdBy: '' }
}
