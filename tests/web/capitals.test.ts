// The provinces' capitals: each inside its prefecture's polygon (台北 inside 台湾省's) of the shipped boundaries,
// every province and autonomous region with one, and which maps mark them.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { AreaFeature } from '../../web/api/responses'
import { CAPITALS, CAPITALS_ZOOM, capitalsShown, withCapitals } from '../../web/data/capitals'
import { polygonContains } from 'd3'

type Point = [number, number]

const read = (name: string) => (JSON.parse(readFileSync(new URL(`../../geodata/national/${name}`, import.meta.url), 'utf8')) as { features: AreaFeature[] }).features
const provinces = read('provinces.z7.geojson')
const prefectures = read('prefectures.z7.geojson')

function inside(area: AreaFeature, point: Point): boolean {
  return area.geometry.coordinates.some((polygon) => polygonContains(polygon[0] as Point[], point))
}

describe('the capitals table', () => {
  test('every province and autonomous region has one capital, 台湾省 台北; the 直辖市, 香港 and 澳门 none', () => {
    const own = ['110000', '120000', '310000', '500000', '810000', '820000']
    const expected = provinces.map((p) => p.properties.code).filter((code) => !own.includes(code)).sort()
    expect(CAPITALS.map((c) => c.province).sort()).toEqual(expected)
    expect(CAPITALS.find((c) => c.province === '710000')?.name).toBe('台北')
  })

  test.each(CAPITALS.map((c) => [c.name, c] as const))('%s lies in its prefecture (and province)', (_, capital) => {
    const prefecture = prefectures.find((p) => p.properties.code === capital.prefecture) ?? provinces.find((p) => p.properties.code === capital.prefecture)
    expect(prefecture, capital.prefecture).toBeDefined()
    expect(inside(prefecture!, capital.position)).toBe(true)
    expect(inside(provinces.find((p) => p.properties.code === capital.province)!, capital.position)).toBe(true)
  })
})

describe('which maps mark capitals', () => {
  test("a province's map marks its own capital; 台湾省's marks 台北", () => {
    expect(capitalsShown('530000', 'province', 6).map((c) => c.name)).toEqual(['昆明'])
    expect(capitalsShown('710000', 'province', 7).map((c) => c.name)).toEqual(['台北'])
    expect(capitalsShown('110000', 'province', 8)).toEqual([])
  })

  test('the whole country marks every capital from provincial zoom; a prefecture or county map none', () => {
    expect(capitalsShown('000000', 'country', CAPITALS_ZOOM - 0.5)).toEqual([])
    expect(capitalsShown('000000', 'country', CAPITALS_ZOOM)).toHaveLength(CAPITALS.length)
    expect(capitalsShown('530100', 'prefecture', 9)).toEqual([])
  })

  test("the capital's prefecture gives its label up to the capital; 台湾省 keeps its label beside 台北", () => {
    const labels = [
      { code: '530100', name: '昆明市', position: [102.9, 25.2] as [number, number] },
      { code: '530300', name: '曲靖市', position: [103.9, 25.6] as [number, number] },
    ]
    expect(withCapitals(labels, capitalsShown('530000', 'province', 6)).map((l) => l.name)).toEqual(['昆明', '曲靖市'])
    const taiwan = [{ code: '710000', name: '台湾省', position: [121, 23.7] as [number, number] }]
    expect(withCapitals(taiwan, capitalsShown('000000', 'country', CAPITALS_ZOOM)).map((l) => l.name)).toContain('台湾省')
  })
})
