// Which area each unit lies in, from its surveyed point and the area code its ledger row claims.
//
// The areas indexed are the leaves: areas with geometry none of whose descendants has geometry (townships
// where township boundaries exist, counties elsewhere). A unit's point is located in a leaf L; its ledger
// claims an area C (unit.areaCode). Then:
//
// - With a point inside L:
//   - C null: L.
//   - C not a known area: L, and an `unknown-area` issue.
//   - C is L, an ancestor of L or a descendant of L: they agree; the deeper of the two.
//   - L schematic (a 示意 cell, which cannot contradict a ledger) and C and L share their nearest
//     non-schematic ancestor (say, the same county): C.
//   - otherwise: L (the surveyed point wins), and an `area-mismatch` issue.
// - With a point inside no leaf: an `outside-all-areas` issue, and C if it is known, else no area (a
//   claimed code that is not a known area also raises `unknown-area`).
// - Without coordinates (lon or lat null or not finite): C if it is known; else no area, with an
//   `unknown-area` issue if C names an unknown area and a `no-location` issue if it is null.
//
// A join's method says where its area code came from: 'point' the leaf the point lies in, 'code' the
// ledger's code, 'none' no area. An issue's message names the unit, the values and what was expected.
//
// The index is built once per set of areas and reused for every join (the store caches it with its snapshot).
import { isWithin, storedParents } from '../shared/area-codes'
import type { Area, Unit } from '../shared/domain'
import { buildPolygonIndex, InvalidPolygonError, type PolygonIndex } from './grid-index'

export interface AreaIndex {
  readonly areas: readonly Area[] // the list the index was built from
  readonly areasByCode: ReadonlyMap<string, Area>
  readonly leaves: readonly Area[] // the indexed areas, in the polygon index's order
  readonly polygons: PolygonIndex
}

export type JoinMethod = 'point' | 'code' | 'none'

export interface UnitJoin {
  unitId: number
  areaCode: string | null
  method: JoinMethod
}

export type JoinIssueKind = 'outside-all-areas' | 'area-mismatch' | 'unknown-area' | 'no-location'

export interface JoinIssue {
  unitId: number
  kind: JoinIssueKind
  claimed: string | null // the ledger's area code
  located: string | null // the leaf the point lies in
  message: string
}

export interface JoinResult {
  joins: UnitJoin[]
  issues: JoinIssue[]
}

type AreaWithGeometry = Area & { geometry: NonNullable<Area['geometry']> }

export function buildAreaIndex(areas: readonly Area[]): AreaIndex {
  const areasByCode = new Map<string, Area>()
  for (const area of areas) {
    const other = areasByCode.get(area.code)
    if (other !== undefined) throw new Error(`area code ${area.code} is used twice: ${other.name} and ${area.name}`)
    areasByCode.set(area.code, area)
  }
  const aboveGeometry = new Set<string>()
  for (const area of areas) {
    if (area.geometry === null) continue
    for (const ancestor of ancestorsOf(area.code, areasByCode)) aboveGeometry.add(ancestor.code)
  }
  const leaves = areas.filter(
    (area): area is AreaWithGeometry => area.geometry !== null && !aboveGeometry.has(area.code),
  )
  return { areas, areasByCode, leaves, polygons: indexGeometries(leaves) }
}

function indexGeometries(leaves: readonly AreaWithGeometry[]): PolygonIndex {
  try {
    return buildPolygonIndex(leaves.map((leaf) => leaf.geometry))
  } catch (error) {
    if (!(error instanceof InvalidPolygonError)) throw error
    const leaf = leaves[error.polygon]
    throw new Error(`area ${leaf.code} ${leaf.name}: geometry ${error.detail}`, { cause: error })
  }
}

/** The area's ancestors, parent first, as far as the parent codes lead to known areas. */
export function ancestorsOf(code: string, areasByCode: ReadonlyMap<string, Area>): Area[] {
  const ancestors: Area[] = []
  let parent = areasByCode.get(code)?.parent ?? null
  while (parent !== null) {
    const area = areasByCode.get(parent)
    if (area === undefined) break
    if (area.code === code || ancestors.includes(area)) {
      const chain = [code, ...ancestors.map((a) => a.code), area.code]
      throw new Error(`the parent chain of area ${code} loops: ${chain.join(' → ')}`)
    }
    ancestors.push(area)
    parent = area.parent
  }
  return ancestors
}

