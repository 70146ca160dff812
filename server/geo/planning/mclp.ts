// Maximal covering location (MCLP): open `sites` new demonstration sites among the candidates so that the most
// demand weight lies within `radiusKm` of an open site, required sites (units already named) counting as open.
//
// The search scales past ArcGIS's location-allocation limits (10 000 demand points, 1 000 candidates,
// 100 facilities) because it works on the reduced instance (demand-groups.ts) with no solver:
//   1. lazy greedy, then 1-swap interchange (coverage-search.ts);
//   2. subgradient steps on the Lagrangian relaxation (lagrangian.ts): a bound near the LP bound, and
//      candidate sets that, completed greedily and interchanged, often beat step 1;
//   3. when the reduced model is small enough, the MILP (coverage-models.ts) solved by HiGHS, started from the
//      best answer so far; otherwise, if smaller still than maxLpVariables, its LP relaxation for a bound.
// Steps 2 and 3 are skipped once a bound meets the answer (the MILP is not, with exact: 'always').
//
// The bound says how far the answer can be from the optimum; its kind names where it came from:
//   exact       proven optimal: the MILP finished, or another bound already met the answer
//   lp          the LP relaxation's optimum, or the dual bound of a MILP stopped by its time limit
//   lagrangian  the lowest Lagrangian bound the subgradient steps found (never below the LP bound)
//   greedy      covered weight plus the `sites` largest gains a closed candidate still offers (valid because
//               coverage is submodular), capped by all the weight the candidates can reach
//
// gap = (bound − after) / (bound − before): the share of the best possible *new* coverage the answer may still
// miss. Required sites' coverage is the same for every answer, so counting it would only flatter the answer.
// 0 when bound = before (nothing can be added).
import { coverageSets } from './coverage-sets'
import {
  candidateColumns,
  maxCoverageModel,
  maxCoverageModelSize,
  maxCoverageStart,
  openCandidates,
} from './coverage-models'
import { improveBySwaps, lazyGreedy, submodularBound } from './coverage-search'
import { demandGroups, type DemandGroups } from './demand-groups'
import { lagrangianCoverage } from './lagrangian'
import type { LonLat } from './distance'
import { solveLinearModel } from './highs-solver'
import { checkCount, checkSolverLimits, checkUniqueIds, checkWeights, type ExactMode } from './input-checks'

export interface DemandPoint {
  id: string
  position: LonLat
  weight: number // population or any other non-negative weight
}

export interface SiteInput {
  id: string
  position: LonLat
}

export interface MclpInput {
  demand: readonly DemandPoint[]
  candidates: readonly SiteInput[]
  required?: readonly SiteInput[] // already open: count as covering, never chosen
  sites: number // new sites to open
  radiusKm: number
}

export type { ExactMode } from './input-checks'

export interface MclpOptions {
  swapPasses?: number // 50: interchange passes over all candidates; 0 keeps the greedy answer
  boundSteps?: number // 500: Lagrangian subgradient steps, each O(coverage-set sizes); 0 = none
  // 'auto': MILP when no cheaper bound proved the answer and the reduced model has ≤ maxExactVariables columns;
  // 'always': MILP whatever the size or other bounds; 'never': no MILP
  exact?: ExactMode
  maxExactVariables?: number // 5 000: columns = distinct useful candidates + demand groups
  maxLpVariables?: number // 5 000: largest model whose LP relaxation is solved when the MILP is not; 0 = never
  timeLimitSeconds?: number // 10: per HiGHS solve; a stopped MILP still gives its incumbent and dual bound
}

export interface ChosenSite {
  id: string
  coveredWeightAdded: number // weight this site adds given the sites listed before it
}

export type BoundKind = 'exact' | 'lp' | 'lagrangian' | 'greedy'

export interface MclpResult {
  /** new sites, in pick order: the order greedy would open them, so their coveredWeightAdded sum to after − before */
  chosen: ChosenSite[]
  coveredWeightBefore: number // by required sites alone
  coveredWeightAfter: number
  totalWeight: number
  demandCovered: number // demand points covered after (required + chosen)
  bound: { value: number; kind: BoundKind } // no `sites` candidates with the required sites cover more than value
  gap: number // 0…1, (bound − after) / (bound − before)
  method: 'greedy+swap' | 'lagrangian+swap' | 'milp' // what found the chosen sites
  iterations: number // greedy picks + improving swaps, over every start
  notes: string[]
}

