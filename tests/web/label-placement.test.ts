// Area names placed clear of one another and of what is drawn over the map: fixed points first, then the
// provinces of the whole country at the dashboard's zooms and on the A3 national sheet with the 南海诸岛 inset
// in each corner.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { AreaFeature } from '../../web/api/responses'
import { areaLabelsOf, type AreaLabel } from '../../web/data/area-geometry'
import { byAreaSize, CAPITAL_RING_PX, labelSize, placeLabels, type LabelBox, type PlacedLabel } from '../../web/data/label-placement'
import { fittedProjection, FURNITURE_CLEARANCE, FURNITURE_MARGIN, MAP_PADDING, SCALE_BAR_ROOM, sheetFurniture } from '../../web/export/sheet-furniture'
import { insetWidthFor, INSET_CORNERS, MAIN_MAP_SOUTH_LIMIT, mainMapBounds, PROTECTED_PLACES } from '../../server/shared/south-china-sea'
import { insetAspect } from '../../web/map/SouthChinaSeaInset'
import { boundsOf } from '../../web/data/area-geometry'

const provinces = (JSON.parse(readFileSync(new URL('../../geodata/national/provinces.z3.geojson', import.meta.url), 'utf8')) as { features: AreaFeature[] }).features
const PROVINCE_LABELS = areaLabelsOf(provinces)

function boxesOf(placed: PlacedLabel[], project: (p: readonly [number, number]) => [number, number], fontSize: number): (LabelBox & { name: string })[] {
  return placed.map((l) => {
    const [x, y] = project(l.position)
    const { width, height } = labelSize(l.name, fontSize)
    const [cx, cy] = [x + l.offset[0], y + l.offset[1]]
    return { name: l.name, left: cx - width / 2, right: cx + width / 2, top: cy - height / 2, bottom: cy + height / 2 }
  })
}

const overlaps = (a: LabelBox, b: LabelBox) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

function expectNoOverlap(boxes: (LabelBox & { name: string })[], obstacles: LabelBox[] = []) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j]), `${boxes[i].name} over ${boxes[j].name}`).toBe(false)
    for (const o of obstacles) expect(overlaps(boxes[i], o), `${boxes[i].name} over a box on the map`).toBe(false)
  }
}

describe('placing names', () => {
  const at = (code: string, name: string, lon: number, lat: number): AreaLabel => ({ code, name, position: [lon, lat] })
  const flat = { zoom: 0, fontSize: 14, project: ([x, y]: readonly [number, number]) => [x, y] as [number, number] }

  test('the more important name keeps its point; a name on the same point moves below it, then above; one that would start beside the point but still cover the first is left out', () => {
    const labels = [1, 2, 3, 4].map((n) => at(String(n), '某某', 500, 500))
    const placed = placeLabels(labels, { ...flat, priority: (l) => -Number(l.code) })
    const { height } = labelSize('某某', 14)
    expect(placed.map((l) => [l.code, l.offset])).toEqual([
      ['1', [0, 0]],
      ['2', [0, height]],
      ['3', [0, -height]],
    ])
  })

  test('a name whose point has a box over everything left of it starts just right of its point', () => {
    const { width } = labelSize('某某', 14)
    const placed = placeLabels([at('a', '某某', 500, 500)], {
      ...flat,
      priority: () => 0,
      obstacles: [{ left: 0, right: 500, top: 0, bottom: 1000 }],
    })
    expect(placed.map((l) => l.offset)).toEqual([[width / 2 + 4, 0]])
  })

  test('names far apart stay on their points; a name whose every spot is under a box on the map is left out', () => {
    const placed = placeLabels([at('a', '甲', 100, 100), at('b', '乙', 400, 100)], { ...flat, priority: () => 0, obstacles: [{ left: 300, top: 0, right: 600, bottom: 300 }] })
    expect(placed.map((l) => [l.code, l.offset])).toEqual([['a', [0, 0]]])
  })

  test("a capital's name goes beside its ring, never on it, before any area's name, and no name covers the ring", () => {
    const capital = { ...at('530100', '昆明', 500, 500), capital: true as const }
    const placed = placeLabels([at('530000', '云南省', 500, 500), capital], { ...flat, priority: () => 0 })
    const { width } = labelSize('昆明', 14)
    expect(placed[0]).toMatchObject({ code: '530100', offset: [(width + CAPITAL_RING_PX) / 2, 0] })
    const ring = { left: 500 - CAPITAL_RING_PX / 2, right: 500 + CAPITAL_RING_PX / 2, top: 500 - CAPITAL_RING_PX / 2, bottom: 500 + CAPITAL_RING_PX / 2 }
    expectNoOverlap(boxesOf(placed, flat.project, 14), [ring])
  })

  test('北京 is placed before the larger 河北 around it', () => {
    const priority = byAreaSize(provinces)
    const placed = placeLabels(PROVINCE_LABELS.filter((l) => ['110000', '120000', '130000'].includes(l.code)), { zoom: 3, fontSize: 14, priority })
    expect(placed[0]).toMatchObject({ code: '110000', offset: [0, 0] })
  })

  test.each([3, 3.5, 4, 5])('the provinces of the whole country at zoom %s: no two names overlap, and more show as the map zooms in', (zoom) => {
    const size = 512 * 2 ** zoom
    const project = ([lon, lat]: readonly [number, number]): [number, number] => [((lon + 180) / 360) * size, ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * size]
    const placed = placeLabels(PROVINCE_LABELS, { zoom, fontSize: 14, priority: byAreaSize(provinces) })
    expectNoOverlap(boxesOf(placed, project, 14))
    expect(placed.some((l) => l.name === '台湾省')).toBe(true)
    expect(placed.length).toBeGreaterThanOrEqual(zoom >= 4 ? 33 : 28)
  })
})

describe('the A3 national sheet', () => {
  const map = { width: 1870, height: 1452 } // as in sheet-furniture.test.ts
  const land = provinces.flatMap((f) => f.geometry.coordinates.flatMap(([outer]) => outer.filter(([, lat]) => lat >= MAIN_MAP_SOUTH_LIMIT) as [number, number][]))
  const bounds = mainMapBounds(boundsOf(provinces)!)
  test.each(INSET_CORNERS)('inset %s: the province names overlap neither one another nor the inset and the other furniture', (corner) => {
    const width = insetWidthFor(map.width)
    const placed = sheetFurniture(
      corner,
      { inset: { width, height: Math.round(width / insetAspect()) }, north: { width: 56, height: 83 }, scale: SCALE_BAR_ROOM, notice: { width: 346, height: 38 } },
      { bounds, map, padding: MAP_PADDING, land, protectedPlaces: PROTECTED_PLACES.map((p) => [p.lon, p.lat] as const), clearance: FURNITURE_CLEARANCE },
      FURNITURE_MARGIN,
    )
    const project = fittedProjection(placed.bounds!, map, MAP_PADDING)
    const obstacles = Object.values(placed.rects)
    const names = placeLabels(PROVINCE_LABELS, { zoom: 0, fontSize: 14, priority: byAreaSize(provinces), project, obstacles })
    expectNoOverlap(boxesOf(names, project, 14), obstacles)
    expect(names.length).toBeGreaterThanOrEqual(33)
  })
})
