// Units as the map draws them: with a position, higher levels last so their bigger dots sit on top.
import { HONOUR_LEVELS, type HonourLevel } from '../../server/domain'
import type { UnitCollection, UnitProperties } from '../api/responses'

export type UnitPoint = UnitProperties & { position: [number, number] }

export interface CategoryCount {
  category: string
  count: number
}

/** 县级 0 … 国家级 3; a unit not yet named ranks below all. */
export function levelRank(level: HonourLevel | null): number {
  return level === null ? -1 : HONOUR_LEVELS.indexOf(level)
}

/** The units that have coordinates, ordered by level (stable within a level). */
export function unitPointsOf(collection: UnitCollection): UnitPoint[] {
  const points: UnitPoint[] = []
  for (const feature of collection.features) {
    if (!feature.geometry) continue
    const [lon, lat] = feature.geometry.coordinates
    points.push({ ...feature.properties, position: [lon, lat] })
  }
  return points.sort((a, b) => levelRank(a.level) - levelRank(b.level))
}

/** How many of `units` (located or not, e.g. redacted for anonymous viewers) fall in each of the scheme's categories, in scheme order. */
export function countsByCategory(units: readonly Pick<UnitProperties, 'category'>[], categories: readonly string[]): CategoryCount[] {
  const counts = new Map(categories.map((c) => [c, 0]))
  for (const unit of units) {
    const count = counts.get(unit.category)
    if (count !== undefined) counts.set(unit.category, count + 1)
  }
  return [...counts].map(([category, count]) => ({ category, count }))
}
