// The inspections (督导) a query asks for, newest first, as an audience may see them, each with the state of
// its follow-up; for one unit also how it stands against its scheme's visit rhythm (server/geo/visits-due.ts).
// Pure: a snapshot, a query, an audience and the date in, an answer out.
import { DomainError } from '../domain-error'
import { checklistOf, type Inspection, type Unit } from '../shared/domain'
import type { Audience } from '../shared/audience'
import type { Snapshot } from '../snapshot'
import { inspectionFor, inspectionsFor, seesInspectionsOf } from './inspection-redaction'
import { followUpState, schemeOfCategory, visitsDue, type FollowUpState, type VisitsDue } from './visits-due'

export interface InspectionListQuery {
  unit?: number // only this unit's; the answer then carries its visits
  area?: string // only units placed in this area or below it
  from?: string // yyyy-mm-dd, inclusive
  to?: string // yyyy-mm-dd, inclusive
}

export type ListedInspection = Inspection & { followUpState: FollowUpState }

export interface InspectionList {
  asOf: string
  inspections: ListedInspection[]
  /** With `unit`: its visits this year; null when the audience may not see the unit's inspections. */
  visits?: VisitsDue | null
}

export function inspectionList(snapshot: Snapshot, query: InspectionListQuery, audience: Audience, asOf: string): InspectionList {
  const units = unitsById(snapshot)
  const unit = query.unit === undefined ? undefined : units.get(query.unit)
  if (query.unit !== undefined && unit === undefined) throw new DomainError('not_found', `unit: ${query.unit} does not exist`)
  if (query.area !== undefined && !snapshot.areasByCode.has(query.area)) throw new DomainError('not_found', `area: ${query.area} is not an area of the store`)
  const inArea = query.area === undefined ? null : new Set((snapshot.unitsInArea.get(query.area) ?? []).map((u) => u.id))
  const chosen = snapshot.inspections
    .filter((i) => (unit === undefined || i.unitId === unit.id) && (inArea === null || inArea.has(i.unitId)))
    .filter((i) => (query.from === undefined || i.date >= query.from) && (query.to === undefined || i.date <= query.to))
    .sort(newestFirst)
  const inspections = inspectionsFor(audience, chosen, (id) => units.get(id)).map((i) => listed(i, asOf))
  if (unit === undefined) return { asOf, inspections }
  return { asOf, inspections, visits: seesInspectionsOf(audience, unit.category) ? unitVisits(snapshot, unit, asOf) : null }
}

/**
 * Every unit placed in `area` (or below it) that the audience may see the inspections of, with its visits
 * this year against its scheme's rhythm and its scheme's 督导 criteria: what /inspect lists and asks. By unit id.
 */
export function visitsDueInArea(snapshot: Snapshot, area: string, audience: Audience, asOf: string): (VisitsDue & { checklist: readonly string[] })[] {
  if (!snapshot.areasByCode.has(area)) throw new DomainError('not_found', `area: ${area} is not an area of the store`)
  return (snapshot.unitsInArea.get(area) ?? [])
    .filter((u) => seesInspectionsOf(audience, u.category))
    .map((u) => ({ ...unitVisits(snapshot, u, asOf), checklist: checklistOf(schemeOfCategory(snapshot.schemes, u.category)) }))
    .sort((a, b) => a.unitId - b.unitId)
}

/** The unit's visits this year against the rhythm of its scheme (schemeOfCategory). */
export function unitVisits(snapshot: Snapshot, unit: Unit, asOf: string): VisitsDue {
  const scheme = schemeOfCategory(snapshot.schemes, unit.category)
  return visitsDue(unit, scheme?.visitsPerYear ?? 0, snapshot.inspections, asOf)
}

/** One inspection as a writer's answer carries it (a signed-in audience sees it whole). */
export function inspectionAnswer(snapshot: Snapshot, inspection: Inspection, audience: Audience, asOf: string): ListedInspection {
  const category = unitsById(snapshot).get(inspection.unitId)?.category ?? ''
  return listed(inspectionFor(audience, category, inspection), asOf)
}

function listed(inspection: Inspection, asOf: string): ListedInspection {
  return { ...inspection, followUpState: followUpState(inspection, asOf) }
}

function newestFirst(a: Inspection, b: Inspection): number {
  return b.date.localeCompare(a.date) || b.id - a.id
}

const unitMaps = new WeakMap<Snapshot, ReadonlyMap<number, Unit>>()

function unitsById(snapshot: Snapshot): ReadonlyMap<number, Unit> {
  let map = unitMaps.get(snapshot)
  if (!map) {
    map = new Map(snapshot.units.map((u) => [u.id, u]))
    unitMaps.set(snapshot, map)
  }
  return map
}
