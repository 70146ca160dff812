// Creation targets (创建目标) with their progress, as the coverage report gives it: coverageByArea computes
// the progress, over only the targets' own areas, so a target reads the same here as on the dashboard.
import type { Area, Target } from '../shared/domain'
import { isWithin, storedParents } from '../shared/area-codes'
import { coverageByArea, unitsByAncestor, type CoverageInput, type TargetProgress } from './coverage'

export interface TargetWithProgress extends Target {
  areaName: string
  areaLevel: Area['level']
  progress: TargetProgress // achieved of count, met, behind (due by this year and not met)
}

export interface TargetsAnswer {
  year: number // progress is as of the end of this year
  sample: boolean // the counts include 示例数据 units, as the coverage report says
  targets: TargetWithProgress[]
}

export interface TargetSelection {
  area?: string // only targets of this area and of areas within it; all when absent
  schemeId?: string // only targets of this scheme and those of no scheme (which count under every scheme); all when absent
}

/** The targets `selection` picks, by area code then id. */
export function selectTargets(input: Pick<CoverageInput, 'areas' | 'targets'>, { area, schemeId }: TargetSelection): Target[] {
  const parents = storedParents(new Map(input.areas.map((a) => [a.code, a])))
  return input.targets
    .filter((t) => (area === undefined || isWithin(t.areaCode, area, parents)) && (schemeId === undefined || t.schemeId === null || t.schemeId === schemeId))
    .sort((a, b) => a.areaCode.localeCompare(b.areaCode) || a.id - b.id)
}

/**
 * Each of `targets` with its progress at the end of the year of `today`, counting named units (命名, 复查)
 * as coverage does by default. A target whose area the input does not hold is left out.
 */
export function targetsWithProgress(input: CoverageInput, targets: readonly Target[], today: string): TargetWithProgress[] {
  const areasByCode = new Map(input.areas.map((a) => [a.code, a]))
  // Worked out once over every area: the calls below see only the targets' areas, too few to walk parents.
  const unitsInArea = input.unitsInArea ?? unitsByAncestor(input.units, input.unitAreas, areasByCode)
  const progress = new Map<number, TargetProgress>()
  for (const group of groupedBy(targets, (t) => t.schemeId)) {
    const areas = [...new Set(group.map((t) => t.areaCode))].flatMap((code) => areasByCode.get(code) ?? [])
    for (const level of new Set(areas.map((a) => a.level))) {
      const report = coverageByArea({ ...input, unitsInArea, areas, targets: group }, { level, schemeId: group[0].schemeId ?? undefined, today })
      for (const area of report.areas) for (const p of area.targets) progress.set(p.id, p)
    }
  }
  return targets.flatMap((t) => {
    const area = areasByCode.get(t.areaCode)
    const p = progress.get(t.id)
    return area && p ? [{ ...t, areaName: area.name, areaLevel: area.level, progress: p }] : []
  })
}

/** The targets `selection` picks, with their progress at the end of the year of `today`: GET /api/targets. */
export function targetsAnswer(input: CoverageInput, selection: TargetSelection, today: string): TargetsAnswer {
  return {
    year: Number(today.slice(0, 4)),
    sample: input.units.some((u) => u.sample),
    targets: targetsWithProgress(input, selectTargets(input, selection), today),
  }
}

function groupedBy<T, K>(items: readonly T[], key: (item: T) => K): T[][] {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const group = groups.get(key(item))
    if (group) group.push(item)
    else groups.set(key(item), [item])
  }
  return [...groups.values()]
}
