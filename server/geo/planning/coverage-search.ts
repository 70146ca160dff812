// Heuristic search for maximal coverage on the reduced instance (see demand-groups.ts): lazy greedy, then
// 1-swap interchange (Teitz–Bart style, first improvement, candidates in order).
//
// Lazy greedy keeps each candidate's last computed gain in a max-heap. Coverage is submodular (a candidate's
// gain only shrinks as sites open), so a stale gain is an upper bound: when the top candidate's fresh gain
// still beats the next stale one, it is the true best. With equal gains broken by candidate order the picks
// are exactly those of plain greedy, at a small fraction of the gain evaluations.
//
// The interchange move closes one open site s and opens one closed candidate c. Its profit is
//   gain(c) − loss(s) + shared(c, s)
// where gain(c) is the uncovered weight c covers, loss(s) the weight only s covers, and shared(c, s) the weight
// only s covers that c covers too. One walk over c's groups gives gain(c) and shared(c, ·) for every s that is
// the sole cover of one of them; every other s has shared = 0, so the site with the least loss is its best
// partner. A pass costs one walk over every closed candidate's groups.
import type { DemandGroups } from './demand-groups'
import { gainHeap } from './gain-heap'

export interface GreedyPicks {
  picks: number[] // candidate indices, in pick order
  gains: number[] // each pick's added weight given the picks before it
  evaluations: number // gain computations, for comparing with plain greedy (sites × candidates)
}

export interface GreedyOptions {
  among?: readonly number[] // every candidate: the candidates greedy may pick from
  open?: readonly number[] // none: sites already open, whose coverage counts but which are not picks
}

/**
 * Lazy greedy: up to `sites` picks, each the candidate adding the most uncovered weight, ties to the lower
 * candidate index. Stops early when no candidate adds anything.
 */
export function lazyGreedy(groups: DemandGroups, sites: number, { among, open = [] }: GreedyOptions = {}): GreedyPicks {
  const covered = new Uint8Array(groups.groupCount)
  const isOpen = new Uint8Array(groups.candidateCount)
  for (const site of open) {
    isOpen[site] = 1
    for (let k = groups.groupStarts[site]; k < groups.groupStarts[site + 1]; k++) covered[groups.groups[k]] = 1
  }
  const gainOf = (candidate: number) => {
    let gain = 0
    for (let k = groups.groupStarts[candidate]; k < groups.groupStarts[candidate + 1]; k++) {
      const group = groups.groups[k]
      if (covered[group] === 0) gain += groups.weight[group]
    }
    return gain
  }
  const pool = among ?? Array.from({ length: groups.candidateCount }, (_, j) => j)
  const heap = gainHeap(pool.length)
  let evaluations = 0
  for (const candidate of pool) {
    if (isOpen[candidate] === 1) continue
    if (groups.groupStarts[candidate] === groups.groupStarts[candidate + 1]) continue // covers nothing new
    heap.push(candidate, gainOf(candidate))
    evaluations++
  }
  const picks: number[] = []
  const gains: number[] = []
  while (picks.length < sites && heap.size > 0) {
    const candidate = heap.topCandidate()
    heap.pop()
    const gain = gainOf(candidate)
    evaluations++
    const isBest =
      heap.size === 0 || gain > heap.topGain() || (gain === heap.topGain() && candidate < heap.topCandidate())
    if (!isBest) {
      heap.push(candidate, gain)
      continue
    }
    // The best adds nothing, so nothing does: all reachable demand is covered (or weighs nothing).
    if (!(gain > 0)) break
    picks.push(candidate)
    gains.push(gain)
    for (let k = groups.groupStarts[candidate]; k < groups.groupStarts[candidate + 1]; k++) covered[groups.groups[k]] = 1
  }
  return { picks, gains, evaluations }
}

/** Which candidates are open and how often each group is covered, with the bookkeeping interchange needs. */
export interface CoverageState {
  readonly open: Uint8Array // per candidate
  readonly count: Int32Array // per group: open candidates covering it
  readonly coverSum: Float64Array // per group: sum of the open covering candidates' indices; the sole one when count is 1
  readonly loss: Float64Array // per open candidate: weight of the groups only it covers
  coveredWeight: number
}

export function coverageState(groups: DemandGroups, openSites: readonly number[]): CoverageState {
  const state: CoverageState = {
    open: new Uint8Array(groups.candidateCount),
    count: new Int32Array(groups.groupCount),
    coverSum: new Float64Array(groups.groupCount),
    loss: new Float64Array(groups.candidateCount),
    coveredWeight: 0,
  }
  for (const site of openSites) openSite(groups, state, site)
  recomputeLoss(groups, state)
  return state
}

function openSite(groups: DemandGroups, state: CoverageState, site: number): void {
  state.open[site] = 1
  for (let k = groups.groupStarts[site]; k < groups.groupStarts[site + 1]; k++) {
    const group = groups.groups[k]
    const weight = groups.weight[group]
    if (state.count[group] === 0) {
      state.coveredWeight += weight
      state.loss[site] += weight
    } else if (state.count[group] === 1) {
      state.loss[state.coverSum[group]] -= weight // its sole cover now shares it
    }
    state.count[group]++
    state.coverSum[group] += site
  }
}

