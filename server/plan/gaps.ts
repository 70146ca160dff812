// Where the gaps are, for an area and a scheme: child areas with no named unit, categories missing per child,
// targets behind, namings about to lapse, and the 培育库 candidates that could close them — plus the fewest
// promotions that give every child every category it can get. Pure: a snapshot in, a report out.
import { NAMED_STATUSES, type HonourLevel, type Unit } from '../shared/domain'
import { coverageByArea, schemeById, type ExpiringUnit, type TargetProgress } from '../geo/coverage'
import { categoryPromotions, type CategoryGap } from '../geo/planning/category-completeness'
import type { Snapshot } from '../snapshot'
import { CANDIDATE_STATUSES, SitePlanError } from './site-plan'

export interface GapQuery {
  area: string
  schemeId?: string
  minLevel?: HonourLevel // 县级
  year?: number // as of the end of this year; default today's year
  today: string
  horizonMonths?: number // 12: namings lapsing within this many months count as gaps to come
}

export interface ChildGap {
  code: string
  name: string
  named: number // units counted (named at minLevel or above)
  covered: boolean
  missingCategories: string[]
  targetsBehind: TargetProgress[]
  expiring: ExpiringUnit[]
  candidates: { id: number; name: string; category: string; status: string }[]
  schematic: boolean
}

export interface GapReport {
  area: { code: string; name: string }
  scheme: { id: string; name: string; categories: string[] }
  minLevel: HonourLevel
  year: number
  children: ChildGap[]
  summary: { children: number; uncovered: number; categoryGaps: number; targetsBehind: number; expiring: number; candidates: number }
  /** The fewest promotions (one per fillable child × category gap), 申报 preferred over 培育. */
  completeness: {
    promotions: { unitId: number; name: string; areaCode: string; areaName: string; category: string }[]
    unfillable: (CategoryGap & { areaName: string })[]
    gapCount: number
    filledCount: number
  }
  sample: boolean
}

export function gapAnalysis(snapshot: Snapshot, query: GapQuery): GapReport {
  const area = snapshot.areasByCode.get(query.area)
  if (!area) throw new SitePlanError('not_found', `area: ${query.area} is not an area in the store`)
  const children = snapshot.areas.filter((a) => a.parent === area.code)
  if (children.length === 0) throw new SitePlanError('invalid', `area: ${area.name} (${area.code}) has no child areas to compare`)
  const scheme = schemeById(snapshot.schemes, query.schemeId)
  const minLevel = query.minLevel ?? '县级'
  const coverage = coverageByArea(snapshot, {
    level: children[0].level,
    parent: area.code,
    schemeId: scheme.id,
    minLevel,
    statuses: NAMED_STATUSES,
    year: query.year,
    today: query.today,
    expiryWindowMonths: query.horizonMonths ?? 12,
  })
  const inScheme = new Set(scheme.categories)
  const candidatesIn = (code: string): Unit[] =>
    (snapshot.unitsInArea.get(code) ?? []).filter((u) => CANDIDATE_STATUSES.includes(u.status) && inScheme.has(u.category))

  const rows = coverage.areas.map(
    (c): ChildGap => ({
      code: c.code,
      name: c.name,
      named: c.total,
      covered: c.total > 0,
      missingCategories: c.missingCategories,
      targetsBehind: c.targets.filter((t) => t.behind),
      expiring: c.expiring,
      candidates: candidatesIn(c.code).map((u) => ({ id: u.id, name: u.name, category: u.category, status: u.status })),
      schematic: c.schematic,
    }),
  )
  const nameOf = (code: string) => snapshot.areasByCode.get(code)?.name ?? code
  const unitsById = new Map(snapshot.units.map((u) => [u.id, u]))
  const completeness = categoryPromotions({
    areas: rows.map((r) => ({ areaCode: r.code, missing: r.missingCategories })),
    candidates: rows.flatMap((r) =>
      r.candidates.map((u) => ({ id: String(u.id), areaCode: r.code, category: u.category, priority: u.status === '申报' ? 1 : 0 })),
    ),
  })
  return {
    area: { code: area.code, name: area.name },
    scheme: { id: scheme.id, name: scheme.name, categories: [...scheme.categories] },
    minLevel,
    year: coverage.year,
    children: rows,
    summary: {
      children: rows.length,
      uncovered: rows.filter((r) => !r.covered).length,
      categoryGaps: rows.reduce((n, r) => n + r.missingCategories.length, 0),
      targetsBehind: rows.reduce((n, r) => n + r.targetsBehind.length, 0),
      expiring: rows.reduce((n, r) => n + r.expiring.length, 0),
      candidates: rows.reduce((n, r) => n + r.candidates.length, 0),
    },
    completeness: {
      promotions: completeness.promotions.map((p) => ({
        unitId: Number(p.candidateId),
        name: unitsById.get(Number(p.candidateId))?.name ?? p.candidateId,
        areaCode: p.areaCode,
        areaName: nameOf(p.areaCode),
        category: p.category,
      })),
      unfillable: completeness.unfillable.map((g) => ({ ...g, areaName: nameOf(g.areaCode) })),
      gapCount: completeness.gapCount,
      filledCount: completeness.filledCount,
    },
    sample: coverage.sample || rows.some((r) => r.schematic),
  }
}
