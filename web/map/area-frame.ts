// The area a map page frames, loaded from the API: the area, its children (the areas the map colours) with
// their labels (the label font loaded for them), and the breadcrumb trail above it. The dashboard and the screen
// load a MapFrame (loadMapFrame): at the country and a province its boundaries are drawn from the vector tiles
// and only label points and boxes are fetched; the planner and the unit form load a Frame, boundaries and all.
// Area lists are cached for the page's life, so going back up the breadcrumb is instant.
import type { AreaLevel } from '../../server/shared/domain'
import { fetchAreaPlaces, fetchAreas } from '../api/client'
import type { AreaFeature } from '../api/responses'
import { childLevelOf, levelOfCode, parentCodeOf } from '../../server/shared/area-codes'
import { areaLabelsOf, drawableAreas, mapAreaLabelsOf, mapAreaOf, mapAreasOf, type AreaLabel, type MapArea } from '../data/area-geometry'
import { loadLabelFont } from './label-font'
import { tiledDrawingOf, type FrameDrawing } from './tiled-frame'

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

/** A frame as the dashboard and the screen draw it: its areas' boundaries as features or from the vector tiles. */
export interface MapFrame {
  area: MapArea
  level: AreaLevel
  childLevel: AreaLevel | null
  children: MapArea[] // drawable children; empty at the bottom of the hierarchy
  drawing: FrameDrawing
  labels: AreaLabel[]
  trail: TrailStep[]
}

const areaLists = new Map<string, Promise<AreaFeature[]>>()
const placeLists = new Map<string, Promise<MapArea[]>>()

function cachedList<T>(lists: Map<string, Promise<T[]>>, level: AreaLevel, parent: string | null, load: () => Promise<T[]>): Promise<T[]> {
  const key = `${level}/${parent ?? '*'}`
  let list = lists.get(key)
  if (!list) {
    list = load()
    list.catch(() => lists.delete(key)) // a failed load is retried next time
    lists.set(key, list)
  }
  return list
}

/** The drawable areas of `level` (inside `parent`; null: all of the level), cached for the page's life. */
export function areaList(level: AreaLevel, parent: string | null): Promise<AreaFeature[]> {
  return cachedList(areaLists, level, parent, () => fetchAreas(parent === null ? { level } : { level, parent }).then(drawableAreas))
}

/** The same areas without their boundaries: label points and boxes (a few hundred bytes an area). */
export function placeList(level: AreaLevel, parent: string | null): Promise<MapArea[]> {
  return cachedList(placeLists, level, parent, () => fetchAreaPlaces(parent === null ? { level } : { level, parent }).then(mapAreasOf))
}

async function byCode<T extends { properties: { code: string } }>(code: string, list: (level: AreaLevel, parent: string | null) => Promise<T[]>): Promise<T> {
  const level = levelOfCode(code)
  const parent = parentCodeOf(code)
  let found: T | undefined
  try {
    found = (await list(level, parent)).find((a) => a.properties.code === code)
  } catch {
    // The parent the digits suggest is not in the store (a remapped code): look through the whole level.
  }
  found ??= (await list(level, null)).find((a) => a.properties.code === code)
  if (!found) throw new Error(`行政区 ${code} 不在数据中或没有边界 (area ${code} is not in the store or has no boundary)`)
  return found
}

/**
 * The code a view without one opens on: the store's root, the country (000000) when it holds one, else its
 * first prefecture (a prefecture's store: its province has no boundary to frame).
 */
export async function rootCode(): Promise<string> {
  const [country] = await placeList('country', null)
  if (country) return country.properties.code
  const first = (await placeList('prefecture', null))[0]
  if (!first) throw new Error('没有地级行政区边界 (the store has no prefecture with a boundary)')
  return first.properties.code
}

/** The breadcrumb from the topmost drawable ancestor down to `area`. */
async function trailOf(area: MapArea | AreaFeature): Promise<TrailStep[]> {
  const trail: TrailStep[] = [{ code: area.properties.code, name: area.properties.name, level: area.properties.level }]
  for (let parent = area.properties.parent, depth = 0; parent !== null && depth < 5; depth++) {
    const up = await byCode(parent, placeList).catch(() => null)
    if (!up) break
    trail.unshift({ code: up.properties.code, name: up.properties.name, level: up.properties.level })
    parent = up.properties.parent
  }
  return trail
}

/** The area `code` (null: the store's root, rootCode) with its children and its breadcrumb trail, boundaries and all. */
export async function loadFrame(code: string | null): Promise<Frame> {
  const area = await byCode(code ?? (await rootCode()), areaList)
  const level = area.properties.level
  const childLevel = childLevelOf(level)
  const children = childLevel ? await areaList(childLevel, area.properties.code).catch(() => []) : []
  const trail = await trailOf(area)
  const labels = areaLabelsOf(children.length > 0 ? children : [area])
  await loadLabelFont(labels.map((l) => l.name).join(''))
  return { area, level, childLevel, children, labels, trail }
}

/**
 * The area `code` (null: the store's root) as the dashboard and the screen draw it: from the vector tiles where
 * tiledDrawingOf says so (the country and a province), else with its boundaries, as loadFrame loads them.
 */
export async function loadMapFrame(code: string | null): Promise<MapFrame> {
  const area = await byCode(code ?? (await rootCode()), placeList)
  const level = area.properties.level
  const childLevel = childLevelOf(level)
  const tiled = tiledDrawingOf(area.properties.code, level)
  let children: MapArea[]
  let drawing: FrameDrawing
  if (tiled) {
    children = childLevel ? await placeList(childLevel, area.properties.code).catch(() => []) : []
    drawing = tiled
  } else {
    const [feature, childFeatures] = await Promise.all([byCode(area.properties.code, areaList), childLevel ? areaList(childLevel, area.properties.code).catch(() => []) : []])
    children = childFeatures.map(mapAreaOf)
    drawing = { kind: 'features', area: feature, children: childFeatures }
  }
  const trail = await trailOf(area)
  const labels = mapAreaLabelsOf(children.length > 0 ? children : [area])
  await loadLabelFont(labels.map((l) => l.name).join(''))
  return { area, level, childLevel, children, drawing, labels, trail }
}
