// The furniture over the print sheet's map: the 南海诸岛 inset in each corner on A4 and A3, landscape and portrait,
// never over the north arrow, the scale bar or the notice, and neither it nor they over 台湾岛, 钓鱼岛, 赤尾屿 or
// 海南岛's tip, nor the inset over the land of the framed area; a corner that cannot be cleared falls back to the
// lower right. The map boxes are the sheets' as laid out in Chromium (the national demo, 2026-12).
import { readFileSync } from 'node:fs'
import type { FeatureCollection, MultiPolygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { INSET_CORNERS, insetWidthFor, MAIN_MAP_SOUTH_LIMIT, mainMapBounds, PROTECTED_PLACES, type Bounds } from '../../../server/shared/south-china-sea'
import { insetAspect } from '../../../web/map/SouthChinaSeaInset'
import {
  cornersOf,
  fittedProjection,
  FURNITURE_CLEARANCE,
  FURNITURE_MARGIN,
  furnitureFits,
  furnitureRects,
  MAP_PADDING,
  overlaps,
  SCALE_BAR_ROOM,
  sheetFurniture,
  type FurnitureSizes,
  type Rect,
  type Size,
} from '../../../web/export/sheet-furniture'

const provinces = JSON.parse(readFileSync(new URL('../../../geodata/national/provinces.z3.geojson', import.meta.url), 'utf8')) as FeatureCollection<MultiPolygon, { code: string }>

function landOf(codes: (code: string) => boolean): [number, number][] {
  return provinces.features
    .filter((f) => codes(f.properties.code))
    .flatMap((f) => f.geometry.coordinates.flatMap(([outer]) => outer.filter(([, lat]) => lat >= MAIN_MAP_SOUTH_LIMIT) as [number, number][]))
}

function extentOf(all: [number, number][]): Bounds {
  const lons = all.map(([lon]) => lon)
  const lats = all.map(([, lat]) => lat)
  return [[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]]
}

const COUNTRY_LAND = landOf(() => true)
const COUNTRY_BOUNDS = mainMapBounds(extentOf(provinces.features.flatMap((f) => f.geometry.coordinates.flatMap(([outer]) => outer as [number, number][]))))
const HAINAN = provinces.features.filter((f) => f.properties.code === '460000')
const HAINAN_LAND = landOf((code) => code === '460000')
const HAINAN_BOUNDS = mainMapBounds(extentOf(HAINAN.flatMap((f) => f.geometry.coordinates.flatMap(([outer]) => outer as [number, number][]))))
const PLACES = PROTECTED_PLACES.map((p) => [p.lon, p.lat] as const)

/** The sheet's map box (CSS px inside its border) per paper, measured in Chromium at 150 DPI. */
const MAP_BOXES: Record<string, Size> = {
  'A4 landscape': { width: 1148, height: 938 },
  'A4 portrait': { width: 1118, height: 1151 },
  'A3 landscape': { width: 1870, height: 1452 },
  'A3 portrait': { width: 1632, height: 1877 },
}
/** The north arrow and the national demo's 示例数据 notice as drawn. */
const NORTH: Size = { width: 56, height: 83 }
const NOTICE: Size = { width: 346, height: 38 }

function sizesFor(map: Size): FurnitureSizes {
  const width = insetWidthFor(map.width)
  return { inset: { width, height: Math.round(width / insetAspect()) }, north: NORTH, scale: SCALE_BAR_ROOM, notice: NOTICE }
}

const covers = (rect: Rect, [x, y]: [number, number]) => x > rect.left && x < rect.right && y > rect.top && y < rect.bottom

describe.each(Object.entries(MAP_BOXES))('the national sheet, %s', (_, map) => {
  test.each(INSET_CORNERS)('inset %s: nothing overlaps, nothing covers the islands, the inset covers no land', (corner) => {
    const placed = sheetFurniture(corner, sizesFor(map), { bounds: COUNTRY_BOUNDS, map, padding: MAP_PADDING, land: COUNTRY_LAND, protectedPlaces: PLACES, clearance: FURNITURE_CLEARANCE }, FURNITURE_MARGIN)
    expect(placed.corner).toBe(corner) // every corner can be cleared on the national sheet of every paper
    const rects = Object.entries(placed.rects) as [string, Rect][]
    expect(rects.map(([piece]) => piece).sort()).toEqual(['inset', 'north', 'notice', 'scale'])
    for (const [a, ra] of rects) for (const [b, rb] of rects) if (a < b) expect(overlaps(ra, rb), `${a} over ${b}`).toBe(false)
    for (const [, r] of rects) expect(r.left >= 0 && r.top >= 0 && r.right <= map.width && r.bottom <= map.height).toBe(true)
    const project = fittedProjection(placed.bounds!, map, MAP_PADDING)
    for (const [i, place] of PLACES.entries()) {
      const [x, y] = project(place)
      expect(x > 0 && x < map.width && y > 0 && y < map.height, `${PROTECTED_PLACES[i].name} on the map`).toBe(true)
      for (const [piece, r] of rects) expect(covers(r, [x, y]), `${PROTECTED_PLACES[i].name} under ${piece}`).toBe(false)
    }
    expect(COUNTRY_LAND.map(project).filter((p) => covers(placed.rects.inset!, p))).toEqual([])
    // The whole main map is still on the sheet: the extent only grew.
    for (const p of COUNTRY_LAND.map(project)) expect(p[0] >= MAP_PADDING - 1 && p[0] <= map.width - MAP_PADDING + 1 && p[1] >= MAP_PADDING - 1 && p[1] <= map.height - MAP_PADDING + 1).toBe(true)
  })
})

describe('the 海南省 sheet', () => {
  test.each(INSET_CORNERS)('inset %s: clear of 海南岛 and of the other furniture on A4 landscape', (corner) => {
    const map = MAP_BOXES['A4 landscape']
    const placed = sheetFurniture(corner, sizesFor(map), { bounds: HAINAN_BOUNDS, map, padding: MAP_PADDING, land: HAINAN_LAND, protectedPlaces: PLACES, clearance: FURNITURE_CLEARANCE }, FURNITURE_MARGIN)
    expect(placed.corner).toBe(corner)
    const project = fittedProjection(placed.bounds!, map, MAP_PADDING)
    expect(HAINAN_LAND.map(project).filter((p) => covers(placed.rects.inset!, p))).toEqual([])
    expect(covers(placed.rects.inset!, project([109.6, 18.2]))).toBe(false)
  })
})

describe('the corners', () => {
  test('the inset takes the corner asked for; what sat there moves to the lower right', () => {
    expect(cornersOf('lower-right')).toEqual({ inset: 'lower-right', notice: 'upper-left', north: 'upper-right', scale: 'lower-left' })
    expect(cornersOf('lower-left')).toEqual({ inset: 'lower-left', notice: 'upper-left', north: 'upper-right', scale: 'lower-right' })
    expect(cornersOf('upper-right')).toEqual({ inset: 'upper-right', notice: 'upper-left', north: 'lower-right', scale: 'lower-left' })
    expect(cornersOf('upper-left')).toEqual({ inset: 'upper-left', notice: 'lower-right', north: 'upper-right', scale: 'lower-left' })
  })

  test('a map too short for the inset above the scale bar cannot take it upper left, and the sheet falls back to the lower right', () => {
    const map = { width: 900, height: 300 }
    const sizes: FurnitureSizes = { inset: { width: 180, height: 229 }, north: NORTH, scale: SCALE_BAR_ROOM, notice: null }
    expect(furnitureFits(map, furnitureRects(map, 'upper-left', sizes, FURNITURE_MARGIN))).toBe(false)
    const placed = sheetFurniture('upper-left', sizes, { bounds: COUNTRY_BOUNDS, map, padding: MAP_PADDING, land: COUNTRY_LAND, protectedPlaces: PLACES, clearance: FURNITURE_CLEARANCE }, FURNITURE_MARGIN)
    expect(placed.corner).toBe('lower-right')
  })

  test('a corner whose inset would cover the land even with the extent grown as far as allowed falls back', () => {
    // A tall, narrow map: the country fills its width, and an inset as wide as the map leaves no side to grow into.
    const map = { width: 700, height: 1400 }
    const sizes: FurnitureSizes = { inset: { width: 640, height: 500 }, north: NORTH, scale: { width: 200, height: 48 }, notice: null }
    const placed = sheetFurniture('upper-left', sizes, { bounds: COUNTRY_BOUNDS, map, padding: MAP_PADDING, land: COUNTRY_LAND, protectedPlaces: PLACES, clearance: FURNITURE_CLEARANCE }, FURNITURE_MARGIN)
    expect(placed.corner).toBe('lower-right')
  })

  test("the fitted projection is MapLibre's fitBounds: the extent's corners land on the padding, centred", () => {
    const map = { width: 1000, height: 800 }
    const project = fittedProjection([[100, 20], [120, 40]], map, 40)
    const [sw, ne] = [project([100, 20]), project([120, 40])]
    expect(Math.min(ne[0] - sw[0], sw[1] - ne[1])).toBeGreaterThan(0)
    // Height-limited here: the extent spans the padded height, centred across the width.
    expect(sw[1]).toBeCloseTo(760, 6)
    expect(ne[1]).toBeCloseTo(40, 6)
    expect((sw[0] + ne[0]) / 2).toBeCloseTo(500, 6)
  })
})