export async function maximalCoverage(input: MclpInput, options: MclpOptions = {}): Promise<MclpResult> {
  const {
    swapPasses = 50,
    boundSteps = 500,
    exact = 'auto',
    maxExactVariables = 5_000,
    maxLpVariables = 5_000,
    timeLimitSeconds = 10,
  } = options
  checkCount(input.sites, 'sites')
  checkCount(swapPasses, 'swapPasses')
  checkSolverLimits({ boundSteps, exact, maxExactVariables, maxLpVariables, timeLimitSeconds })
  checkWeights(input.demand, 'demand point')
  checkUniqueIds(input.candidates, 'candidate')
  const required = input.required ?? []
  const sites = input.sites

  const candidateSets = coverageSets(input.demand, input.candidates, input.radiusKm, { siteKind: 'candidate' })
  const requiredSets = coverageSets(input.demand, required, input.radiusKm, { siteKind: 'required site' })
  const weights = Float64Array.from(input.demand, (point) => point.weight)
  const groups = demandGroups(candidateSets, requiredSets, weights)

  let totalWeight = 0
  let before = 0
  let coveredBefore = 0
  for (let i = 0; i < weights.length; i++) {
    totalWeight += weights[i]
    if (groups.coveredByRequired[i] === 1) {
      before += weights[i]
      coveredBefore++
    }
  }
  const notes = instanceNotes(input, groups)
  // Everything below is in new weight: weight of the groups, which the required sites leave uncovered.
  const tolerance = Math.max(totalWeight, 1) * 1e-9

  // 1. Greedy + interchange.
  const greedy = lazyGreedy(groups, sites)
  if (greedy.picks.length < sites && greedy.picks.length < countUseful(groups)) {
    notes.push(`${greedy.picks.length} sites cover all the demand candidates can reach; more would add nothing`)
  }
  let iterations = greedy.picks.length
  let open = greedy.picks
  let added = coveredWeight(groups, open)
  let method: MclpResult['method'] = 'greedy+swap'
  if (greedy.picks.length === sites && swapPasses > 0) {
    const swapped = improveBySwaps(groups, greedy.picks, swapPasses)
    iterations += swapped.swaps
    open = swapped.sites
    added = coveredWeight(groups, open)
    notes.push(
      `interchange: ${swapped.swaps} improving swaps in ${swapped.passes} passes` +
        (swapped.converged ? ' (local optimum)' : ' (pass limit reached, still improving)'),
    )
  }
  let bound = submodularBound(groups, open, sites)
  let kind: BoundKind = 'greedy'
  const isProven = () => bound - added <= tolerance

  // 2. Lagrangian bound, and its answers as new starts.
  if (!isProven() && boundSteps > 0) {
    const lagrangian = lagrangianCoverage(groups, sites, { steps: boundSteps, incumbent: added })
    if (lagrangian.bound < bound) {
      bound = lagrangian.bound
      kind = 'lagrangian'
    }
    const completed = lazyGreedy(groups, sites - lagrangian.bestSites.length, { open: lagrangian.bestSites })
    const start = [...lagrangian.bestSites, ...completed.picks]
    const swapped = improveBySwaps(groups, start, swapPasses)
    iterations += completed.picks.length + swapped.swaps
    const swappedAdded = coveredWeight(groups, swapped.sites)
    notes.push(`Lagrangian: ${lagrangian.steps} subgradient steps; its best set, interchanged, covers ${round(before + swappedAdded)}`)
    if (swappedAdded > added + tolerance) {
      open = swapped.sites
      added = swappedAdded
      method = 'lagrangian+swap'
    }
  }

  // 3. HiGHS: the MILP when small enough, else the LP relaxation when smaller than its own limit.
  const columns = candidateColumns(groups)
  const modelSize = maxCoverageModelSize(groups, columns)
  const isMilpWanted = exact === 'always' || (!isProven() && exact === 'auto' && modelSize <= maxExactVariables)
  if (modelSize > 0 && isMilpWanted) {
    const milp = await solveLinearModel(maxCoverageModel(groups, columns, sites, true), {
      timeLimitSeconds,
      start: maxCoverageStart(groups, columns, open),
    })
    if (milp.values !== null) {
      const milpOpen = openCandidates(columns, milp.values)
      const milpAdded = coveredWeight(groups, milpOpen)
      if (milpAdded > added + tolerance) {
        open = milpOpen
        added = milpAdded
        method = 'milp'
      }
    }
    if (milp.status === 'optimal') {
      bound = added
      notes.push(
        method === 'milp'
          ? `MILP (${modelSize} columns) found the optimum`
          : `MILP (${modelSize} columns) proved the answer optimal`,
      )
    } else {
      notes.push(`MILP (${modelSize} columns): ${milp.detail}`)
      if (milp.provenBound !== null && milp.provenBound < bound) {
        bound = milp.provenBound
        kind = 'lp'
        notes.push("bound is the stopped MILP's branch-and-bound dual bound")
      }
    }
  } else if (!isProven() && modelSize <= maxLpVariables) {
    const lp = await solveLinearModel(maxCoverageModel(groups, columns, sites, false), { timeLimitSeconds })
    if (lp.status === 'optimal' && lp.provenBound !== null) {
      notes.push(`LP relaxation (${modelSize} columns) bound ${round(before + lp.provenBound)}`)
      if (lp.provenBound < bound) {
        bound = lp.provenBound
        kind = 'lp'
      }
    } else notes.push(`LP relaxation (${modelSize} columns): ${lp.detail}`)
  } else if (!isProven()) {
    const why = exact === 'never' ? "exact is 'never'" : `over maxExactVariables ${maxExactVariables}`
    notes.push(`no HiGHS solve: model has ${modelSize} columns, ${why} and over maxLpVariables ${maxLpVariables}`)
  }
  // A bound can sit a rounding error below the answer that meets it.
  bound = Math.max(bound, added)
  if (isProven()) kind = 'exact'

  const order = lazyGreedy(groups, open.length, { among: open })
  if (order.picks.length < open.length) {
    notes.push(`${open.length - order.picks.length} of the solver's sites add no coverage and are left out`)
  }
  let demandCovered = coveredBefore
  const isGroupCovered = new Uint8Array(groups.groupCount)
  for (const site of order.picks) {
    for (let k = groups.groupStarts[site]; k < groups.groupStarts[site + 1]; k++) isGroupCovered[groups.groups[k]] = 1
  }
  for (let group = 0; group < groups.groupCount; group++) if (isGroupCovered[group] === 1) demandCovered += groups.size[group]

  return {
    chosen: order.picks.map((site, k) => ({ id: input.candidates[site].id, coveredWeightAdded: order.gains[k] })),
    coveredWeightBefore: before,
    coveredWeightAfter: before + added,
    totalWeight,
    demandCovered,
    bound: { value: before + bound, kind },
    gap: bound > tolerance ? Math.min(1, Math.max(0, (bound - added) / bound)) : 0,
    method,
    iterations,
    notes,
  }
}

