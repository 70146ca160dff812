// A site plan for one area: gathers demand, candidates and already-named sites from the store (or from
// the request), runs the covering model, and describes the answer in the area's own terms: which
// units to promote, which townships and categories they newly cover. Pure apart from the solver.
import { DomainError } from '../domain-error'
import { isWithin, storedParents } from '../shared/area-codes'
import { NAMED_STATUSES, type Area, type HonourLevel, type Unit, type UnitStatus } from '../shared/domain'
import { greatCircleKm } from '../geo/planning/distance'
import { coverageSets, coveredBy } from '../geo/planning/coverage-sets'
import { maximalCoverage, type DemandPoint, type MclpOptions } from '../geo/planning/mclp'
import { setCover } from '../geo/planning/lscp'
import { isAtLeastLevel } from '../geo/unit-history'
import type { Snapshot } from '../snapshot'
import type { FilePoint } from './point-file'
import { sampleSettlements } from './settlements'

/** Statuses whose units are candidates for the next naming: the 培育库 and those already applied. */
export const CANDIDATE_STATUSES: readonly UnitStatus[] = ['培育', '申报']

export type PlanModel = 'mclp' | 'lscp'

export interface SitePlanRequest {
  area: string
  model?: PlanModel // 'mclp': `sites` new sites covering the most weight; 'lscp': the fewest sites covering all coverable demand
  sites: number // new sites to open (MCLP); the most LSCP may open
  radiusKm?: number // 5: a settlement within this great-circle distance of a site is covered
  minLevel?: HonourLevel // 县级: named units at this level or above count as already covering
  demand?: FilePoint[] // default: the area's settlements in the store (the demo's are 示例数据)
  candidates?: FilePoint[] // default: the area's units in 培育/申报 that have coordinates
  extraCandidates?: FilePoint[] // added to the candidates above, e.g. places clicked on the map
  required?: FilePoint[] // default: the area's named units (at minLevel or above) that have coordinates
  leaveOut?: ReadonlySet<string> // none: units of these categories are neither open sites nor candidates (server/plan/plan-redaction.ts)
}

export type PointSource = 'store' | 'request' | 'sample-settlements'

export interface PlannedSite {
  id: string
  name: string
  position: [number, number]
  coveredWeightAdded: number
  unitId: number | null // the store's unit, when the candidate is one
  category: string | null
  status: UnitStatus | null
  areaCode: string | null // the township (or the deepest area) the site lies in
  areaName: string | null
}

export interface SitePlanReport {
  area: { code: string; name: string }
  model: PlanModel
  radiusKm: number
  sites: number
  minLevel: HonourLevel
  sources: { demand: PointSource; candidates: PointSource; required: PointSource }
  counts: { demand: number; candidates: number; required: number }
  chosen: PlannedSite[]
  coveredWeightBefore: number
  coveredWeightAfter: number
  totalWeight: number
  coveredShareBefore: number // 0…1
  coveredShareAfter: number
  /** MCLP: no `sites` candidates cover more weight than value. LSCP: no fewer than value sites cover all coverable demand. */
  bound: { value: number; kind: string }
  gap: number // 0…1
  method: string
  uncoverable: number // demand points no site within the radius can reach
  townshipsNewlyCovered: { code: string; name: string }[] // child areas with no named unit that a chosen site lies in
  categoriesFilled: { areaCode: string; areaName: string; category: string }[] // (township, category) pairs a chosen unit adds
  sample: boolean // demand or sites include 示例数据
  /** Each demand point and whether it is covered before and after; left out above MAX_REPORTED_DEMAND points. */
  demand: PlannedDemand[] | null
  /** The already-open sites, to draw with their radius. */
  required: { id: string; name: string; position: [number, number] }[]
  notes: string[]
}

export interface PlannedDemand {
  id: string
  name: string
  position: [number, number]
  weight: number
  coveredBefore: boolean
  coveredAfter: boolean
}

/** Above this, the per-point list would outweigh the plan itself; the totals still describe it. */
export const MAX_REPORTED_DEMAND = 20_000

/** A plan the store cannot make: the area is unknown (not_found) or has nothing to plan with (invalid). */
export class SitePlanError extends DomainError {}

