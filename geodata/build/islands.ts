// The islands a map of the whole country must show (公开地图内容表示规范), and the two places where the
// source's grouping of islands is not the NBS one: 三沙市 comes as one MultiPolygon, NBS has three
// county-level units; 台湾's files also hold islands that NBS puts in 广东 and 海南.
import type { MultiPolygon, Position } from 'geojson'

export interface IslandPlace {
  name: string
  lonLat: Position
  province: string // 6 digits
}

/** 钓鱼岛 and 赤尾屿, in 台湾省 (宜兰县 in the source). Coordinates as issue 24 gives them. */
export const DIAOYU_ISLANDS: readonly IslandPlace[] = [
  { name: '钓鱼岛', lonLat: [123.47, 25.74], province: '710000' },
  { name: '赤尾屿', lonLat: [124.56, 25.92], province: '710000' },
]

export interface IslandGroup {
  name: string
  province: string // 6 digits
  county: string // the NBS 2023 county-level unit that holds it
  bbox: [number, number, number, number] // west, south, east, north: where its islands and reefs lie
}

/**
 * The 南海诸岛 groups, each with a box that holds its islands and reefs as the source draws them and
 * no other group's. 中沙群岛 includes the outlying 黄岩岛 (117.8° E), 宪法暗沙, 中南暗沙 (115.4° E,
 * 14° N), 神狐暗沙 and 一统暗沙 (19.2–19.5° N); 南沙群岛 reaches 曾母暗沙 (3.97° N).
 */
export const SOUTH_CHINA_SEA_GROUPS: readonly IslandGroup[] = [
  { name: '东沙群岛', province: '440000', county: '442100', bbox: [115.5, 20.3, 117.3, 21.4] },
  { name: '西沙群岛', province: '460000', county: '460321', bbox: [110.5, 15.3, 113.3, 17.5] },
  { name: '中沙群岛', province: '460000', county: '460323', bbox: [113.3, 13.5, 118.5, 19.8] },
  { name: '南沙群岛', province: '460000', county: '460322', bbox: [109.0, 3.3, 118.5, 12.5] },
]

/** 曾母暗沙, the southernmost point, in 南沙群岛. */
export const ZENGMU_ANSHA: IslandPlace = { name: '曾母暗沙', lonLat: [112.28, 3.97], province: '460000' }

/**
 * Which NBS 2023 unit of 三沙市 a polygon of the source's 三沙 belongs to, by where its outer ring
 * lies (the mean of its vertices): south of 12.5° N 南沙群岛 (460322); north of 18° N (神狐暗沙,
 * 一统暗沙) or east of 113.3° E (中沙大环礁, 黄岩岛, 宪法暗沙, 中南暗沙) 中沙群岛 (460323); the rest
 * 西沙群岛 (460321).
 */
export function sanshaUnit(outer: readonly Position[]): '460321' | '460322' | '460323' {
  const [lon, lat] = meanPoint(outer)
  if (lat < 12.5) return '460322'
  if (lat > 18 || lon >= 113.3) return '460323'
  return '460321'
}

/** The source's 三沙市 split into its three NBS 2023 units, each a MultiPolygon, by code. */
export function splitSansha(geometry: MultiPolygon): Map<string, MultiPolygon> {
  const units = new Map<string, MultiPolygon>()
  for (const polygon of geometry.coordinates) {
    const code = sanshaUnit(polygon[0])
    const unit = units.get(code) ?? { type: 'MultiPolygon', coordinates: [] }
    unit.coordinates.push(polygon)
    units.set(code, unit)
  }
  return units
}

/**
 * Where 台湾省 lies as NBS and GB/T 2260 count it: 台湾岛, 澎湖, 兰屿, 绿岛, 钓鱼岛 and 赤尾屿. The
 * source's 高雄 file also draws 东沙岛 (广东, 116.7° E) and 太平岛 (南沙群岛, 10.4° N); those lie
 * outside this box and are left to the units that hold them.
 */
export const TAIWAN_BBOX: [number, number, number, number] = [119.0, 21.0, 125.0, 26.5]

export function isInTaiwanProvince(outer: readonly Position[]): boolean {
  const [lon, lat] = meanPoint(outer)
  const [w, s, e, n] = TAIWAN_BBOX
  return lon >= w && lon <= e && lat >= s && lat <= n
}

export function meanPoint(ring: readonly Position[]): Position {
  const n = ring.length > 1 ? ring.length - 1 : ring.length // a closed ring repeats its first vertex
  let [x, y] = [0, 0]
  for (let i = 0; i < n; i++) [x, y] = [x + ring[i][0], y + ring[i][1]]
  return [x / n, y / n]
}

/** Distance in km between two lon/lat points (haversine on the mean sphere; metres matter not). */
export function distanceKm(a: Position, b: Position): number {
  const rad = Math.PI / 180
  const [φ1, φ2] = [a[1] * rad, b[1] * rad]
  const h = Math.sin((φ2 - φ1) / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)))
}
