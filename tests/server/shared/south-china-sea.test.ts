// The 南海诸岛 附图 rules and the shipped inset data: which maps carry it, the main map's southern edge, and the
// island groups' names placed on the islands they name.
import { readFileSync } from 'node:fs'
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import { boundsClearOfInset, EASTERNMOST_PROTECTED_LON, INSET_BOUNDS, insetWidthFor, ISLAND_GROUPS, MAIN_MAP_SOUTH_LIMIT, mainMapBounds, needsSouthChinaSeaInset } from '../../../server/shared/south-china-sea'

const inset = JSON.parse(readFileSync(new URL('../../../geodata/national/south-china-sea-inset.geojson', import.meta.url), 'utf8')) as FeatureCollection
const land = inset.features.filter((f) => f.properties?.kind === 'land') as Feature<MultiPolygon>[]
const vertices = land.flatMap((f) => f.geometry.coordinates.flatMap((polygon) => polygon[0]))

function kmToNearestVertex(lon: number, lat: number): number {
  const cos = Math.cos((lat * Math.PI) / 180)
  return Math.min(...vertices.map(([x, y]) => Math.hypot((x - lon) * cos, y - lat) * 111.2))
}

describe('which maps carry the inset', () => {
  test('the whole country and 海南省; not 三沙市, another province or a county', () => {
    expect([null, '000000', '460000'].map(needsSouthChinaSeaInset)).toEqual([true, true, true])
    expect(['460300', '440000', '530600', '530626'].map(needsSouthChinaSeaInset)).toEqual([false, false, false, false])
  })

  test("the main map's southern edge is raised to just below 海南岛's tip, never above its northern edge", () => {
    expect(mainMapBounds([[73.5, 3.8], [135.1, 53.6]])).toEqual([[73.5, MAIN_MAP_SOUTH_LIMIT], [135.1, 53.6]])
    expect(mainMapBounds([[108.6, 18.1], [111.1, 20.2]])).toEqual([[108.6, 18.1], [111.1, 20.2]])
    expect(mainMapBounds([[110, 3.8], [118, 10]])).toEqual([[110, 10], [118, 10]])
  })
})

describe('room for the inset in the lower right', () => {
  const country: [[number, number], [number, number]] = [[73.5, MAIN_MAP_SOUTH_LIMIT], [134.8, 53.6]]
  const shareEastOfChiwei = ([[west], [east]]: typeof country) => (east - EASTERNMOST_PROTECTED_LON) / (east - west)

  test('the east edge moves out until 赤尾屿 is west of the inset, and only as far as needed', () => {
    for (const share of [0.1, 0.2, 0.3, 0.45]) expect(shareEastOfChiwei(boundsClearOfInset(country, share))).toBeCloseTo(Math.max(share, shareEastOfChiwei(country)), 9)
    expect(boundsClearOfInset(country, 0.05)).toEqual(country) // the Pacific east of 台湾 already leaves room
    expect(boundsClearOfInset(country, 0.3)[0]).toEqual(country[0])
  })

  test('the inset is 15 % of the map, at least 180 and at most 420 px wide', () => {
    expect([800, 1600, 2000, 4000].map(insetWidthFor)).toEqual([180, 240, 300, 420])
  })
})

describe('the shipped inset data (geodata/national/south-china-sea-inset.geojson)', () => {
  test("海南岛's southern tip lies north of the main map's southern edge", () => {
    const hainanIsland = land.find((f) => f.properties?.code === '460000')!.geometry.coordinates.flatMap((p) => p[0]).filter(([x, y]) => x > 108 && x < 111.2 && y > 17.5)
    expect(Math.min(...hainanIsland.map(([, y]) => y))).toBeGreaterThan(MAIN_MAP_SOUTH_LIMIT)
  })

  test('every island group is named on its islands, and the inset reaches 曾母暗沙', () => {
    for (const group of ISLAND_GROUPS) expect(kmToNearestVertex(group.lon, group.lat), group.name).toBeLessThan(20)
    const labels = inset.features.filter((f) => f.properties?.kind === 'label') as Feature<Point>[]
    expect(labels.map((f) => f.properties?.name)).toEqual(ISLAND_GROUPS.map((g) => g.name))
    expect(Math.min(...vertices.map(([, y]) => y))).toBeLessThan(4.2)
  })

  test('台湾省, 广东省 and 海南省 are drawn; every vertex and every dash lies inside the inset', () => {
    expect(land.map((f) => f.properties?.code)).toEqual(expect.arrayContaining(['710000', '440000', '460000']))
    const line = inset.features.find((f) => f.properties?.kind === 'line') as Feature<MultiLineString>
    expect(line.geometry.coordinates).toHaveLength(9)
    const [west, south, east, north] = INSET_BOUNDS
    for (const [x, y] of [...vertices, ...line.geometry.coordinates.flat()]) {
      expect(x >= west && x <= east && y >= south && y <= north).toBe(true)
    }
  })
})
