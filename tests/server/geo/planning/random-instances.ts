// Seeded random planning instances and brute-force answers for the planning tests. Coverage here is computed
// pair by pair with greatCircleKm, independently of coverage-sets.ts, so the tests check that module too.
import { greatCircleKm, type LonLat } from '../../../../server/geo/planning/distance'
import type { DemandPoint, SiteInput } from '../../../../server/geo/planning/mclp'
import { seededRandom, type Random } from '../../../../server/geo/prng'

export interface RandomInstance {
  demand: DemandPoint[]
  candidates: SiteInput[]
  required: SiteInput[]
  sites: number
  radiusKm: number
}

export interface InstanceShape {
  demand: number
  candidates: number
  required?: number // 0
  sites: number
  radiusKm: number
  box?: readonly [number, number, number, number] // [103, 27, 103.4, 27.4]: a county-sized square in 云南
  fractionalWeights?: boolean // false: integer weights 0…100
}

export function randomInstance(seed: number, shape: InstanceShape): RandomInstance {
  const random = seededRandom(seed)
  const [west, south, east, north] = shape.box ?? [103, 27, 103.4, 27.4]
  const at = (r: Random): LonLat => [west + r() * (east - west), south + r() * (north - south)]
  const demand = Array.from({ length: shape.demand }, (_, i) => ({
    id: `d${i}`,
    position: at(random),
    weight: shape.fractionalWeights ? random() * 100 : Math.floor(random() * 101),
  }))
  const candidates = Array.from({ length: shape.candidates }, (_, j) => ({ id: `c${j}`, position: at(random) }))
  const required = Array.from({ length: shape.required ?? 0 }, (_, j) => ({ id: `r${j}`, position: at(random) }))
  return { demand, candidates, required, sites: shape.sites, radiusKm: shape.radiusKm }
}

/** For each site, the set of demand indices within the radius, by the plain pairwise test. */
export function bruteCoverage(demand: readonly { position: LonLat }[], sites: readonly { position: LonLat }[], radiusKm: number) {
  return sites.map((site) => {
    const covered = new Set<number>()
    demand.forEach((point, i) => {
      if (greatCircleKm(site.position, point.position) <= radiusKm) covered.add(i)
    })
    return covered
  })
}

/** Every k-subset of 0…n−1, in lexicographic order. */
export function* subsets(n: number, k: number): Generator<number[]> {
  const pick = Array.from({ length: k }, (_, i) => i)
  if (k > n) return
  for (;;) {
    yield [...pick]
    let i = k - 1
    while (i >= 0 && pick[i] === n - k + i) i--
    if (i < 0) return
    pick[i]++
    for (let j = i + 1; j < k; j++) pick[j] = pick[j - 1] + 1
  }
}

/** Weight covered by the required sites plus the given candidates. */
export function coveredWeightOf(instance: RandomInstance, chosen: readonly number[]): number {
  const sites = [...instance.required, ...chosen.map((j) => instance.candidates[j])]
  const covered = new Set<number>()
  for (const set of bruteCoverage(instance.demand, sites, instance.radiusKm)) for (const i of set) covered.add(i)
  let weight = 0
  for (const i of covered) weight += instance.demand[i].weight
  return weight
}

/** The best weight any min(sites, candidates)-subset covers, by enumeration. */
export function bruteForceOptimum(instance: RandomInstance): number {
  const candidateCover = bruteCoverage(instance.demand, instance.candidates, instance.radiusKm)
  const requiredCover = bruteCoverage(instance.demand, instance.required, instance.radiusKm)
  const base = new Set<number>()
  for (const set of requiredCover) for (const i of set) base.add(i)
  let best = 0
  const k = Math.min(instance.sites, instance.candidates.length)
  for (const subset of subsets(instance.candidates.length, k)) {
    const covered = new Set(base)
    for (const j of subset) for (const i of candidateCover[j]) covered.add(i)
    let weight = 0
    for (const i of covered) weight += instance.demand[i].weight
    best = Math.max(best, weight)
  }
  return best
}

/** The fewest candidates covering every point that required sites leave uncovered and some candidate reaches. */
export function bruteForceMinimumCover(instance: RandomInstance): number {
  const candidateCover = bruteCoverage(instance.demand, instance.candidates, instance.radiusKm)
  const requiredCover = bruteCoverage(instance.demand, instance.required, instance.radiusKm)
  const settled = new Set<number>()
  for (const set of requiredCover) for (const i of set) settled.add(i)
  const needed = new Set<number>()
  for (const set of candidateCover) for (const i of set) if (!settled.has(i)) needed.add(i)
  for (let k = 0; k <= instance.candidates.length; k++) {
    for (const subset of subsets(instance.candidates.length, k)) {
      const covered = new Set<number>()
      for (const j of subset) for (const i of candidateCover[j]) covered.add(i)
      if ([...needed].every((i) => covered.has(i))) return k
    }
  }
  throw new Error('unreachable: all candidates together cover every needed point')
}

export interface ClusteredShape {
  demand: number
  candidates: number
  required: number
  sites: number
  radiusKm: number
  box: readonly [number, number, number, number]
  settlementsPerTown?: number // 60: demand points cluster around towns, this many a town on average
}

/**
 * Settlements the way a prefecture has them: clustered around towns (about 0.15° either way), weights from a
 * few dozen to a few thousand people; candidates and required units sit near settlements.
 */
export function clusteredInstance(seed: number, shape: ClusteredShape): RandomInstance {
  const random = seededRandom(seed)
  const [west, south, east, north] = shape.box
  const townCount = Math.max(1, Math.round(shape.demand / (shape.settlementsPerTown ?? 60)))
  const towns = Array.from({ length: townCount }, () => [west + random() * (east - west), south + random() * (north - south)])
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))
  // The sum of two uniforms: a triangular spread, denser near the town.
  const jitter = (spread: number) => (random() + random() - 1) * spread
  const demand = Array.from({ length: shape.demand }, (_, i) => {
    const [lon, lat] = towns[Math.floor(random() * townCount)]
    const position: LonLat = [clamp(lon + jitter(0.15), west, east), clamp(lat + jitter(0.15), south, north)]
    return { id: `d${i}`, position, weight: 30 + Math.floor(random() ** 2 * 3_000) }
  })
  const nearSettlement = (prefix: string, j: number) => {
    const [lon, lat] = demand[Math.floor(random() * demand.length)].position
    return { id: `${prefix}${j}`, position: [clamp(lon + jitter(0.02), -180, 180), clamp(lat + jitter(0.02), -90, 90)] as LonLat }
  }
  const candidates = Array.from({ length: shape.candidates }, (_, j) => nearSettlement('c', j))
  const required = Array.from({ length: shape.required }, (_, j) => nearSettlement('r', j))
  return { demand, candidates, required, sites: shape.sites, radiusKm: shape.radiusKm }
}
