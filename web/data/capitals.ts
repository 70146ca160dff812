// The capitals (省会、首府) of the provinces and autonomous regions, 台北 for 台湾省 among them: a map at
// provincial scale marks each with a ring and its name, as the 公开地图内容表示规范 treats 台湾省 like every other
// province. The seats are the 省级人民政府驻地 of 民政部's 行政区划 lists (www.mca.gov.cn, 2023); the names are
// the NBS 统计用区划代码 (2023) names of the capitals' prefectures, written without 市 as national maps write them
// (台湾省 has no subdivisions in the NBS list: 台北). Positions are the cities' centres to 0.01°, each checked by
// tests/web/capitals.test.ts to lie in its prefecture's polygon (台北: in 台湾省's) of geodata/national. The four
// 直辖市 are their own capitals, and 香港 and 澳门 are named by their own labels, so none of them has a row.
import type { AreaLabel } from './area-geometry'

export interface Capital {
  province: string // the province's code
  prefecture: string // the capital's prefecture code (台北: 710000, the province's own)
  name: string
  position: [number, number]
}

export const CAPITALS: readonly Capital[] = [
  { province: '130000', prefecture: '130100', name: '石家庄', position: [114.51, 38.04] },
  { province: '140000', prefecture: '140100', name: '太原', position: [112.55, 37.87] },
  { province: '150000', prefecture: '150100', name: '呼和浩特', position: [111.75, 40.84] },
  { province: '210000', prefecture: '210100', name: '沈阳', position: [123.43, 41.8] },
  { province: '220000', prefecture: '220100', name: '长春', position: [125.32, 43.82] },
  { province: '230000', prefecture: '230100', name: '哈尔滨', position: [126.53, 45.8] },
  { province: '320000', prefecture: '320100', name: '南京', position: [118.8, 32.06] },
  { province: '330000', prefecture: '330100', name: '杭州', position: [120.16, 30.27] },
  { province: '340000', prefecture: '340100', name: '合肥', position: [117.23, 31.82] },
  { province: '350000', prefecture: '350100', name: '福州', position: [119.3, 26.08] },
  { province: '360000', prefecture: '360100', name: '南昌', position: [115.86, 28.68] },
  { province: '370000', prefecture: '370100', name: '济南', position: [117.12, 36.65] },
  { province: '410000', prefecture: '410100', name: '郑州', position: [113.63, 34.75] },
  { province: '420000', prefecture: '420100', name: '武汉', position: [114.31, 30.59] },
  { province: '430000', prefecture: '430100', name: '长沙', position: [112.94, 28.23] },
  { province: '440000', prefecture: '440100', name: '广州', position: [113.26, 23.13] },
  { province: '450000', prefecture: '450100', name: '南宁', position: [108.37, 22.82] },
  { province: '460000', prefecture: '460100', name: '海口', position: [110.35, 20.02] },
  { province: '510000', prefecture: '510100', name: '成都', position: [104.07, 30.57] },
  { province: '520000', prefecture: '520100', name: '贵阳', position: [106.63, 26.65] },
  { province: '530000', prefecture: '530100', name: '昆明', position: [102.83, 24.88] },
  { province: '540000', prefecture: '540100', name: '拉萨', position: [91.11, 29.65] },
  { province: '610000', prefecture: '610100', name: '西安', position: [108.94, 34.34] },
  { province: '620000', prefecture: '620100', name: '兰州', position: [103.83, 36.06] },
  { province: '630000', prefecture: '630100', name: '西宁', position: [101.78, 36.62] },
  { province: '640000', prefecture: '640100', name: '银川', position: [106.23, 38.49] },
  { province: '650000', prefecture: '650100', name: '乌鲁木齐', position: [87.62, 43.83] },
  { province: '710000', prefecture: '710000', name: '台北', position: [121.56, 25.04] },
]

/** The zoom from which a map of the whole country is at provincial scale and marks every capital. */
export const CAPITALS_ZOOM = 5

/** A capital's name as a label: placed beside its ring, never on it. */
export type CapitalLabel = AreaLabel & { capital: true }

/**
 * The capitals a map marks: its province's when it frames one, every one on a map of the whole country zoomed to
 * provincial scale, none otherwise. Codes are the capitals' prefectures, so a prefecture's own label can give way.
 */
export function capitalsShown(frameCode: string, frameLevel: string, zoom: number): CapitalLabel[] {
  const shown =
    frameLevel === 'province' ? CAPITALS.filter((c) => c.province === frameCode) : frameLevel === 'country' && zoom >= CAPITALS_ZOOM ? CAPITALS : []
  return shown.map((c) => ({ code: c.prefecture, name: c.name, position: c.position, capital: true }))
}

/** The map's names with its capitals': a capital's prefecture gives its own label up to the capital's (昆明 for 昆明市). */
export function withCapitals<T extends AreaLabel>(labels: readonly T[], capitals: readonly CapitalLabel[]): (T | CapitalLabel)[] {
  const named = new Set(CAPITALS.filter((c) => c.prefecture !== c.province && capitals.some((k) => k.code === c.prefecture)).map((c) => c.prefecture))
  return [...capitals, ...labels.filter((l) => !named.has(l.code))]
}