export async function sitePlan(snapshot: Snapshot, request: SitePlanRequest, options: MclpOptions = {}): Promise<SitePlanReport> {
  const area = snapshot.areasByCode.get(request.area)
  if (!area) throw new SitePlanError('not_found', `area: ${request.area} is not an area in the store`)
  const radiusKm = request.radiusKm ?? 5
  const minLevel = request.minLevel ?? '县级'
  const leaveOut = request.leaveOut ?? new Set<string>()
  const units = (snapshot.unitsInArea.get(area.code) ?? []).filter((u) => !leaveOut.has(u.category))
  const located = units.filter((u): u is Unit & { lon: number; lat: number } => u.lon !== null && u.lat !== null)
  const townships = snapshot.areas.filter((a) => a.level === 'township' && isWithin(a.code, area.code, storedParents(snapshot.areasByCode)))

  const candidateUnits = located.filter((u) => CANDIDATE_STATUSES.includes(u.status))
  const requiredUnits = located.filter((u) => NAMED_STATUSES.includes(u.status) && isAtLeastLevel(u.level, minLevel))
  const demand = request.demand ?? sampleSettlements(townships)
  const candidates = [...(request.candidates ?? candidateUnits.map(unitPoint)), ...(request.extraCandidates ?? [])]
  const required = request.required ?? requiredUnits.map(unitPoint)
  const notes: string[] = leaveOut.size > 0 ? [`${[...leaveOut].join('、')}单位未计入（既不作现有示范点，也不作候选点）`] : []
  if (demand.length === 0) throw new SitePlanError('invalid', `area: ${area.name} (${area.code}) has no settlements with population; send demand points`)
  if (candidates.length === 0) throw new SitePlanError('invalid', `area: ${area.name} (${area.code}) has no candidate units (培育/申报 with coordinates); send candidate points`)
  if (request.sites > candidates.length) notes.push(`only ${candidates.length} candidates exist; all may be chosen`)

  const model = request.model ?? 'mclp'
  const solved = model === 'mclp'
    ? await maximalCoverage({ demand, candidates, required, sites: Math.min(request.sites, candidates.length), radiusKm }, options)
    : await setCover({ demand, candidates, required, radiusKm }, options)
  if (model === 'lscp' && solved.chosen.length > request.sites) {
    notes.push(`covering every reachable settlement needs ${solved.chosen.length} new sites, more than the ${request.sites} asked for`)
  }
  // The covered weight is recounted here from the chosen sites, independently of the solver's own figures.
  const recount = coveredWeights(demand, required, candidates, solved.chosen.map((c) => c.id), radiusKm)
  const unitById = new Map(candidateUnits.map((u) => [`unit-${u.id}`, u]))
  const candidateById = new Map(candidates.map((c) => [c.id, c]))
  const chosen = solved.chosen.map(({ id }, rank): PlannedSite => {
    const unit = request.candidates ? undefined : unitById.get(id)
    const point = candidateById.get(id)
    if (!point) throw new Error(`the planner chose "${id}", which is not a candidate`)
    const township = locateLeaf(snapshot, point.position)
    return {
      id,
      name: unit?.name ?? point.name,
      position: point.position,
      coveredWeightAdded: recount.added[rank],
      unitId: unit?.id ?? null,
      category: unit?.category ?? null,
      status: unit?.status ?? null,
      areaCode: township?.code ?? null,
      areaName: township?.name ?? null,
    }
  })

  const coveredTownships = new Set(requiredUnits.map((u) => snapshot.unitAreas.get(u.id)).filter((c): c is string => !!c))
  const townshipsNewlyCovered = uniqueBy(
    chosen.flatMap((s) => (s.areaCode && !coveredTownships.has(s.areaCode) ? [{ code: s.areaCode, name: s.areaName ?? s.areaCode }] : [])),
    (t) => t.code,
  )
  const present = new Set(requiredUnits.map((u) => `${snapshot.unitAreas.get(u.id)}|${u.category}`))
  const categoriesFilled = uniqueBy(
    chosen.flatMap((s) =>
      s.category && s.areaCode && !present.has(`${s.areaCode}|${s.category}`)
        ? [{ areaCode: s.areaCode, areaName: s.areaName ?? s.areaCode, category: s.category }]
        : [],
    ),
    (c) => `${c.areaCode}|${c.category}`,
  )
  const share = (weight: number) => (recount.total > 0 ? weight / recount.total : 0)
  const sources = {
    demand: request.demand ? 'request' : 'sample-settlements',
    candidates: request.candidates ? 'request' : 'store',
    required: request.required ? 'request' : 'store',
  } as const
  return {
    area: { code: area.code, name: area.name },
    model,
    radiusKm,
    sites: request.sites,
    minLevel,
    sources,
    counts: { demand: demand.length, candidates: candidates.length, required: required.length },
    chosen,
    coveredWeightBefore: recount.before,
    coveredWeightAfter: recount.after,
    totalWeight: recount.total,
    coveredShareBefore: share(recount.before),
    coveredShareAfter: share(recount.after),
    bound: solved.bound,
    gap: solved.gap,
    method: solved.method,
    uncoverable: recount.uncoverable,
    townshipsNewlyCovered,
    categoriesFilled,
    sample: sources.demand === 'sample-settlements' || [...candidateUnits, ...requiredUnits].some((u) => u.sample),
    demand: demand.length > MAX_REPORTED_DEMAND ? null : demandCoverage(demand, required, chosen, radiusKm),
    required: required.map((r) => ({ id: r.id, name: r.name, position: [r.position[0], r.position[1]] })),
    notes: demand.length > MAX_REPORTED_DEMAND ? [...notes, `${demand.length} demand points: the per-point list is left out`, ...solved.notes] : [...notes, ...solved.notes],
  }
}

