// A Lagrangian bound for maximal covering, and the feasible site sets it passes through on the way.
//
// Relax each coverage row  y_g ≤ Σ_{j covers g} x_j  with a multiplier λ_g ≥ 0. What is left splits:
//   L(λ) = Σ_g max(0, w_g − λ_g)  +  the sum of the `sites` largest positive scores s_j = Σ_{g ∈ N(j)} λ_g
// and for every λ ≥ 0, L(λ) is an upper bound on the weight any `sites` candidates can cover. The subproblem
// has the integrality property, so min over λ of L(λ) is the LP relaxation's optimum: subgradient steps
// approach the LP bound from above without an LP solver, in O(nonzeros) a step (Galvão & ReVelle 1996).
// The top-`sites` candidates of each step are a feasible answer too; the best of them is kept.
//
// Steps are Polyak's: λ ← max(0, λ − t·(covering − y)), t = π·(L − best known)/‖covering − y‖², π halved
// whenever the bound has not improved for a while.
import type { DemandGroups } from './demand-groups'

export interface LagrangianOptions {
  steps: number // subgradient steps at most
  incumbent: number // weight of the best known answer: the target of the step size
  stallSteps?: number // 20: steps without a better bound before π is halved
}

export interface LagrangianOutcome {
  bound: number // the lowest L(λ) seen: no `sites` candidates cover more weight of the groups
  bestSites: number[] // the best feasible subproblem answer seen (may be fewer than `sites`)
  bestWeight: number // its covered weight
  steps: number
}

const MIN_STEP_SCALE = 1e-4 // π below this: the steps no longer move the bound

export function lagrangianCoverage(
  groups: DemandGroups,
  sites: number,
  { steps, incumbent, stallSteps = 20 }: LagrangianOptions,
): LagrangianOutcome {
  const { groupCount, candidateCount, weight } = groups
  const multiplier = Float64Array.from(weight) // λ = w: L is then the sum of the `sites` largest single gains
  const score = new Float64Array(candidateCount)
  const covering = new Int32Array(groupCount)
  const order = new Int32Array(candidateCount)
  const useful: number[] = []
  for (let j = 0; j < candidateCount; j++) if (groups.groupStarts[j] < groups.groupStarts[j + 1]) useful.push(j)
  let totalWeight = 0
  for (let g = 0; g < groupCount; g++) totalWeight += weight[g]

  let bound = totalWeight
  let bestSites: number[] = []
  let bestWeight = 0
  let stepScale = 2
  let stalled = 0
  let step = 0
  while (step < steps && stepScale >= MIN_STEP_SCALE) {
    step++
    // Scores, and the top `sites` candidates by score (ties to the lower index).
    let count = 0
    for (const j of useful) {
      let sum = 0
      for (let k = groups.groupStarts[j]; k < groups.groupStarts[j + 1]; k++) sum += multiplier[groups.groups[k]]
      score[j] = sum
      if (sum > 0) order[count++] = j
    }
    const ranked = order.subarray(0, count).sort((a, b) => score[b] - score[a] || a - b)
    const chosen = ranked.subarray(0, Math.min(sites, count))

    let value = 0
    for (let g = 0; g < groupCount; g++) if (weight[g] > multiplier[g]) value += weight[g] - multiplier[g]
    for (const j of chosen) value += score[j]
    if (value < bound) {
      bound = value
      stalled = 0
    } else if (++stalled >= stallSteps) {
      stepScale /= 2
      stalled = 0
    }

    // The chosen candidates as an answer, and the subgradient covering_g − y_g.
    covering.fill(0)
    let covered = 0
    for (const j of chosen) {
      for (let k = groups.groupStarts[j]; k < groups.groupStarts[j + 1]; k++) {
        const g = groups.groups[k]
        if (covering[g]++ === 0) covered += weight[g]
      }
    }
    if (covered > bestWeight) {
      bestWeight = covered
      bestSites = Array.from(chosen)
    }
    const target = Math.max(incumbent, bestWeight)
    if (bound - target <= totalWeight * 1e-12) break // the bound meets an answer: nothing left to prove
    // Components that would push a multiplier below 0 are clipped anyway; counting them would only shrink the step.
    let norm = 0
    for (let g = 0; g < groupCount; g++) {
      const direction = covering[g] - (weight[g] > multiplier[g] ? 1 : 0)
      if (direction > 0 && multiplier[g] === 0) continue
      norm += direction * direction
    }
    if (norm === 0) break // λ is optimal for the relaxation: L(λ) is the LP bound
    const length = (stepScale * (value - target)) / norm
    for (let g = 0; g < groupCount; g++) {
      const direction = covering[g] - (weight[g] > multiplier[g] ? 1 : 0)
      if (direction !== 0) multiplier[g] = Math.max(0, multiplier[g] - length * direction)
    }
  }
  return { bound, bestSites, bestWeight, steps: step }
}

