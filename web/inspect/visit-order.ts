// The order of the inspector's list ("my visits"): the units with the most visits due first, then the
// nearest to the phone, then by name. Pure.
import { distanceM } from '../../server/shared/field-distance'

export interface FieldUnit {
  id: number
  name: string
  category: string
  status: string
  lonLat: [number, number] | null
  due: number // visits due this year and not made (server/geo/visits-due.ts)
  overdueFollowUps: number
  checklist: readonly string[] // the criteria of the unit's scheme (server/shared/domain.ts checklistOf)
}

export type OrderedUnit = FieldUnit & { distanceM: number | null }

export function visitOrder(units: readonly FieldUnit[], position: readonly [number, number] | null): OrderedUnit[] {
  return units
    .map((u) => ({ ...u, distanceM: position && u.lonLat ? distanceM(position, u.lonLat) : null }))
    .sort((a, b) => b.due - a.due || nearest(a.distanceM, b.distanceM) || a.name.localeCompare(b.name, 'zh'))
}

function nearest(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1
  return a - b
}

/** 850 米, 12.3 公里 */
export function distanceText(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(1)} 公里` : `${Math.round(metres)} 米`
}
