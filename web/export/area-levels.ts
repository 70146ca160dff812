// What a GB/T 2260 code says about its area beyond its level and parent (web/dashboard/area-tree.ts, re-exported
// here for the export's callers): the level below it, and which codes lie inside it.
import type { AreaLevel } from '../../server/domain'
import { areaLevelOfCode, parentCodeOf } from '../dashboard/area-tree'

export { areaLevelOfCode as levelOfCode, parentCodeOf }

export function childLevelOf(level: AreaLevel): AreaLevel | null {
  const order: AreaLevel[] = ['province', 'prefecture', 'county', 'township', 'village']
  return order[order.indexOf(level) + 1] ?? null
}

/** True when `code` is `ancestor` or lies inside it (by code prefix). */
export function isWithin(code: string, ancestor: string): boolean {
  const level = areaLevelOfCode(ancestor)
  const prefix = level === 'province' ? ancestor.slice(0, 2) : level === 'prefecture' ? ancestor.slice(0, 4) : ancestor
  return code.startsWith(prefix)
}
