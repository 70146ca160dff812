// Location set covering (LSCP): the fewest new sites that put every demand point a candidate can reach within
// `radiusKm` of an open site, required sites counting as open. Demand that neither a required site nor any
// candidate reaches is reported by id instead of making the problem infeasible. Weights play no part: every
// point must be covered, whatever it weighs.
//
// Search, on the reduced instance (demand-groups.ts; one covering constraint per group):
//   1. greedy: the candidate covering the most uncovered groups (lazy, ties to candidate order);
//   2. pruning: sites whose every group another chosen site also covers are dropped, last pick first;
//   3. Lagrangian subgradient steps (lagrangian.ts): a lower bound near the LP's, and at each step a cover
//      grown greedily from the candidates with negative reduced cost, then pruned; the smallest is kept;
//   4. HiGHS: the MILP (coverage-models.ts) when small enough, started from the greedy answer; otherwise, if
//      smaller than maxLpVariables, the LP relaxation for a bound.
//
// The bound is a lower bound on the number of sites (this is a minimization); its kind:
//   exact    proven optimal: the MILP finished, or another bound already met the answer
//   lp       ⌈LP relaxation⌉ (the optimum is a whole number), or ⌈dual bound⌉ of a MILP stopped by its time limit
//   lagrangian  ⌈the highest Lagrangian bound the subgradient steps found⌉ (never above the LP's)
//   packing  the size of a set of groups no two of which share a candidate: each needs a site of its own
// gap = (sites − bound) / sites: the share of the chosen sites that might be unnecessary. 0 with no sites.
import { coverageSets } from './coverage-sets'
import { candidateColumns, openCandidates, setCoverModel, setCoverStart } from './coverage-models'
import { lazyGreedy } from './coverage-search'
import { demandGroups, type DemandGroups } from './demand-groups'
import { lagrangianSetCover } from './lagrangian'
import type { LonLat } from './distance'
import { solveLinearModel } from './highs-solver'
import { checkSolverLimits, checkUniqueIds, type ExactMode } from './input-checks'
import type { SiteInput } from './mclp'

export interface LscpDemandPoint {
  id: string
  position: LonLat
  weight?: number // ignored: accepted so the same demand list serves both planners
}

export interface LscpInput {
  demand: readonly LscpDemandPoint[]
  candidates: readonly SiteInput[]
  required?: readonly SiteInput[] // already open: count as covering, never chosen
  radiusKm: number
}

export interface LscpOptions {
  boundSteps?: number // 1 000: Lagrangian subgradient steps, O(coverage-set sizes) each; 0 = none
  // 'auto': MILP when no cheaper bound proved the answer and the model is no larger than maxExactVariables;
  // 'always': MILP whatever the size or other bounds; 'never': no MILP
  exact?: ExactMode
  // Model size is columns + rows (distinct useful candidates + demand groups): rows, not columns, make set
  // covering LPs slow. The same count as maximal covering's columns, so one limit means the same for both.
  maxExactVariables?: number // 5 000
  maxLpVariables?: number // 5 000: largest model whose LP relaxation is solved when the MILP is not; 0 = never
  timeLimitSeconds?: number // 10: per HiGHS solve
}

export interface CoveringSite {
  id: string
  demandCoveredAdded: number // demand points this site covers that the sites listed before it do not
}

export type LscpBoundKind = 'exact' | 'lp' | 'lagrangian' | 'packing'

export interface LscpResult {
  /** new sites, in pick order: the order greedy would open them among themselves */
  chosen: CoveringSite[]
  demandTotal: number
  demandCoveredBefore: number // by required sites alone
  demandCovered: number // after: every point but the uncoverable ones
  uncoverable: string[] // ids of demand points no required site or candidate reaches, in input order
  bound: { value: number; kind: LscpBoundKind } // no fewer than value new sites cover every coverable point
  gap: number // 0…1, (chosen − bound) / chosen
  method: 'greedy+prune' | 'lagrangian+prune' | 'milp' // what found the chosen sites
  iterations: number // greedy picks and pruned sites, over every start
  notes: string[]
}