function countUseful(groups: DemandGroups): number {
  let useful = 0
  for (let j = 0; j < groups.candidateCount; j++) if (groups.groupStarts[j] < groups.groupStarts[j + 1]) useful++
  return useful
}

/** Weight of the groups some site in `open` covers. */
function coveredWeight(groups: DemandGroups, open: readonly number[]): number {
  const isCovered = new Uint8Array(groups.groupCount)
  let weight = 0
  for (const site of open) {
    for (let k = groups.groupStarts[site]; k < groups.groupStarts[site + 1]; k++) {
      const group = groups.groups[k]
      if (isCovered[group] === 0) {
        isCovered[group] = 1
        weight += groups.weight[group]
      }
    }
  }
  return weight
}

function instanceNotes(input: MclpInput, groups: DemandGroups): string[] {
  const notes: string[] = []
  if (input.demand.length === 0) notes.push('no demand points: nothing to cover')
  if (input.candidates.length === 0) notes.push('no candidates: nothing can be opened')
  if (input.sites > input.candidates.length && input.candidates.length > 0) {
    notes.push(`sites ${input.sites} exceeds the ${input.candidates.length} candidates: at most all of them open`)
  }
  if (groups.unreachable.length > 0) {
    notes.push(`${groups.unreachable.length} demand points are beyond every candidate and required site`)
  }
  if (input.demand.length > 0 && groups.groupCount === 0 && groups.unreachable.length === 0) {
    notes.push('required sites already cover every demand point')
  }
  let reachable = 0
  for (let group = 0; group < groups.groupCount; group++) reachable += groups.weight[group]
  if (groups.groupCount > 0 && reachable === 0) notes.push('the demand new sites could reach weighs nothing')
  return notes
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6
}
