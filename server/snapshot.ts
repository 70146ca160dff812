// An immutable, indexed view of the store: what every read route works from. Built whole after a write to
// areas, schemes, targets or an import; after writes to a few units, made from the last one with only those
// units read and joined again (withUnits), so that an edit at 100 000 units is served again in milliseconds.
import type { Area, Inspection, Scheme, Target, Unit } from './shared/domain'
import { ancestorChain, unitsByAncestor, type CoverageInput } from './geo/coverage'
import { buildAreaIndex, joinUnitsToAreas, type AreaIndex, type JoinIssue, type UnitJoin } from './geo/join'
import { OverlaidMap } from './overlaid-map'

export interface Snapshot extends CoverageInput {
  version: number
  inspections: readonly Inspection[]
  areasByCode: ReadonlyMap<string, Area>
  areaIndex: AreaIndex
  joins: ReadonlyMap<number, UnitJoin>
  joinIssues: readonly JoinIssue[]
  unitsInArea: ReadonlyMap<string, readonly Unit[]>
  /** The last steps of unit writes that led here, oldest first: what a reader that kept derived data updates it by. */
  unitWrites: readonly UnitWrites[]
}

/** One step of unit writes: snapshot `version` is snapshot `since` with the units `ids` read again. */
export interface UnitWrites {
  since: number
  version: number
  ids: readonly number[]
  areas: readonly string[] // the areas those units left or entered or stayed in, and every area above them
}

/** Steps kept per snapshot: a reader further behind builds its data again. */
const UNIT_WRITES_KEPT = 64

export function buildSnapshot(
  version: number,
  data: { areas: Area[]; units: Unit[]; schemes: Scheme[]; targets: Target[]; inspections: Inspection[] },
): Snapshot {
  const areaIndex = buildAreaIndex(data.areas)
  const { joins, issues } = joinUnitsToAreas(data.units, data.areas, areaIndex)
  const areasByCode = new Map(data.areas.map((a) => [a.code, a]))
  const unitAreas = new Map(joins.map((j) => [j.unitId, j.areaCode]))
  return {
    version,
    ...data,
    areasByCode,
    areaIndex,
    joins: new Map(joins.map((j) => [j.unitId, j])),
    joinIssues: issues,
    unitAreas,
    unitsInArea: unitsByAncestor(data.units, unitAreas, areasByCode),
    unitWrites: [],
  }
}

/** What was written between two snapshots. */
export interface WritesSince {
  units: ReadonlySet<number> // ids of the units written
  areas: ReadonlySet<string> // the areas those units were in or moved to, and every area above them
}

/** The writes between snapshot `version` and `snapshot`; null when the steps between are not known (a whole build, or too far behind). */
export function writesSince(snapshot: Snapshot, version: number): WritesSince | null {
  if (version === snapshot.version) return { units: new Set(), areas: new Set() }
  const first = snapshot.unitWrites.findIndex((step) => step.since === version)
  if (first === -1) return null
  const steps = snapshot.unitWrites.slice(first)
  return { units: new Set(steps.flatMap((step) => step.ids)), areas: new Set(steps.flatMap((step) => step.areas)) }
}

/**
 * `previous` with `changed` units (edited or new, as read again) in place: only they are joined to the areas
 * again, and only the lists of the areas they left or entered are touched. The areas are unchanged, so every
 * other unit's join stands, and the per-unit maps are shared with `previous` under a layer of the changes
 * (OverlaidMap): a write costs in proportion to what it changed, not to the 100 000 units it did not.
 * Equal to buildSnapshot of the same data (tests/server/snapshot.test.ts).
 */
export function withUnits(previous: Snapshot, version: number, changed: readonly Unit[]): Snapshot {
  const { joins: changedJoins, issues } = joinUnitsToAreas(changed, previous.areas, previous.areaIndex)
  const joins = OverlaidMap.over(previous.joins).with(changedJoins.map((j) => [j.unitId, j]))
  const unitAreas = OverlaidMap.over(previous.unitAreas).with(changedJoins.map((j) => [j.unitId, j.areaCode]))

  // Each list a write touches is copied once, however many of the written units it holds (a batch of 500
  // in one county copies the prefecture's 100 000-unit list once, not 500 times), then patched in place.
  const copied = new Map<string, Unit[]>()
  const listOf = (code: string) => {
    let list = copied.get(code)
    if (!list) copied.set(code, (list = [...(previous.unitsInArea.get(code) ?? [])]))
    return list
  }
  const touched = new Set<string>()
  for (const unit of changed) {
    const left = ancestorChain(previous.unitAreas.get(unit.id) ?? null, previous.areasByCode)
    const entered = ancestorChain(unitAreas.get(unit.id) ?? null, previous.areasByCode)
    for (const code of [...left, ...entered]) touched.add(code)
    for (const code of left) if (!entered.includes(code)) dropUnit(listOf(code), unit.id)
    for (const code of entered) putUnit(listOf(code), unit)
  }
  const unitsInArea = new Map(previous.unitsInArea)
  for (const [code, list] of copied) {
    if (list.length === 0) unitsInArea.delete(code)
    else unitsInArea.set(code, list)
  }
  const units = [...previous.units]
  for (const unit of changed) putUnit(units, unit)

  const changedIds = new Set(changed.map((u) => u.id))
  return {
    ...previous,
    version,
    units,
    joins,
    joinIssues: [...previous.joinIssues.filter((issue) => !changedIds.has(issue.unitId)), ...issues],
    unitAreas,
    unitsInArea,
    unitWrites: [...previous.unitWrites.slice(1 - UNIT_WRITES_KEPT), { since: previous.version, version, ids: [...changedIds], areas: [...touched] }],
  }
}

/** `unit` in `units` (sorted by id, changed in place): in the place of the one with its id, or inserted in order. */
function putUnit(units: Unit[], unit: Unit): void {
  const at = indexById(units, unit.id)
  if (units[at]?.id === unit.id) units[at] = unit
  else units.splice(at, 0, unit)
}

/** `units` (sorted by id, changed in place) without the one with id `id`. */
function dropUnit(units: Unit[], id: number): void {
  const at = indexById(units, id)
  if (units[at]?.id === id) units.splice(at, 1)
}

/** Where a unit with id `id` is, or would go, in `units` sorted by id. */
function indexById(units: readonly Unit[], id: number): number {
  let low = 0
  let high = units.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (units[middle].id < id) low = middle + 1
    else high = middle
  }
  return low
}
