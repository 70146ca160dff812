// An immutable, indexed view of the store: what every read route works from. Built once per write.
import type { Area, Inspection, Scheme, Target, Unit } from './shared/domain'
import { unitsByAncestor, type CoverageInput } from './geo/coverage'
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
