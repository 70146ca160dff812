// Category completeness: which units to promote so that every area has a demonstration unit of every category
// its scheme asks for (七进 6/7 → 7/7). Each candidate unit sits in one area and has one category, so it can
// fill exactly one (area, category) gap, and gaps never compete for a candidate: the fewest promotions is one
// per fillable gap, and the only choice is which candidate fills it. That choice is the candidate with the
// highest `priority` (absent counts as 0), then the lowest id (compared as strings, code unit by code unit).
import { describeValue, PlanningInputError } from './input-checks'

export interface AreaGaps {
  areaCode: string
  missing: readonly string[] // categories the scheme asks for that the area has no unit of
}

export interface PromotionCandidate {
  id: string
  areaCode: string
  category: string
  priority?: number // 0: higher is preferred (e.g. 申报 over 培育, or a bureau's own ranking)
}

export interface CategoryCompletenessInput {
  areas: readonly AreaGaps[]
  candidates: readonly PromotionCandidate[]
}

export interface Promotion {
  candidateId: string
  areaCode: string
  category: string
}

export interface CategoryGap {
  areaCode: string
  category: string
}

export interface CategoryCompletenessResult {
  promotions: Promotion[] // one per fillable gap; areas in input order, categories in `missing` order
  unfillable: CategoryGap[] // gaps no candidate can fill, same order
  gapCount: number
  filledCount: number
}

export function categoryPromotions({ areas, candidates }: CategoryCompletenessInput): CategoryCompletenessResult {
  const seenAreas = new Map<string, number>()
  areas.forEach((area, index) => {
    if (typeof area.areaCode !== 'string') {
      throw new PlanningInputError(`area ${index}: areaCode ${describeValue(area.areaCode)} is not an area code (expected a string)`)
    }
    const first = seenAreas.get(area.areaCode)
    if (first !== undefined) {
      throw new PlanningInputError(
        `area ${index}: areaCode ${describeValue(area.areaCode)} is already listed as area ${first} (expected each area once)`,
      )
    }
    seenAreas.set(area.areaCode, index)
  })

  // Best candidate per (area, category): one pass, keeping the preferred one.
  const best = new Map<string, PromotionCandidate>()
  const seenIds = new Map<string, number>()
  candidates.forEach((candidate, index) => {
    const first = seenIds.get(candidate.id)
    if (first !== undefined) {
      throw new PlanningInputError(
        `candidate ${index}: id ${describeValue(candidate.id)} is already used by candidate ${first} (expected unique ids)`,
      )
    }
    seenIds.set(candidate.id, index)
    const priority = candidate.priority ?? 0
    if (typeof priority !== 'number' || Number.isNaN(priority)) {
      throw new PlanningInputError(
        `candidate ${index} (id ${describeValue(candidate.id)}): priority ${describeValue(priority)} is not a number`,
      )
    }
    const key = gapKey(candidate.areaCode, candidate.category)
    const current = best.get(key)
    if (current === undefined || isPreferred(candidate, current)) best.set(key, candidate)
  })

  const promotions: Promotion[] = []
  const unfillable: CategoryGap[] = []
  let gapCount = 0
  for (const { areaCode, missing } of areas) {
    for (const category of new Set(missing)) {
      gapCount++
      const candidate = best.get(gapKey(areaCode, category))
      if (candidate === undefined) unfillable.push({ areaCode, category })
      else promotions.push({ candidateId: candidate.id, areaCode, category })
    }
  }
  return { promotions, unfillable, gapCount, filledCount: promotions.length }
}

function isPreferred(a: PromotionCandidate, b: PromotionCandidate): boolean {
  const priorityA = a.priority ?? 0
  const priorityB = b.priority ?? 0
  if (priorityA !== priorityB) return priorityA > priorityB
  return a.id < b.id
}

// Area codes and categories are free text; a separator that cannot occur in either keeps keys distinct.
function gapKey(areaCode: string, category: string): string {
  return `${areaCode}\u0000${category}`
}
