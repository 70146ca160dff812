// GET /api/coverage with a category filter, and GET /api/coverage/series: the counts the dashboard, the
// screen and the export used to work out in the browser, now answered by the server.
import { describe, expect, test } from 'vitest'
import { demoApp } from '../demo-app'

const { app } = demoApp()
const get = async (path: string) => {
  const answer = await app.request(path)
  return { status: answer.status, body: await answer.json() }
}

describe('GET /api/coverage?categories=', () => {
  test('counts only the chosen categories: the parts add up to the whole', async () => {
    const all = await get('/api/coverage?level=county&year=2026')
    const schools = await get('/api/coverage?level=county&year=2026&categories=学校')
    // Every category counted anywhere, the scheme's and others (units of a category outside the scheme count too).
    const counted = new Set<string>(all.body.areas.flatMap((a: { byCategory: Record<string, number> }) => Object.keys(a.byCategory)))
    const rest = await get(`/api/coverage?level=county&year=2026&categories=${encodeURIComponent([...counted].filter((c) => c !== '学校').join(','))}`)
    expect(schools.status).toBe(200)
    for (const area of all.body.areas) {
      const school = schools.body.areas.find((a: { code: string }) => a.code === area.code)
      const other = rest.body.areas.find((a: { code: string }) => a.code === area.code)
      expect(school.total + other.total).toBe(area.total)
      expect(school.total).toBe(area.byCategory['学校'])
      expect(school.categoriesInScheme).toBe(1)
    }
  })

  test('a bad list is a 400 naming what is expected', async () => {
    const answer = await get(`/api/coverage?categories=${'长'.repeat(41)}`)
    expect(answer.status).toBe(400)
    expect(answer.body.error.message).toContain('categories')
  })
})

describe('GET /api/coverage/series', () => {
  test('one answer for every year, equal to asking year by year', async () => {
    const { status, body } = await get('/api/coverage/series?level=county&parent=530600&from=2016&to=2026')
    expect(status).toBe(200)
    expect(body.series.map((p: { year: number }) => p.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])
    for (const point of [body.series[0], body.series[10]]) {
      const single = await get(`/api/coverage?level=county&parent=530600&year=${point.year}`)
      expect(point.areas).toEqual(single.body.areas.map(({ code, total, byLevel, byCategory }: Record<string, unknown>) => ({ code, total, byLevel, byCategory })))
    }
    expect(body.series[0].areas.reduce((s: number, a: { total: number }) => s + a.total, 0))
      .toBeLessThan(body.series[10].areas.reduce((s: number, a: { total: number }) => s + a.total, 0))
  })

  test('a reversed or too long span is a 400; an unknown parent a 404', async () => {
    expect((await get('/api/coverage/series?from=2026&to=2016')).status).toBe(400)
    expect((await get('/api/coverage/series?from=1960&to=2026')).status).toBe(400)
    expect((await get('/api/coverage/series?level=county&parent=539999&from=2020&to=2026')).status).toBe(404)
  })

  test('an unknown scheme is a 400 naming it, mapped once by the app', async () => {
    const answer = await get('/api/coverage/series?scheme=nope&from=2020&to=2026')
    expect(answer.status).toBe(400)
    expect(answer.body.error).toEqual({ code: 'bad_request', message: expect.stringContaining('"nope" does not exist') })
  })
})
