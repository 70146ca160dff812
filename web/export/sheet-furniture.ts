// Where the things drawn over the sheet's map sit — the 南海诸岛 inset, the north arrow, the scale bar and the
// notice — and how the map is framed around them. The inset goes in the corner the export asks for; whatever
// sat in that corner moves to the lower right, the one corner the others leave free. The map's extent is then
// widened on the inset's side until the inset covers none of the framed area's land and no furniture covers a
// protected place (台湾岛, 钓鱼岛, 赤尾屿, 海南岛's tip); a corner where that cannot be done falls back to the
// lower right. The legend, title and source are outside the map box (the sheet's grid), so they never reach it.
import type { Bounds, InsetCorner } from '../../server/shared/south-china-sea'

export interface Size {
  width: number
  height: number
}

/** CSS px in the map box, y down. */
export interface Rect {
  left: number
  top: number
  right: number
  bottom: number
}

export type Furniture = 'inset' | 'north' | 'scale' | 'notice'

/** CSS px kept around the framed area on the sheet's map. */
export const MAP_PADDING = 40
/** CSS px kept between the map's edges and what is drawn over it. */
export const FURNITURE_MARGIN = 12
/** CSS px kept between a piece and a protected place or the land the inset must not cover. */
export const FURNITURE_CLEARANCE = 6
/** Room kept for the scale bar, whose length follows the zoom: the longest bar (240 px) with its unit and 1:n fraction. */
export const SCALE_BAR_ROOM: Size = { width: 460, height: 48 }

export interface FurnitureSizes {
  inset: Size | null // null: this map needs no inset
  north: Size
  scale: Size
  notice: Size | null // null: no notice on this sheet
}

export type FurnitureRects = Partial<Record<Furniture, Rect>>

/** Where each piece sits when nothing displaces it: the notice upper left, the north arrow upper right, the scale lower left. */
const HOME: Record<Exclude<Furniture, 'inset'>, InsetCorner> = { notice: 'upper-left', north: 'upper-right', scale: 'lower-left' }
/** The corner no piece but the inset calls home: where a piece the inset displaces goes. */
const SPARE: InsetCorner = 'lower-right'

function rectAt(corner: InsetCorner, size: Size, map: Size, margin: number): Rect {
  const left = corner.endsWith('left') ? margin : map.width - margin - size.width
  const top = corner.startsWith('upper') ? margin : map.height - margin - size.height
  return { left, top, right: left + size.width, bottom: top + size.height }
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
}

/** The corner each piece takes with the inset in `corner`. */
export function cornersOf(corner: InsetCorner): Record<Furniture, InsetCorner> {
  const moved = (home: InsetCorner) => (home === corner ? SPARE : home)
  return { inset: corner, notice: moved(HOME.notice), north: moved(HOME.north), scale: moved(HOME.scale) }
}

/** Every piece's rectangle with the inset in `corner`, `margin` px from the map's edges. */
export function furnitureRects(map: Size, corner: InsetCorner, sizes: FurnitureSizes, margin: number): FurnitureRects {
  const corners = cornersOf(corner)
  const rects: FurnitureRects = {}
  for (const piece of ['inset', 'north', 'scale', 'notice'] as const) {
    const size = sizes[piece]
    if (size) rects[piece] = rectAt(corners[piece], size, map, margin)
  }
  return rects
}

/** Whether the pieces lie inside the map and clear of one another (a small map may have no room for the inset beside what shares its side). */
export function furnitureFits(map: Size, rects: FurnitureRects): boolean {
  const placed = Object.values(rects)
  for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) if (overlaps(placed[i], placed[j])) return false
  return placed.every((r) => r.left >= 0 && r.top >= 0 && r.right <= map.width && r.bottom <= map.height)
}

type LonLat = readonly [number, number]

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))

/**
 * Where a place lands on a map of `map` px fitted to `bounds` with `padding` px kept on every side: MapLibre's
 * fitBounds on a Web Mercator map without tilt (the largest zoom that fits, centred on the bounds).
 */