export async function setCover(input: LscpInput, options: LscpOptions = {}): Promise<LscpResult> {
  const { boundSteps = 1_000, exact = 'auto', maxExactVariables = 5_000, maxLpVariables = 5_000, timeLimitSeconds = 10 } =
    options
  checkSolverLimits({ boundSteps, exact, maxExactVariables, maxLpVariables, timeLimitSeconds })
  checkUniqueIds(input.candidates, 'candidate')
  const required = input.required ?? []

  const candidateSets = coverageSets(input.demand, input.candidates, input.radiusKm, { siteKind: 'candidate' })
  const requiredSets = coverageSets(input.demand, required, input.radiusKm, { siteKind: 'required site' })
  const groups = demandGroups(candidateSets, requiredSets, null) // weight of a group = its points
  // Set cover counts constraints, not points: greedy scores a candidate by the groups it newly covers.
  const constraints: DemandGroups = { ...groups, weight: new Float64Array(groups.groupCount).fill(1) }

  let demandCoveredBefore = 0
  for (let i = 0; i < groups.coveredByRequired.length; i++) demandCoveredBefore += groups.coveredByRequired[i]
  const notes: string[] = []
  if (input.demand.length === 0) notes.push('no demand points: nothing to cover')
  if (groups.unreachable.length > 0) {
    notes.push(`${groups.unreachable.length} demand points are beyond every candidate and required site`)
  }

  // 1–2. Greedy, then pruning.
  const greedy = lazyGreedy(constraints, groups.candidateCount)
  let open = withoutRedundant(groups, greedy.picks)
  let iterations = greedy.picks.length + (greedy.picks.length - open.length)
  let method: LscpResult['method'] = 'greedy+prune'
  if (open.length < greedy.picks.length) notes.push(`pruning dropped ${greedy.picks.length - open.length} redundant sites`)

  let bound = packingBound(groups)
  let kind: LscpBoundKind = 'packing'
  const isProven = () => bound >= open.length

  // 3. Lagrangian bound, and covers grown from each step's attractive candidates.
  if (!isProven() && boundSteps > 0) {
    const coverFrom = (start: readonly number[]) => {
      const completed = lazyGreedy(constraints, groups.candidateCount, { open: start })
      iterations += completed.picks.length
      return withoutRedundant(groups, [...start, ...completed.picks])
    }
    const lagrangian = lagrangianSetCover(groups, { steps: boundSteps, incumbent: open, coverEvery: 3, coverFrom })
    const lagrangianBound = Math.ceil(lagrangian.bound - 1e-9)
    if (lagrangianBound > bound) {
      bound = lagrangianBound
      kind = 'lagrangian'
    }
    notes.push(`Lagrangian: ${lagrangian.steps} subgradient steps, bound ${Math.round(lagrangian.bound * 1e6) / 1e6}`)
    if (lagrangian.bestCover.length < open.length) {
      open = lagrangian.bestCover
      method = 'lagrangian+prune'
    }
  }

  // 4. HiGHS.
  const columns = candidateColumns(groups)
  const modelSize = columns.columnCandidates.length + groups.groupCount
  const isMilpWanted = exact === 'always' || (!isProven() && exact === 'auto' && modelSize <= maxExactVariables)
  if (modelSize > 0 && isMilpWanted) {
    const milp = await solveLinearModel(setCoverModel(groups, columns, true), {
      timeLimitSeconds,
      start: setCoverStart(columns, open),
    })
    if (milp.values !== null) {
      const milpOpen = withoutRedundant(groups, openCandidates(columns, milp.values))
      if (milpOpen.length < open.length && coversAll(groups, milpOpen)) {
        open = milpOpen
        method = 'milp'
      }
    }
    if (milp.status === 'optimal') {
      bound = open.length
      notes.push(
        method === 'milp'
          ? `MILP (${modelSize} columns + rows) found the optimum`
          : `MILP (${modelSize} columns + rows) proved the answer optimal`,
      )
    } else {
      notes.push(`MILP (${modelSize} columns + rows): ${milp.detail}`)
      const milpBound = milp.provenBound === null ? 0 : Math.ceil(milp.provenBound - 1e-6)
      if (milpBound > bound) {
        bound = milpBound
        kind = 'lp'
        notes.push("bound is the stopped MILP's branch-and-bound dual bound, rounded up")
      }
    }
  } else if (!isProven() && modelSize <= maxLpVariables) {
    const lp = await solveLinearModel(setCoverModel(groups, columns, false), { timeLimitSeconds })
    if (lp.status === 'optimal' && lp.provenBound !== null) {
      notes.push(`LP relaxation (${modelSize} columns + rows) optimum ${Math.round(lp.provenBound * 1e6) / 1e6}`)
      // The LP optimum, less its solver tolerance, rounded up: the optimum is a whole number of sites.
      const lpBound = Math.ceil(lp.provenBound - 1e-6)
      if (lpBound > bound) {
        bound = lpBound
        kind = 'lp'
      }
    } else notes.push(`LP relaxation (${modelSize} columns + rows): ${lp.detail}`)
  } else if (!isProven()) {
    const why = exact === 'never' ? "exact is 'never'" : `over maxExactVariables ${maxExactVariables}`
    notes.push(`no HiGHS solve: model has ${modelSize} columns + rows, ${why} and over maxLpVariables ${maxLpVariables}`)
  }
  bound = Math.min(bound, open.length)
  if (isProven()) kind = 'exact'

  const order = lazyGreedy(groups, open.length, { among: open })
  return {
    chosen: order.picks.map((site, k) => ({ id: input.candidates[site].id, demandCoveredAdded: order.gains[k] })),
    demandTotal: input.demand.length,
    demandCoveredBefore,
    demandCovered: input.demand.length - groups.unreachable.length,
    uncoverable: Array.from(groups.unreachable, (i) => input.demand[i].id),
    bound: { value: bound, kind },
    gap: open.length > 0 ? (open.length - bound) / open.length : 0,
    method,
    iterations,
    notes,
  }
}

