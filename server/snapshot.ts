// An immutable, indexed view of the store: what every read route works from. Built whole after a write to
// areas, schemes, targets or an import; after writes to a few units, made from the last one with only those
// units read and joined again (withUnits), so that an edit at 100 000 units is served again in milliseconds.
import type { Area, Inspection, Scheme, Target, Unit } from './shared/domain'
import { ancestorChain, unitsByAncestor, type CoverageInput } from './geo/coverage'
import { buildAreaIndex, joinUnitsToAreas, type AreaIndex, type JoinIssue, type UnitJoin } from './geo/join'

export interface Snapshot extends CoverageInput {
  version: number
  inspections: readonly Inspection[]
  areasByCode: ReadonlyMap<string, Area>
  areaIndex: AreaIndex
  joins: ReadonlyMap<number, UnitJoin>
  joinIssues: readonly JoinIssue[]
  unitsInArea: ReadonlyMap<string, readonly Unit[]>
}

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
  }
}

/**
 * `previous` with `changed` units (edited or new, as read again) in place: only they are joined to the areas
 * again, and only the lists of the areas they left or entered are remade. The areas are unchanged, so every
 * other unit's join stands. Equal to buildSnapshot of the same data (tests/server/snapshot.test.ts).
 */
export function withUnits(previous: Snapshot, version: number, changed: readonly Unit[]): Snapshot {
  const byId = new Map(changed.map((u) => [u.id, u]))
  const units = previous.units.map((u) => byId.get(u.id) ?? u)
  // Every unit has a join, so the joins say which units are new.
  const added = changed.filter((u) => !previous.joins.has(u.id))
  if (added.length > 0) {
    units.push(...added)
    units.sort((a, b) => a.id - b.id) // nearly sorted already: cheap
  }

  const { joins: changedJoins, issues } = joinUnitsToAreas(changed, previous.areas, previous.areaIndex)
  const joins = new Map(previous.joins)
  const unitAreas = new Map(previous.unitAreas)
  for (const join of changedJoins) {
    joins.set(join.unitId, join)
    unitAreas.set(join.unitId, join.areaCode)
  }

  const touched = new Set<string>()
  for (const unit of changed) {
    for (const code of ancestorChain(previous.unitAreas.get(unit.id) ?? null, previous.areasByCode)) touched.add(code)
    for (const code of ancestorChain(unitAreas.get(unit.id) ?? null, previous.areasByCode)) touched.add(code)
  }
  const unitsInArea = new Map(previous.unitsInArea)
  for (const code of touched) {
    const kept = (previous.unitsInArea.get(code) ?? []).filter((u) => !byId.has(u.id))
    const entering = changed.filter((u) => ancestorChain(unitAreas.get(u.id) ?? null, previous.areasByCode).includes(code))
    const list = entering.length === 0 ? kept : [...kept, ...entering].sort((a, b) => a.id - b.id)
    if (list.length === 0) unitsInArea.delete(code)
    else unitsInArea.set(code, list)
  }

  return {
    ...previous,
    version,
    units,
    joins,
    joinIssues: [...previous.joinIssues.filter((issue) => !byId.has(issue.unitId)), ...issues],
    unitAreas,
    unitsInArea,
  }
}
