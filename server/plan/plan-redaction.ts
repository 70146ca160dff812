// What site planning may tell an audience about units withheld from it (server/shared/audience.ts: sensitive
// categories, callers not signed in): that they exist and how many, never their names or places. Pure
// functions of an answer and the audience: the routes (server/routes/plan.ts) never look at categories.
//
// A live plan leaves sensitive units out of the model (planRequestFor): a caller who picks the demand
// points and the radius learns from "covered before / after" where the open sites and candidates are, so
// redacting the answer afterwards is not enough. A saved scenario was planned by a signed-in user with
// every unit in it; planReportFor strips what would locate one.
import type { Snapshot } from '../snapshot'
import type { GapReport } from './gaps'
import type { SitePlanReport, SitePlanRequest } from './site-plan'
import { redactedName, seesPeople, withholds, type Audience } from '../shared/audience'

/** The request as `audience` may have it planned: no unit withheld from it is an open site or a candidate. */
export function planRequestFor(audience: Audience, request: SitePlanRequest): SitePlanRequest {
  return audience.withheld.size === 0 ? request : { ...request, leaveOut: audience.withheld }
}

/**
 * A plan answer for a caller not signed in: the open sites are not drawn (their places are those of named
 * units), chosen sites of sensitive categories are left out of `chosen`, and when sensitive units took part
 * (a saved scenario) the per-point coverage, which would outline them, is left out too. The totals stay.
 */
export function planReportFor(audience: Audience, report: SitePlanReport, snapshot: Snapshot): SitePlanReport {
  if (audience.kind === 'signed-in') return report
  const sensitive = audience.withheld
  const chosen = report.chosen.filter((site) => site.category === null || !sensitive.has(site.category))
  const hiddenSites = report.chosen.length - chosen.length
  const involved = hiddenSites > 0 || (report.sources.required === 'store' && requiredIncludesSensitive(report, snapshot, sensitive))
  const notes = ['未登录：已命名单位（现有示范点）的位置不显示']
  if (hiddenSites > 0) notes.push(`未登录：${hiddenSites} 个${categoryList(sensitive)}选点的名称与位置不显示`)
  if (involved && report.demand !== null) notes.push(`未登录：方案含${categoryList(sensitive)}单位，各需求点的覆盖情况不显示`)
  return { ...report, chosen, required: [], demand: involved ? null : report.demand, notes: [...report.notes, ...notes] }
}

/** The gap analysis as `audience` may see it: withheld candidates, promotions and expiring units counted under a generic name. */
export function gapReportFor(audience: Audience, report: GapReport): GapReport {
  if (audience.withheld.size === 0) return report
  const named = <T extends { name: string; category: string }>(unit: T): T => (withholds(audience, unit.category) ? { ...unit, name: redactedName(unit.category) } : unit)
  return {
    ...report,
    children: report.children.map((child) => ({ ...child, candidates: child.candidates.map(named), expiring: child.expiring.map(named) })),
    completeness: { ...report.completeness, promotions: report.completeness.promotions.map(named) },
  }
}

/** A saved scenario's summary as `audience` may see it: who saved it is an account name, for signed-in users only. */
export function scenarioSummaryFor<S extends { createdBy: string }>(audience: Audience, scenario: S): Omit<S, 'createdBy'> & { createdBy: string | null } {
  return seesPeople(audience) ? scenario : { ...scenario, createdBy: null }
}

/** Whether a store-sourced open site (id "unit-<id>") is a sensitive unit, or a unit the store no longer has. */
function requiredIncludesSensitive(report: SitePlanReport, snapshot: Snapshot, sensitive: ReadonlySet<string>): boolean {
  if (sensitive.size === 0) return false
  const byId = new Map(snapshot.units.map((u) => [u.id, u]))
  return report.required.some((site) => {
    const unit = /^unit-(\d+)$/.exec(site.id) ? byId.get(Number(site.id.slice(5))) : undefined
    return unit === undefined || sensitive.has(unit.category)
  })
}

function categoryList(sensitive: ReadonlySet<string>): string {
  return [...sensitive].join('、')
}
