// The area a map page frames, loaded from the API: the area, its drawable children (the areas the map
// colours) with their labels (the label font loaded for them), and the breadcrumb trail above it. Shared by
// the dashboard (one frame per drill-down step) and the planner (the first prefecture). Area lists are cached
// for the page's life, so going back up the breadcrumb is instant.
import type { AreaLevel } from '../../server/shared/domain'
import { fetchAreas } from '../api/client'
import type { AreaFeature } from '../api/responses'
import { childLevelOf, levelOfCode, parentCodeOf } from '../../server/shared/area-codes'
import { areaLabelsOf, drawableAreas, type AreaLabel } from '../data/area-geometry'
import { loadLabelFont } from './label-font'

export interface TrailStep {
  code: string
  name: string
  level: AreaLevel
}

export interface Frame {
  area: AreaFeature // the area the map frames
  level: AreaLevel
  childLevel: AreaLevel | null
  children: AreaFeature[] // drawable children; empty at the bottom of the hierarchy
  labels: AreaLabel[]
  trail: TrailStep[] // from the topmost drawable ancestor down to the area itself
}

const areaLists = new Map<string, Promise<AreaFeature[]>>()

/** The drawable areas of `level` (inside `parent`; null: all of the level), cached for the page's life. */
export function areaList(level: AreaLevel, parent: string | null): Promise<AreaFeature[]> {
  const key = `${level}/${parent ?? '*'}`
  let list = areaLists.get(key)
  if (!list) {
    list = fetchAreas(parent === null ? { level } : { level, parent }).then(drawableAreas)
    list.catch(() => areaLists.delete(key)) // a failed load is retried next time
    areaLists.set(key, list)
  }
  return list
}

async function areaByCode(code: string): Promise<AreaFeature> {
  const level = levelOfCode(code)
  const parent = parentCodeOf(code)
  let found: AreaFeature | undefined
  try {
    found = (await areaList(level, parent)).find((a) => a.properties.code === code)
  } catch {
    // The parent the digits suggest is not in the store (a remapped code): look through the whole level.
  }
  found ??= (await areaList(level, null)).find((a) => a.properties.code === code)
  if (!found) throw new Error(`行政区 ${code} 不在数据中或没有边界 (area ${code} is not in the store or has no boundary)`)
  return found
}

/**
 * The area a view without one opens on: the store's root, the country (000000) when it holds one, else its
 * first prefecture (a prefecture's store: its province has no boundary to frame).
 */
export async function rootArea(): Promise<AreaFeature> {
  const [country] = await areaList('country', null)
  if (country) return country
  const first = (await areaList('prefecture', null))[0]
  if (!first) throw new Error('没有地级行政区边界 (the store has no prefecture with a boundary)')
  return first
}

/** The area `code` (null: the store's root, rootArea) with its children and its breadcrumb trail. */
export async function loadFrame(code: string | null): Promise<Frame> {
  let area: AreaFeature
  if (code === null) {
    area = await rootArea()
  } else {
    area = await areaByCode(code)
  }
  const level = area.properties.level
  const childLevel = childLevelOf(level)
  const children = childLevel ? await areaList(childLevel, area.properties.code).catch(() => []) : []
  const trail: TrailStep[] = [{ code: area.properties.code, name: area.properties.name, level }]
  for (let parent = area.properties.parent, depth = 0; parent !== null && depth < 5; depth++) {
    const up = await areaByCode(parent).catch(() => null)
    if (!up) break
    trail.unshift({ code: up.properties.code, name: up.properties.name, level: up.properties.level })
    parent = up.properties.parent
  }
  const labels = areaLabelsOf(children.length > 0 ? children : [area])
  await loadLabelFont(labels.map((l) => l.name).join(''))
  return { area, level, childLevel, children, labels, trail }
}