/**
 * Weight covered by the required sites, then by each chosen site in turn, by a direct distance test over
 * the coverage sets; and how many demand points no required or candidate site reaches at all.
 */
function coveredWeights(
  demand: readonly DemandPoint[],
  required: readonly FilePoint[],
  candidates: readonly FilePoint[],
  chosenIds: readonly string[],
  radiusKm: number,
): { before: number; after: number; total: number; added: number[]; uncoverable: number } {
  const sets = coverageSets(demand, [...required, ...candidates], radiusKm)
  const candidateIndex = new Map(candidates.map((c, j) => [c.id, required.length + j]))
  const covered = new Uint8Array(demand.length)
  const weightOf = (site: number) => {
    let weight = 0
    for (const i of coveredBy(sets, site)) {
      if (covered[i]) continue
      covered[i] = 1
      weight += demand[i].weight
    }
    return weight
  }
  let before = 0
  for (let j = 0; j < required.length; j++) before += weightOf(j)
  const added = chosenIds.map((id) => {
    const site = candidateIndex.get(id)
    if (site === undefined) throw new Error(`the planner chose "${id}", which is not a candidate`)
    return weightOf(site)
  })
  const reachable = new Uint8Array(demand.length)
  for (const i of sets.demand) reachable[i] = 1
  return {
    before,
    after: before + added.reduce((sum, w) => sum + w, 0),
    total: demand.reduce((sum, d) => sum + d.weight, 0),
    added,
    uncoverable: reachable.reduce((n, r) => n + (r ? 0 : 1), 0),
  }
}

function demandCoverage(
  demand: readonly (DemandPoint & { name?: string })[],
  required: readonly FilePoint[],
  chosen: readonly PlannedSite[],
  radiusKm: number,
): PlannedDemand[] {
  const within = (point: DemandPoint, sites: readonly { position: readonly [number, number] }[]) =>
    sites.some((site) => greatCircleKm(point.position, site.position) <= radiusKm)
  return demand.map((point) => {
    const coveredBefore = within(point, required)
    return {
      id: point.id,
      name: point.name ?? point.id,
      position: [point.position[0], point.position[1]],
      weight: point.weight,
      coveredBefore,
      coveredAfter: coveredBefore || within(point, chosen),
    }
  })
}

function unitPoint(unit: Unit & { lon: number; lat: number }): FilePoint {
  return { id: `unit-${unit.id}`, position: [unit.lon, unit.lat], weight: 1, name: unit.name }
}

/** The deepest area the point lies in (a township in the demo). */
function locateLeaf(snapshot: Snapshot, [lon, lat]: [number, number]): Area | null {
  const index = snapshot.areaIndex
  const leaf = index.polygons.locate(lon, lat)
  return leaf === -1 ? null : (index.leaves[leaf] ?? null)
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)))
}