function closeSite(groups: DemandGroups, state: CoverageState, site: number): void {
  state.open[site] = 0
  state.loss[site] = 0
  for (let k = groups.groupStarts[site]; k < groups.groupStarts[site + 1]; k++) {
    const group = groups.groups[k]
    state.count[group]--
    state.coverSum[group] -= site
    if (state.count[group] === 0) state.coveredWeight -= groups.weight[group]
    else if (state.count[group] === 1) state.loss[state.coverSum[group]] += groups.weight[group]
  }
}

// Incremental += / −= on losses drifts by rounding over many swaps; each pass starts from exact sums.
function recomputeLoss(groups: DemandGroups, state: CoverageState): void {
  state.loss.fill(0)
  let coveredWeight = 0
  for (let group = 0; group < groups.groupCount; group++) {
    if (state.count[group] === 0) continue
    coveredWeight += groups.weight[group]
    if (state.count[group] === 1) state.loss[state.coverSum[group]] += groups.weight[group]
  }
  state.coveredWeight = coveredWeight
}

export interface SwapOutcome {
  sites: number[] // the open candidates; a swapped-in candidate takes the place of the one it replaced
  swaps: number
  passes: number
  converged: boolean // the last pass found no improving swap (a local optimum), as opposed to running out of passes
}

/** 1-swap interchange from `start` until a pass improves nothing or `maxPasses` passes have run. */
export function improveBySwaps(groups: DemandGroups, start: readonly number[], maxPasses: number): SwapOutcome {
  const sites = [...start]
  const state = coverageState(groups, sites)
  let totalWeight = 0
  for (let group = 0; group < groups.groupCount; group++) totalWeight += groups.weight[group]
  // A swap must gain more than rounding could fake, or two equal sets could swap forever.
  const minimumProfit = totalWeight * 1e-12
  const shared = new Float64Array(groups.candidateCount)
  const seenAt = new Int32Array(groups.candidateCount) // the evaluation that last reset shared[site]
  let evaluation = 0
  const touched: number[] = []
  let swaps = 0
  let passes = 0
  let converged = sites.length === 0
  while (!converged && passes < maxPasses) {
    passes++
    recomputeLoss(groups, state)
    let [leastLossSlot, leastLoss] = leastLossOf(sites, state)
    let swapsThisPass = 0
    for (let candidate = 0; candidate < groups.candidateCount; candidate++) {
      if (state.open[candidate] === 1) continue
      const from = groups.groupStarts[candidate]
      const to = groups.groupStarts[candidate + 1]
      if (from === to) continue
      let gain = 0
      touched.length = 0
      evaluation++
      for (let k = from; k < to; k++) {
        const group = groups.groups[k]
        const count = state.count[group]
        if (count === 0) gain += groups.weight[group]
        else if (count === 1) {
          const sole = state.coverSum[group]
          if (seenAt[sole] !== evaluation) {
            seenAt[sole] = evaluation
            shared[sole] = 0
            touched.push(sole)
          }
          shared[sole] += groups.weight[group]
        }
      }
      let bestOut = sites[leastLossSlot]
      let bestProfit = gain - leastLoss
      for (const site of touched) {
        const profit = gain - state.loss[site] + shared[site]
        if (profit > bestProfit) {
          bestProfit = profit
          bestOut = site
        }
      }
      if (!(bestProfit > minimumProfit)) continue
      closeSite(groups, state, bestOut)
      openSite(groups, state, candidate)
      sites[sites.indexOf(bestOut)] = candidate
      swaps++
      swapsThisPass++
      ;[leastLossSlot, leastLoss] = leastLossOf(sites, state)
    }
    converged = swapsThisPass === 0
  }
  return { sites, swaps, passes, converged }
}

function leastLossOf(sites: readonly number[], state: CoverageState): [slot: number, loss: number] {
  let slot = 0
  for (let s = 1; s < sites.length; s++) if (state.loss[sites[s]] < state.loss[sites[slot]]) slot = s
  return [slot, state.loss[sites[slot]]]
}

/**
 * Upper bound on the weight any `sites` candidates can cover: what `openSites` cover plus the `sites` largest
 * gains a closed candidate would add to them. Valid for any open set, because coverage is submodular: the
 * optimum's sites add at most their single gains to the open set's coverage. Also capped by all reachable weight.
 */
export function submodularBound(groups: DemandGroups, openSites: readonly number[], sites: number): number {
  const state = coverageState(groups, openSites)
  const gains: number[] = []
  let reachable = 0
  for (let group = 0; group < groups.groupCount; group++) reachable += groups.weight[group]
  for (let candidate = 0; candidate < groups.candidateCount; candidate++) {
    if (state.open[candidate] === 1) continue
    let gain = 0
    for (let k = groups.groupStarts[candidate]; k < groups.groupStarts[candidate + 1]; k++) {
      const group = groups.groups[k]
      if (state.count[group] === 0) gain += groups.weight[group]
    }
    if (gain > 0) gains.push(gain)
  }
  gains.sort((a, b) => b - a)
  let bound = state.coveredWeight
  for (let k = 0; k < Math.min(sites, gains.length); k++) bound += gains[k]
  return Math.min(bound, reachable)
}
