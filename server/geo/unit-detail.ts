// One unit with its status history and inspections, as an audience may see it (the dashboard's unit panel).
// A withheld unit (sensitive category, caller not signed in) shows what /api/units shows of it (category,
// level, status, years, area cut to township) plus the dates of its history and inspections, without the
// people and free text in them. Contact details and inspectors (server/geo/inspection-redaction.ts) are for
// signed-in users only, whatever the category. Pure.
import type { UnitChange } from '../db/store'
import type { StatusChange, Unit } from '../shared/domain'
import { redactedName, seesPeople, townshipOrAbove, withholds, type Audience } from '../shared/audience'
import type { Snapshot } from '../snapshot'
import { currentLedger, expiresOn } from './unit-history'
import { inspectionFor } from './inspection-redaction'
import { unitContact } from './unit-contact'

export function unitDetail(snapshot: Snapshot, unit: Unit, audience: Audience) {
  const redacted = withholds(audience, unit.category)
  const joined = snapshot.joins.get(unit.id)?.areaCode ?? null
  const areaCode = redacted ? townshipOrAbove(joined) : joined
  const area = areaCode === null ? null : (snapshot.areasByCode.get(areaCode) ?? null)
  const inspections = snapshot.inspections
    .filter((i) => i.unitId === unit.id)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((i) => inspectionFor(audience, unit.category, i))
  return {
    unit: {
      id: unit.id,
      name: redacted ? redactedName(unit.category) : unit.name,
      category: unit.category,
      level: unit.level,
      status: unit.status,
      yearNamed: unit.yearNamed,
      expiresOn: expiresOn(currentLedger(unit)),
      areaCode,
      areaName: area?.name ?? null,
      lon: redacted ? null : unit.lon,
      lat: redacted ? null : unit.lat,
      address: redacted ? '' : unit.address,
      contact: unitContact(audience, snapshot, unit),
      notes: redacted ? '' : unit.notes,
      sample: unit.sample,
      redacted,
    },
    history: unit.history.map((h) => (redacted ? withheldChange(h) : h)),
    inspections,
  }
}

/**
 * The unit's history (GET /api/units/:id/history): its status changes and its edits, as `audience` may see
 * them. A withheld unit's edits keep only when and what kind (their values are its name, place and notes);
 * for a caller who may not see people, who made a change and the contact field are left out; a contact's
 * phone numbers are masked as the unit's contact is (contactFor).
 */
export function unitHistory(snapshot: Snapshot, unit: Unit, changes: readonly UnitChange[], audience: Audience) {
  const redacted = withholds(audience, unit.category)
  const people = seesPeople(audience)
  const withoutContact = (fields: UnitChange['after'] | null) => {
    if (fields === null || fields.contact === undefined) return fields
    const { contact, ...rest } = fields
    return people ? { ...rest, contact: unitContact(audience, snapshot, { ...unit, contact }) } : rest
  }
  return {
    status: unit.history.map((h) => (redacted ? withheldChange(h) : people ? h : { ...h, by: '' })),
    changes: changes.map((c) =>
      redacted
        ? { at: c.at, action: c.action, by: '', before: null, after: {}, reason: '' }
        : { ...c, by: people ? c.by : '', before: withoutContact(c.before), after: withoutContact(c.after) ?? {} },
    ),
  }
}

/** A status change of a withheld unit: when, from → to and the level, without who, why or the decision. */
function withheldChange({ document: _document, ...change }: StatusChange): StatusChange {
  return { ...change, by: '', reason: '' }
}