export function fittedProjection(bounds: Bounds, map: Size, padding: number): (place: LonLat) => [number, number] {
  const [[west, south], [east, north]] = bounds
  const x0 = (west * Math.PI) / 180
  const x1 = (east * Math.PI) / 180
  const [y0, y1] = [mercatorY(south), mercatorY(north)]
  const k = Math.min((map.width - 2 * padding) / Math.max(x1 - x0, 1e-9), (map.height - 2 * padding) / Math.max(y1 - y0, 1e-9))
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2]
  return ([lon, lat]) => [map.width / 2 + ((lon * Math.PI) / 180 - cx) * k, map.height / 2 - (mercatorY(lat) - cy) * k]
}

export interface FramingInput {
  bounds: Bounds // the extent the map must show (mainMapBounds of the framed area)
  map: Size
  padding: number
  rects: FurnitureRects
  land: readonly LonLat[] // the framed area's vertices on the main map: the inset may cover none of them
  protectedPlaces: readonly LonLat[] // no piece may cover these
  clearance: number // px kept between a piece and what it must not cover
}

/** How far the extent may grow on one side, as a share of its width, before a corner is given up. */
const MAX_GROWTH = 1.5
const STEP = 0.02

/**
 * The extent widened on the side of each piece that covers what it must not, a step at a time, until none
 * does; null when MAX_GROWTH is reached first (that corner cannot take the inset on this map).
 */
export function framedBounds({ bounds, map, padding, rects, land, protectedPlaces, clearance }: FramingInput): Bounds | null {
  const width = bounds[1][0] - bounds[0][0]
  let [west, east] = [bounds[0][0], bounds[1][0]]
  const covers = (rect: Rect, [x, y]: [number, number]) =>
    x > rect.left - clearance && x < rect.right + clearance && y > rect.top - clearance && y < rect.bottom + clearance
  for (;;) {
    const current: Bounds = [[west, bounds[0][1]], [east, bounds[1][1]]]
    const project = fittedProjection(current, map, padding)
    const placesOnMap = protectedPlaces.map(project)
    const landOnMap = rects.inset ? land.map(project) : []
    let grow = { west: false, east: false }
    for (const [piece, rect] of Object.entries(rects) as [Furniture, Rect][]) {
      const blocked = placesOnMap.some((p) => covers(rect, p)) || (piece === 'inset' && landOnMap.some((p) => covers(rect, p)))
      if (!blocked) continue
      if (rect.left + rect.right < map.width) grow = { ...grow, west: true }
      else grow = { ...grow, east: true }
    }
    if (!grow.west && !grow.east) return current
    if (grow.west) west -= STEP * width
    if (grow.east) east += STEP * width
    if (east - west > (1 + MAX_GROWTH) * width) return null
  }
}

export interface SheetFurniture {
  corner: InsetCorner // where the inset went: the one asked for, or the lower right when that would not do
  rects: FurnitureRects
  bounds: Bounds | null // the extent to frame; null: the framed area's own (no inset)
}

/**
 * The furniture and the extent for an inset asked for in `asked`: that corner when its rectangles fit and a
 * framing clears them, else the lower right (the convention, which the national and 海南 maps always clear).
 */
export function sheetFurniture(asked: InsetCorner, sizes: FurnitureSizes, framing: Omit<FramingInput, 'rects'>, margin: number): SheetFurniture {
  const tryCorner = (corner: InsetCorner): SheetFurniture | null => {
    const rects = furnitureRects(framing.map, corner, sizes, margin)
    if (!furnitureFits(framing.map, rects)) return null
    if (!sizes.inset) return { corner, rects, bounds: null }
    const bounds = framedBounds({ ...framing, rects })
    return bounds ? { corner, rects, bounds } : null
  }
  // A map too small for even the lower right keeps the convention's corner and the plain extent, as before this layout.
  return tryCorner(asked) ?? tryCorner(SPARE) ?? { corner: SPARE, rects: furnitureRects(framing.map, SPARE, sizes, margin), bounds: sizes.inset ? framing.bounds : null }
}
