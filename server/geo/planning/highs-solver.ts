// The one place that talks to HiGHS (the `highs` package: HiGHS compiled to WebAssembly). Models arrive as
// plain sparse arrays; what comes back says whether the answer is proven, and what bound was proven.
import type { Highs, ModelData } from 'highs'

/** A linear model over columns 0 ≤ x_j ≤ upper_j, with rows rowLower ≤ A x ≤ rowUpper (A by rows). */
export interface LinearModel {
  sense: 'maximize' | 'minimize'
  cost: Float64Array // per column
  upper: Float64Array // per column; every lower bound is 0
  integer: Uint8Array | null // per column, 1 = integer; null solves the LP relaxation
  rowStarts: Int32Array // rows + 1 offsets into rowColumns / rowValues
  rowColumns: Int32Array
  rowValues: Float64Array
  rowLower: Float64Array // −Infinity for none
  rowUpper: Float64Array // Infinity for none
}

export interface SolveOptions {
  timeLimitSeconds: number
  start?: Float64Array // a feasible solution to start from (a MIP incumbent)
}

export interface SolveOutcome {
  status: 'optimal' | 'stopped' | 'infeasible' | 'failed'
  values: Float64Array | null // the best solution found, if any
  objective: number | null // its objective value
  /** a proven bound on the optimum: upper when maximizing, lower when minimizing; null when none was proven */
  provenBound: number | null
  detail: string // what HiGHS said, for notes
}

// Loading compiles about 3 MB of WebAssembly: done once per process and shared by every solve.
let runtime: Promise<Highs> | undefined

function loadHighs(): Promise<Highs> {
  runtime ??= import('highs').then((module) => module.default())
  return runtime
}

const MODEL_STATUS = {
  empty: 6,
  optimal: 7,
  infeasible: 8,
  timeLimit: 13,
  iterationLimit: 14,
  solutionLimit: 16,
  interrupted: 17,
} as const

const PRIMAL_SOLUTION_FEASIBLE = 2

export async function solveLinearModel(model: LinearModel, { timeLimitSeconds, start }: SolveOptions): Promise<SolveOutcome> {
  let highs: Highs
  try {
    highs = await loadHighs()
  } catch (error) {
    return failed(`HiGHS could not be loaded: ${(error as Error).message}`)
  }
  const columns = model.cost.length
  const rows = model.rowLower.length
  const data: ModelData = {
    numCols: columns,
    numRows: rows,
    sense: model.sense === 'maximize' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    colCost: model.cost,
    colLower: new Float64Array(columns),
    colUpper: model.upper,
    rowLower: model.rowLower,
    rowUpper: model.rowUpper,
    matrix: {
      format: 'csr',
      numRows: rows,
      numCols: columns,
      starts: model.rowStarts,
      indices: model.rowColumns,
      values: model.rowValues,
    },
    ...(model.integer === null ? {} : { integrality: Int32Array.from(model.integer) }),
  }
  const isMip = model.integer !== null
  let solver: ReturnType<Highs['createModel']>
  try {
    solver = highs.createModel(data)
  } catch (error) {
    return failed(`HiGHS rejected the model: ${(error as Error).message}`)
  }
  try {
    solver.options.set({
      output_flag: false,
      time_limit: timeLimitSeconds,
      // The default relative gap (1e-4) would stop a search 100 people short of a million; we promise optimal.
      ...(isMip ? { mip_rel_gap: 1e-9 } : {}),
    })
    if (start !== undefined) solver.setSolution({ colValue: start })
    const { modelStatus } = solver.run()
    const hasSolution = Number(solver.info.get('primal_solution_status')) === PRIMAL_SOLUTION_FEASIBLE
    const values = hasSolution ? solver.getSolution().colValue : null
    const objective = hasSolution ? solver.getObjectiveValue() : null
    if (modelStatus === MODEL_STATUS.optimal || modelStatus === MODEL_STATUS.empty) {
      return { status: 'optimal', values, objective, provenBound: objective, detail: 'optimal' }
    }
    if (modelStatus === MODEL_STATUS.infeasible) {
      return { status: 'infeasible', values: null, objective: null, provenBound: null, detail: 'infeasible' }
    }
    const stopped =
      modelStatus === MODEL_STATUS.timeLimit ||
      modelStatus === MODEL_STATUS.iterationLimit ||
      modelStatus === MODEL_STATUS.solutionLimit ||
      modelStatus === MODEL_STATUS.interrupted
    if (!stopped) return failed(`HiGHS ended with model status ${modelStatus}`)
    // A stopped branch and bound still proves its dual bound; a stopped simplex proves nothing.
    const dualBound = isMip ? Number(solver.info.get('mip_dual_bound')) : NaN
    return {
      status: 'stopped',
      values,
      objective,
      provenBound: Number.isFinite(dualBound) ? dualBound : null,
      detail: modelStatus === MODEL_STATUS.timeLimit ? `time limit (${timeLimitSeconds} s)` : `stopped (status ${modelStatus})`,
    }
  } catch (error) {
    return failed(`HiGHS failed: ${(error as Error).message}`)
  } finally {
    solver.dispose()
  }
}

function failed(detail: string): SolveOutcome {
  return { status: 'failed', values: null, objective: null, provenBound: null, detail }
}
