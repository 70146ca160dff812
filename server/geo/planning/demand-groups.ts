// The reduced instance both planners work on. Demand already covered by a required site is settled and drops
// out; so does demand no candidate reaches. What is left is grouped by the exact set of candidates covering
// it: points with the same set are covered together or not at all, so one group with the summed weight is the
// same problem with fewer rows (in a county, many settlements share a set: often most of them).
import { coverersOf, type CoverageSets } from './coverage-sets'

export interface DemandGroups {
  readonly candidateCount: number
  readonly groupCount: number
  readonly weight: Float64Array // per group: summed demand weight
  readonly size: Int32Array // per group: demand points in it
  /** group g is covered by candidates[candidateStarts[g]] … (ascending) */
  readonly candidateStarts: Int32Array
  readonly candidates: Int32Array
  /** candidate j covers groups[groupStarts[j]] … (ascending) */
  readonly groupStarts: Int32Array
  readonly groups: Int32Array
  readonly groupOfDemand: Int32Array // per demand point: its group, or −1 if settled or unreachable
  readonly coveredByRequired: Uint8Array // per demand point: 1 when a required site covers it
  readonly unreachable: Int32Array // demand indices neither a required site nor any candidate covers, ascending
}

/**
 * Groups the demand that is not covered by `required` and is covered by some candidate. Groups are numbered
 * in order of their first demand point; weights (1 a point when absent) are summed in demand order.
 */
export function demandGroups(
  candidateSets: CoverageSets,
  requiredSets: CoverageSets,
  weights: ArrayLike<number> | null,
): DemandGroups {
  const demandCount = candidateSets.demandCount
  const coveredByRequired = new Uint8Array(demandCount)
  for (let k = 0; k < requiredSets.demand.length; k++) coveredByRequired[requiredSets.demand[k]] = 1

  const coverers = coverersOf(candidateSets)
  const groupOfDemand = new Int32Array(demandCount).fill(-1)
  const groupByKey = new Map<string, number>()
  const firstDemand: number[] = [] // per group
  const unreachable: number[] = []
  const weightList: number[] = []
  const sizeList: number[] = []
  for (let i = 0; i < demandCount; i++) {
    if (coveredByRequired[i] === 1) continue
    const from = coverers.starts[i]
    const to = coverers.starts[i + 1]
    if (from === to) {
      unreachable.push(i)
      continue
    }
    const key = to - from === 1 ? String(coverers.sites[from]) : coverers.sites.subarray(from, to).join(',')
    let group = groupByKey.get(key)
    if (group === undefined) {
      group = firstDemand.length
      groupByKey.set(key, group)
      firstDemand.push(i)
      weightList.push(0)
      sizeList.push(0)
    }
    groupOfDemand[i] = group
    weightList[group] += weights === null ? 1 : weights[i]
    sizeList[group]++
  }

  const groupCount = firstDemand.length
  const candidateStarts = new Int32Array(groupCount + 1)
  for (let g = 0; g < groupCount; g++) {
    const i = firstDemand[g]
    candidateStarts[g + 1] = candidateStarts[g] + coverers.starts[i + 1] - coverers.starts[i]
  }
  const candidates = new Int32Array(candidateStarts[groupCount])
  for (let g = 0; g < groupCount; g++) {
    const i = firstDemand[g]
    candidates.set(coverers.sites.subarray(coverers.starts[i], coverers.starts[i + 1]), candidateStarts[g])
  }

  // Transpose: candidate → groups, ascending because groups are visited in order.
  const candidateCount = candidateSets.siteCount
  const groupStarts = new Int32Array(candidateCount + 1)
  for (let k = 0; k < candidates.length; k++) groupStarts[candidates[k] + 1]++
  for (let j = 0; j < candidateCount; j++) groupStarts[j + 1] += groupStarts[j]
  const next = groupStarts.slice(0, candidateCount)
  const groups = new Int32Array(candidates.length)
  for (let g = 0; g < groupCount; g++) {
    for (let k = candidateStarts[g]; k < candidateStarts[g + 1]; k++) groups[next[candidates[k]]++] = g
  }

  return {
    candidateCount,
    groupCount,
    weight: Float64Array.from(weightList),
    size: Int32Array.from(sizeList),
    candidateStarts,
    candidates,
    groupStarts,
    groups,
    groupOfDemand,
    coveredByRequired,
    unreachable: Int32Array.from(unreachable),
  }
}
