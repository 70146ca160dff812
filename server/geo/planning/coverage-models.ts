// Integer programs for the two planning problems, over the reduced instance (see demand-groups.ts), as the
// sparse arrays highs-solver.ts takes.
//
// Maximal covering (Church & ReVelle 1974):   maximize Σ w_g y_g
//   y_g − Σ_{j covers g} x_j ≤ 0   for every group g
//   Σ_j x_j ≤ p
//   x_j ∈ {0, 1},  0 ≤ y_g ≤ 1     (y integral at an optimum once x is, so y stays continuous)
//
// Set covering (Toregas et al. 1971):          minimize Σ x_j
//   Σ_{j covers g} x_j ≥ 1          for every group g
//   x_j ∈ {0, 1}
//
// Candidates covering no group are left out, and candidates covering exactly the same groups share one column
// (the first of them): swapping one for another changes nothing, and the solver need not prove it.
import type { DemandGroups } from './demand-groups'
import type { LinearModel } from './highs-solver'

/** The candidates that get a column, and for every candidate the column standing for it (−1: none). */
export interface CandidateColumns {
  readonly columnCandidates: Int32Array // column → candidate
  readonly columnOf: Int32Array // candidate → column, shared by identical candidates
}

export function candidateColumns(groups: DemandGroups): CandidateColumns {
  const columnOf = new Int32Array(groups.candidateCount).fill(-1)
  const columnByKey = new Map<string, number>()
  const columnCandidates: number[] = []
  for (let candidate = 0; candidate < groups.candidateCount; candidate++) {
    const from = groups.groupStarts[candidate]
    const to = groups.groupStarts[candidate + 1]
    if (from === to) continue
    const key = groups.groups.subarray(from, to).join(',')
    let column = columnByKey.get(key)
    if (column === undefined) {
      column = columnCandidates.length
      columnByKey.set(key, column)
      columnCandidates.push(candidate)
    }
    columnOf[candidate] = column
  }
  return { columnCandidates: Int32Array.from(columnCandidates), columnOf }
}

/** Columns of the maximal-covering model: candidate columns, then one y per group. */
export function maxCoverageModelSize(groups: DemandGroups, columns: CandidateColumns): number {
  return columns.columnCandidates.length + groups.groupCount
}

export function maxCoverageModel(
  groups: DemandGroups,
  columns: CandidateColumns,
  sites: number,
  integer: boolean,
): LinearModel {
  const xCount = columns.columnCandidates.length
  const columnCount = xCount + groups.groupCount
  const rowCount = groups.groupCount + 1
  const cost = new Float64Array(columnCount)
  cost.set(groups.weight, xCount)
  const rowStarts = new Int32Array(rowCount + 1)
  const entries: number[] = []
  const values: number[] = []
  for (let group = 0; group < groups.groupCount; group++) {
    entries.push(xCount + group)
    values.push(1)
    for (const column of columnsReaching(groups, columns, group)) {
      entries.push(column)
      values.push(-1)
    }
    rowStarts[group + 1] = entries.length
  }
  for (let column = 0; column < xCount; column++) {
    entries.push(column)
    values.push(1)
  }
  rowStarts[rowCount] = entries.length
  const rowLower = new Float64Array(rowCount).fill(-Infinity)
  const rowUpper = new Float64Array(rowCount)
  rowUpper[groups.groupCount] = sites
  const integrality = new Uint8Array(columnCount)
  integrality.fill(1, 0, xCount)
  return {
    sense: 'maximize',
    cost,
    upper: new Float64Array(columnCount).fill(1),
    integer: integer ? integrality : null,
    rowStarts,
    rowColumns: Int32Array.from(entries),
    rowValues: Float64Array.from(values),
    rowLower,
    rowUpper,
  }
}

/** The column values of an open set in the maximal-covering model, to start the solver from. */
export function maxCoverageStart(groups: DemandGroups, columns: CandidateColumns, openSites: readonly number[]): Float64Array {
  const xCount = columns.columnCandidates.length
  const start = new Float64Array(xCount + groups.groupCount)
  for (const site of openSites) {
    const column = columns.columnOf[site]
    if (column < 0) continue
    start[column] = 1
    for (let k = groups.groupStarts[site]; k < groups.groupStarts[site + 1]; k++) start[xCount + groups.groups[k]] = 1
  }
  return start
}

export function setCoverModel(groups: DemandGroups, columns: CandidateColumns, integer: boolean): LinearModel {
  const columnCount = columns.columnCandidates.length
  const rowStarts = new Int32Array(groups.groupCount + 1)
  const entries: number[] = []
  for (let group = 0; group < groups.groupCount; group++) {
    entries.push(...columnsReaching(groups, columns, group))
    rowStarts[group + 1] = entries.length
  }
  return {
    sense: 'minimize',
    cost: new Float64Array(columnCount).fill(1),
    upper: new Float64Array(columnCount).fill(1),
    integer: integer ? new Uint8Array(columnCount).fill(1) : null,
    rowStarts,
    rowColumns: Int32Array.from(entries),
    rowValues: new Float64Array(entries.length).fill(1),
    rowLower: new Float64Array(groups.groupCount).fill(1),
    rowUpper: new Float64Array(groups.groupCount).fill(Infinity),
  }
}

export function setCoverStart(columns: CandidateColumns, openSites: readonly number[]): Float64Array {
  const start = new Float64Array(columns.columnCandidates.length)
  for (const site of openSites) if (columns.columnOf[site] >= 0) start[columns.columnOf[site]] = 1
  return start
}

/** Candidates whose column is 1 (above ½) in a solution, ascending. */
export function openCandidates(columns: CandidateColumns, values: Float64Array): number[] {
  const open: number[] = []
  for (let column = 0; column < columns.columnCandidates.length; column++) {
    if (values[column] > 0.5) open.push(columns.columnCandidates[column])
  }
  return open
}

/** The columns of the candidates that reach `group`, each once: identical candidates share a column. */
function columnsReaching(groups: DemandGroups, columns: CandidateColumns, group: number): Set<number> {
  const reaching = new Set<number>()
  for (let k = groups.candidateStarts[group]; k < groups.candidateStarts[group + 1]; k++) reaching.add(columns.columnOf[groups.candidates[k]])
  return reaching
}