/** `open` without the sites every group of which another kept site covers; the last opened goes first. */
function withoutRedundant(groups: DemandGroups, open: readonly number[]): number[] {
  const count = new Int32Array(groups.groupCount)
  for (const site of open) {
    for (let k = groups.groupStarts[site]; k < groups.groupStarts[site + 1]; k++) count[groups.groups[k]]++
  }
  const kept = new Uint8Array(open.length).fill(1)
  for (let s = open.length - 1; s >= 0; s--) {
    const site = open[s]
    let isRedundant = true
    for (let k = groups.groupStarts[site]; k < groups.groupStarts[site + 1] && isRedundant; k++) {
      if (count[groups.groups[k]] < 2) isRedundant = false
    }
    if (!isRedundant) continue
    kept[s] = 0
    for (let k = groups.groupStarts[site]; k < groups.groupStarts[site + 1]; k++) count[groups.groups[k]]--
  }
  return open.filter((_, s) => kept[s] === 1)
}

function coversAll(groups: DemandGroups, open: readonly number[]): boolean {
  const isCovered = new Uint8Array(groups.groupCount)
  for (const site of open) {
    for (let k = groups.groupStarts[site]; k < groups.groupStarts[site + 1]; k++) isCovered[groups.groups[k]] = 1
  }
  return isCovered.every((flag) => flag === 1)
}

/**
 * A lower bound on the sites any cover needs: groups no two of which share a candidate each need their own.
 * Chosen greedily, groups with the fewest candidates first (they block the fewest others).
 */
function packingBound(groups: DemandGroups): number {
  const order = Array.from({ length: groups.groupCount }, (_, g) => g)
  const candidatesOf = (g: number) => groups.candidateStarts[g + 1] - groups.candidateStarts[g]
  order.sort((a, b) => candidatesOf(a) - candidatesOf(b) || a - b)
  const isBlocked = new Uint8Array(groups.candidateCount)
  let packed = 0
  for (const g of order) {
    let isFree = true
    for (let k = groups.candidateStarts[g]; k < groups.candidateStarts[g + 1] && isFree; k++) {
      if (isBlocked[groups.candidates[k]] === 1) isFree = false
    }
    if (!isFree) continue
    packed++
    for (let k = groups.candidateStarts[g]; k < groups.candidateStarts[g + 1]; k++) isBlocked[groups.candidates[k]] = 1
  }
  return packed
}