// Set covering (Beasley 1990). Relax each row  Σ_{j covers g} x_j ≥ 1  with u_g ≥ 0:
//   L(u) = Σ_g u_g + Σ_j min(0, 1 − s_j),  s_j = Σ_{g ∈ N(j)} u_g
// a lower bound on the number of sites for every u ≥ 0 (and, the optimum being whole, so is ⌈L(u)⌉). The
// candidates with negative reduced cost 1 − s_j, completed greedily into a cover and pruned, are an answer.

export interface SetCoverLagrangianOptions {
  steps: number // subgradient steps at most
  incumbent: readonly number[] // the best known cover: its size is the target of the step size
  stallSteps?: number // 20: steps without a better bound before π is halved
  coverEvery?: number // 1: grow a cover every this many steps (and at every step that improves the bound)
  coverFrom: (start: readonly number[]) => number[] // completes and prunes a start into a cover
}

export interface SetCoverLagrangianOutcome {
  bound: number // the highest L(u) seen (not rounded)
  bestCover: number[] // the smallest cover seen, or the incumbent
  steps: number
}

export function lagrangianSetCover(
  groups: DemandGroups,
  { steps, incumbent, stallSteps = 20, coverEvery = 1, coverFrom }: SetCoverLagrangianOptions,
): SetCoverLagrangianOutcome {
  const { groupCount, candidateCount } = groups
  // u_g = 1 / (the most groups any candidate covering g covers): a cheap start near the bound's scale.
  const multiplier = new Float64Array(groupCount)
  for (let g = 0; g < groupCount; g++) {
    let widest = 1
    for (let k = groups.candidateStarts[g]; k < groups.candidateStarts[g + 1]; k++) {
      const j = groups.candidates[k]
      widest = Math.max(widest, groups.groupStarts[j + 1] - groups.groupStarts[j])
    }
    multiplier[g] = 1 / widest
  }
  const score = new Float64Array(candidateCount)
  const covering = new Int32Array(groupCount)
  const attractive: number[] = []

  let bound = 0
  let bestCover = [...incumbent]
  let stepScale = 2
  let stalled = 0
  let step = 0
  while (step < steps && stepScale >= MIN_STEP_SCALE && groupCount > 0) {
    step++
    let value = 0
    for (let g = 0; g < groupCount; g++) value += multiplier[g]
    attractive.length = 0
    covering.fill(0)
    for (let j = 0; j < candidateCount; j++) {
      let sum = 0
      for (let k = groups.groupStarts[j]; k < groups.groupStarts[j + 1]; k++) sum += multiplier[groups.groups[k]]
      score[j] = sum
      if (sum > 1) {
        value += 1 - sum
        attractive.push(j)
        for (let k = groups.groupStarts[j]; k < groups.groupStarts[j + 1]; k++) covering[groups.groups[k]]++
      }
    }
    if (value > bound) {
      bound = value
      stalled = 0
    } else if (++stalled >= stallSteps) {
      stepScale /= 2
      stalled = 0
    }

    // Most attractive first, so pruning (last first) drops the least attractive.
    if (step % coverEvery === 0 || stalled === 0) {
      attractive.sort((a, b) => score[b] - score[a] || a - b)
      const cover = coverFrom(attractive)
      if (cover.length < bestCover.length) bestCover = cover
    }
    if (Math.ceil(bound - 1e-9) >= bestCover.length) break // the bound meets an answer

    let norm = 0
    for (let g = 0; g < groupCount; g++) if (covering[g] <= 1 || multiplier[g] > 0) norm += (1 - covering[g]) ** 2
    if (norm === 0) break // the relaxed answer is a cover: L(u) is the LP bound and nothing improves it
    const length = (stepScale * (bestCover.length - value)) / norm
    for (let g = 0; g < groupCount; g++) {
      const direction = 1 - covering[g]
      if (direction !== 0) multiplier[g] = Math.max(0, multiplier[g] + length * direction)
    }
  }
  return { bound, bestCover, steps: step }
}