/** The code of the deepest area holding (lon, lat), or null outside every area. */
export function deepestAreaAt(index: AreaIndex, lon: number, lat: number): string | null {
  const leaf = index.polygons.locate(lon, lat)
  return leaf < 0 ? null : (index.leaves[leaf]?.code ?? null)
}

export function joinUnitsToAreas(units: readonly Unit[], areas: readonly Area[], index: AreaIndex): JoinResult {
  if (index.areas !== areas) {
    throw new Error(
      `the area index was built from another list of areas (${index.areas.length} areas) ` +
        `than the one given (${areas.length} areas)`,
    )
  }
  // All points located in one batch, which the index answers quicker than one point at a time; a unit
  // without coordinates goes in as NaN, which lies in no leaf.
  const xy = new Float64Array(units.length * 2)
  units.forEach((unit, i) => {
    xy[i * 2] = unit.lon ?? Number.NaN
    xy[i * 2 + 1] = unit.lat ?? Number.NaN
  })
  const leaves = index.polygons.locateAll(xy)
  const joins: UnitJoin[] = []
  const issues: JoinIssue[] = []
  units.forEach((unit, i) => joins.push(joinUnit(unit, leaves[i], index, issues)))
  return { joins, issues }
}

/** The unit's join; `leaf` is the index of the leaf its point lies in (-1 for none), by the polygon index. */
function joinUnit(unit: Unit, leaf: number, index: AreaIndex, issues: JoinIssue[]): UnitJoin {
  const { areasByCode } = index
  const who = `unit ${unit.id} (${unit.name})`
  const claimed = unit.areaCode
  const claimedArea = claimed === null ? undefined : areasByCode.get(claimed)
  const join = (areaCode: string | null, method: JoinMethod): UnitJoin => ({ unitId: unit.id, areaCode, method })
  const issue = (kind: JoinIssueKind, located: string | null, message: string) =>
    issues.push({ unitId: unit.id, kind, claimed, located, message: `${who}: ${message}` })
  const unknownClaim = `the ledger's area code ${claimed} is not a known area`

  const { lon, lat } = unit
  if (lon === null || lat === null || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    if (claimedArea !== undefined) return join(claimedArea.code, 'code')
    if (claimed !== null) issue('unknown-area', null, `${unknownClaim}, and the unit has no coordinates`)
    else issue('no-location', null, 'no coordinates and no area code')
    return join(null, 'none')
  }

  const point = `point ${lon}, ${lat}`
  if (leaf < 0) {
    if (claimedArea !== undefined) {
      issue('outside-all-areas', null, `${point} lies outside every area; using the ledger's ${label(claimedArea)}`)
      return join(claimedArea.code, 'code')
    }
    if (claimed === null) {
      issue('outside-all-areas', null, `${point} lies outside every area, and the ledger names no area`)
    } else {
      issue('outside-all-areas', null, `${point} lies outside every area, and ${unknownClaim}`)
      issue('unknown-area', null, `${unknownClaim}, and ${point} lies outside every area`)
    }
    return join(null, 'none')
  }

  const located = index.leaves[leaf]
  if (claimed === null) return join(located.code, 'point')
  if (claimedArea === undefined) {
    issue('unknown-area', located.code, `${unknownClaim}; ${point} lies in ${label(located)}`)
    return join(located.code, 'point')
  }
  if (claimedArea === located || isBelow(located, claimedArea, areasByCode)) return join(located.code, 'point')
  if (isBelow(claimedArea, located, areasByCode)) return join(claimedArea.code, 'code')
  if (located.schematic) {
    const surveyed = nearestSurveyedAncestor(located, areasByCode)
    if (surveyed !== undefined && surveyed === nearestSurveyedAncestor(claimedArea, areasByCode)) {
      return join(claimedArea.code, 'code')
    }
  }
  issue('area-mismatch', located.code, `${point} lies in ${label(located)} but the ledger says ${label(claimedArea)}`)
  return join(located.code, 'point')
}

function label(area: Area): string {
  return `${area.code} ${area.name}`
}

/** Whether `area` lies strictly below `ancestor` by the stored parent links. */
export function isBelow(area: Area, ancestor: Area, areasByCode: ReadonlyMap<string, Area>): boolean {
  return area !== ancestor && isWithin(area.code, ancestor.code, storedParents(areasByCode))
}

function nearestSurveyedAncestor(area: Area, areasByCode: ReadonlyMap<string, Area>): Area | undefined {
  return ancestorsOf(area.code, areasByCode).find((ancestor) => !ancestor.schematic)
}
