// Per-account limits on the routes where one request costs the server seconds (a print render, a site plan,
// every unit as a spreadsheet, a 工作简报): a script or a stuck button of one account cannot take the server from the
// rest. Callers not signed in are counted per address. In memory, per process, like the login throttle.
import { FailureLimiter } from './rate-limit'

export interface WorkLimits {
  exportsPerMinute: number // 12: print exports (GET /api/export, POST /api/export/jobs) — ATLAS_EXPORTS_PER_MINUTE
  plansPerMinute: number // 30: site plans computed (POST /api/plan, POST /api/plan/scenarios) — ATLAS_PLANS_PER_MINUTE
  unitExportsPerMinute: number // 12: the ledger as CSV, XLSX or GeoJSON (GET /api/units/export), backups — ATLAS_UNIT_EXPORTS_PER_MINUTE
  briefsPerMinute: number // 6: 工作简报 documents (GET /api/brief), each a map render and a document — ATLAS_BRIEFS_PER_MINUTE
}

export const DEFAULT_WORK_LIMITS: Readonly<WorkLimits> = Object.freeze({ exportsPerMinute: 12, plansPerMinute: 30, unitExportsPerMinute: 12, briefsPerMinute: 6 })

export const WORK = {
  export: { limit: 'exportsPerMinute', words: '导出地图' },
  plan: { limit: 'plansPerMinute', words: '计算选址规划' },
  unitExport: { limit: 'unitExportsPerMinute', words: '导出台账或备份' },
  brief: { limit: 'briefsPerMinute', words: '生成工作简报' },
} as const satisfies Record<string, { limit: keyof WorkLimits; words: string }>

export type CostlyWork = keyof typeof WORK

/** One sliding minute per kind of work and caller. */
export class WorkLimiter {
  private readonly limiters: Record<CostlyWork, FailureLimiter>

  constructor(
    readonly limits: WorkLimits = DEFAULT_WORK_LIMITS,
    now: () => number = Date.now,
  ) {
    const minute = (work: CostlyWork) => new FailureLimiter({ limit: limits[WORK[work].limit], windowMs: 60_000, now })
    this.limiters = { export: minute('export'), plan: minute('plan'), unitExport: minute('unitExport'), brief: minute('brief') }
  }

  /** Counts one `work` for `caller` and says 0; past the limit, counts nothing and says the seconds to wait. */
  take(work: CostlyWork, caller: string): number {
    const limiter = this.limiters[work]
    const wait = limiter.retryAfterSeconds(caller)
    if (wait === 0) limiter.recordFailure(caller) // every request counts, whatever its answer
    return wait
  }
}

