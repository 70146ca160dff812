// The national demo through the API: the country at the top, 台湾省, 香港 and 澳门 暂无数据, and the answers a
// national view loads kept small.
import { afterAll, describe, expect, it } from 'vitest'
import type { CoverageReport } from '../../../server/geo/coverage'
import { nationalDemoApp } from '../demo-app'

const { app, store } = nationalDemoApp()
afterAll(() => store.close())

async function coverage(query: string): Promise<CoverageReport> {
  const answer = await app.request(`/api/coverage?${query}`)
  expect(answer.status).toBe(200)
  return answer.json()
}

const NO_LEDGER = ['710000', '810000', '820000']

describe('the national demo', () => {
  it('counts the whole country in one area, over the 31 provinces with a ledger', async () => {
    const { areas } = await coverage('level=country')
    expect(areas).toHaveLength(1)
    expect(areas[0]).toMatchObject({ code: '000000', name: '中华人民共和国', noData: false, childAreas: 31 })
    expect(areas[0].total).toBeGreaterThan(1000)
    expect(areas[0].childAreasCovered).toBe(31)
  })

  it('marks 台湾省, 香港 and 澳门 noData at province level, and no other province', async () => {
    const { areas } = await coverage('level=province&parent=000000')
    expect(areas).toHaveLength(34)
    expect(areas.filter((a) => a.noData).map((a) => a.code).sort()).toEqual(NO_LEDGER)
    expect(areas.filter((a) => NO_LEDGER.includes(a.code)).every((a) => a.total === 0 && a.targets.length === 0)).toBe(true)
    expect(areas.filter((a) => !a.noData).every((a) => a.total > 0)).toBe(true)
  })

  it('reports a province’s prefectures and a prefecture’s counties with data, a county without units as a true 0', async () => {
    const prefectures = await coverage('level=prefecture&parent=530000')
    expect(prefectures.areas.map((a) => a.code)).toContain('530600')
    expect(prefectures.areas.every((a) => !a.noData)).toBe(true)
    const counties = await coverage('level=county&parent=530600')
    expect(counties.areas).toHaveLength(11)
    expect(counties.areas.every((a) => !a.noData)).toBe(true)
  })

  it('keeps the aggregate a national view loads small: province coverage under 64 KB, gzipped under 8 KB', async () => {
    const plain = await app.request('/api/coverage?level=province&parent=000000')
    expect((await plain.arrayBuffer()).byteLength).toBeLessThan(64_000)
    const gzipped = await app.request('/api/coverage?level=province&parent=000000', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    expect((await gzipped.arrayBuffer()).byteLength).toBeLessThan(8_000)
  })

  it('serves the country as an area, and the provinces as its children', async () => {
    const country = await (await app.request('/api/areas?level=country')).json()
    expect(country.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['000000'])
    const provinces = await (await app.request('/api/areas?level=province&parent=000000')).json()
    expect(provinces.features).toHaveLength(34)
  })
})
