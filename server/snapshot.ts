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

/** The ids of the units written between snapshot `version` and `snapshot`, or null when the steps between are not known (a whole build, or too far behind). */
export function unitsWrittenSince(snapshot: Snapshot, version: number): ReadonlySet<number> | null {
  const steps = unitWritesSince(snapshot, version)
  return steps && new Set(steps.flatMap((step) => step.ids))
}

/** The areas whose units changed between snapshot `version` and `snapshot` (see UnitWrites.areas), or null when not known. */
export function areasWrittenSince(snapshot: Snapshot, version: number): ReadonlySet<string> | null {
  const steps = unitWritesSince(snapshot, version)
  return steps && new Set(steps.flatMap((step) => step.areas))
}

function unitWritesSince(snapshot: Snapshot, version: number): readonly UnitWrites[] | null {
  if (version === snapshot.version) return []
  const first = snapshot.unitWrites.findIndex((step) => step.since === version)
  return first === -1 ? null : snapshot.unitWrites.slice(first)
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

  const unitsInArea = new Map(previous.unitsInArea)
  const touched = new Set<string>()
  for (const unit of changed) {
    const left = ancestorChain(previous.unitAreas.get(unit.id) ?? null, previous.areasByCode)
    const entered = ancestorChain(unitAreas.get(unit.id) ?? null, previous.areasByCode)
    for (const code of [...left, ...entered]) touched.add(code)
    for (const code of left) if (!entered.includes(code)) unitsInArea.set(code, withoutUnit(unitsInArea.get(code) ?? [], unit.id))
    for (const code of entered) unitsInArea.set(code, withUnit(unitsInArea.get(code) ?? [], unit))
  }
  for (const [code, list] of unitsInArea) if (list.length === 0) unitsInArea.delete(code)

  const changedIds = new Set(changed.map((u) => u.id))
  return {
    ...previous,
    version,
    units: changed.reduce(withUnit, previous.units),
    joins,
    joinIssues: [...previous.joinIssues.filter((issue) => !changedIds.has(issue.unitId)), ...issues],
    unitAreas,
    unitsInArea,
    unitWrites: [...previous.unitWrites.slice(1 - UNIT_WRITES_KEPT), { since: previous.version, version, ids: [...changedIds], areas: [...touched] }],
  }
}

/** A copy of `units` (sorted by id) with `unit` in the place of the one with its id, or inserted in order. */
function withUnit(units: readonly Unit[], unit: Unit): Unit[] {
  const at = indexById(units, unit.id)
  const copy = units.slice()
  if (copy[at]?.id === unit.id) copy[at] = unit
  else copy.splice(at, 0, unit)
  return copy
}

/** A copy of `units` (sorted by id) without the one with id `id`. */
function withoutUnit(units: readonly Unit[], id: number): Unit[] {
  const at = indexById(units, id)
  const copy = units.slice()
  if (copy[at]?.id === id) copy.splice(at, 1)
  return copy
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
