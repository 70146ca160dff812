import { MIGRATIONS } from '../../../server/db/migrations'
import { booleanPointInPolygon } from '@turf/turf'
import type { FeatureCollection, MultiPolygon, Point } from 'geojson'
import { afterAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/geo/area-query'
import type { CoverageReport } from '../../../server/geo/coverage'
import type { UnitProperties } from '../../../server/shared/unit-columns'
import { ADMIN_PASSWORD, demoApp, signIn } from '../demo-app'

const { app, store } = demoApp()
afterAll(() => store.close())

async function get<T>(path: string, status = 200): Promise<T> {
  const res = await app.request(path)
  const body = await res.json()
  expect(res.status, JSON.stringify(body)).toBe(status)
  return body as T
}

describe('GET /api/health', () => {
  it('reports ok, the version and the store', async () => {
    const body = await get<{ ok: boolean; version: string; store: { schemaVersion: number } }>('/api/health')
    expect(body).toMatchObject({ ok: true, version: 'test', store: { schemaVersion: MIGRATIONS.at(-1)!.version } })
  })
})

describe('GET /api/areas', () => {
  it('gives the 11 counties of 昭通市 with their properties', async () => {
    const body = await get<FeatureCollection<MultiPolygon, AreaProperties>>('/api/areas?level=county&parent=530600')
    expect(body.features).toHaveLength(11)
    const suijiang = body.features.find((f) => f.properties.code === '530626')
    expect(suijiang?.properties).toMatchObject({ name: '绥江县', level: 'county', parent: '530600', schematic: false })
    expect(suijiang?.geometry.type).toBe('MultiPolygon')
    expect(body.features.map((f) => f.properties.code)).toContain('530681')
  })

  it('marks township cells as schematic', async () => {
    const body = await get<FeatureCollection<MultiPolygon, AreaProperties>>('/api/areas?level=township&parent=530626')
    expect(body.features.map((f) => f.properties.name)).toEqual(
      expect.arrayContaining(['中城镇', '南岸镇', '新滩镇', '会仪镇', '板栗镇']),
    )
    expect(body.features.every((f) => f.properties.schematic)).toBe(true)
  })
})

describe('GET /api/coverage', () => {
  it('shows 绥江县 with its published counts: 省级 4, 市级 11, 县级 20', async () => {
    const report = await get<CoverageReport>('/api/coverage?level=county&parent=530600')
    const suijiang = report.areas.find((a) => a.code === '530626')
    expect(suijiang?.byLevel).toEqual({ 国家级: 0, 省级: 4, 市级: 11, 县级: 20 })
    expect(suijiang?.total).toBe(35)
    expect(report.scheme.id).toBe('qijin')
    expect(report.sample).toBe(true)
  })

  it('matches an independent point-in-polygon count of the named units in every county', async () => {
    const report = await get<CoverageReport>('/api/coverage?level=county')
    const counties = await get<FeatureCollection<MultiPolygon, AreaProperties>>('/api/areas?level=county')
    // Signed in: anonymous callers get sensitive units (宗教活动场所) without a location.
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    const units = (await (await app.request('/api/units?status=命名,复查&minLevel=县级', { headers: { Cookie: cookie } })).json()) as FeatureCollection<Point, UnitProperties>
    expect(units.features.every((u) => u.geometry !== null)).toBe(true)
    for (const county of counties.features) {
      const inside = units.features.filter((u) => booleanPointInPolygon(u.geometry, county)).length
      expect(report.areas.find((a) => a.code === county.properties.code)?.total, county.properties.name).toBe(inside)
    }
    expect(report.areas.reduce((sum, a) => sum + a.total, 0)).toBe(units.features.length)
  })

  it('reproduces an earlier year: revoked units count before their revocation', async () => {
    const now = await get<CoverageReport>('/api/coverage?level=prefecture')
    const then = await get<CoverageReport>('/api/coverage?level=prefecture&year=2023&status=撤销')
    expect(then.areas[0].total).toBe(0)
    const revoked = await get<FeatureCollection<Point, UnitProperties>>('/api/units?status=撤销')
    expect(revoked.features.length).toBeGreaterThan(0)
    const revokedIn2023 = await get<FeatureCollection<Point, UnitProperties>>('/api/units?year=2023&status=命名')
    expect(revokedIn2023.features.some((u) => revoked.features.some((r) => r.properties.id === u.properties.id))).toBe(true)
    expect(now.areas[0].total).toBeGreaterThan(0)
  })

  it('reports townships of a county as schematic areas', async () => {
    const report = await get<CoverageReport>('/api/coverage?level=township&parent=530626&minLevel=市级')
    expect(report.areas.length).toBeGreaterThanOrEqual(5)
    expect(report.areas.every((a) => a.schematic)).toBe(true)
    expect(report.areas.reduce((sum, a) => sum + a.total, 0)).toBe(15)
  })
})

describe('GET /api/units', () => {
  it('returns every unit whatever its status when unfiltered', async () => {
    const all = await get<FeatureCollection<Point, UnitProperties>>('/api/units')
    const statuses = new Set(all.features.map((u) => u.properties.status))
    expect([...statuses].sort()).toEqual(['命名', '培育', '复查', '撤销', '申报', '推荐'].sort())
    expect(all.features.every((u) => u.properties.sample)).toBe(true)
  })

  it('filters by area, category and level', async () => {
    const body = await get<FeatureCollection<Point, UnitProperties>>('/api/units?area=530626&level=省级')
    expect(body.features).toHaveLength(4)
    expect(body.features.every((u) => u.properties.areaCode?.startsWith('530626'))).toBe(true)
  })

  it('reports the demo unit whose point disagrees with its ledger area', async () => {
    const { issues } = await get<{ issues: { kind: string; claimed: string; located: string }[] }>('/api/units/issues')
    expect(issues).toHaveLength(1)
    expect(issues[0].kind).toBe('area-mismatch')
    expect(issues[0].claimed.startsWith('530627')).toBe(true)
    expect(issues[0].located.startsWith('530628')).toBe(true)
  })
})

describe('bad input', () => {
  const cases: [string, number, string][] = [
    ['/api/areas?level=city', 400, '"city"'],
    ['/api/areas?parent=53a6', 400, '"53a6"'],
    ['/api/areas?parent=999999', 404, '999999'],
    ['/api/coverage?minLevel=乡级', 400, '"乡级"'],
    ['/api/coverage?year=abc', 400, '"abc"'],
    ['/api/coverage?year=1800', 400, '1800'],
    ['/api/coverage?scheme=nope', 400, 'nope'],
    ['/api/coverage?status=命名,已撤', 400, '已撤'],
    ['/api/units?level=国家', 400, '"国家"'],
    ['/api/units?scheme=nope', 400, 'qijin'],
    ['/api/units?area=530699', 404, '530699'],
    ['/api/nothing-here', 404, '/api/nothing-here'],
  ]
  it.each(cases)('%s → %i naming the bad value', async (path, status, mentioned) => {
    const res = await app.request(path)
    expect(res.status).toBe(status)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.message).toContain(mentioned)
    expect(body.error.message).not.toMatch(/at .*\.ts:\d+/)
  })
})
