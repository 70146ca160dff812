// GET /api/tiles/{layer}/{z}/{x}/{y}.mvt: the areas as Mapbox Vector Tiles, on the national demo and the
// prefecture demo; bad addresses named; ETags and 304s; ATLAS_REQUIRE_LOGIN applies as to /api/areas.
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { afterAll, describe, expect, it } from 'vitest'
import type { MultiPolygon } from 'geojson'
import type { Area } from '../../../server/shared/domain'
import { isShipped } from '../../../server/tiles/generalisations'
import { shippedSet } from '../../../server/tiles/shipped-sets'
import { ADMIN_PASSWORD, demoApp, jsonRequest, nationalDemoApp, OWN_ORIGIN, signIn } from '../demo-app'

const national = nationalDemoApp(200)
afterAll(() => national.store.close())

async function tile(app: typeof national.app, path: string, headers: Record<string, string> = {}) {
  const answer = await app.request(`/api/tiles/${path}`, { headers })
  return { answer, bytes: new Uint8Array(await answer.arrayBuffer()) }
}

function layerOf(bytes: Uint8Array, name: string) {
  const layer = new VectorTile(new PbfReader(bytes)).layers[name]
  return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer.feature(i))
}

describe('GET /api/tiles', () => {
  it('a national tile holds the provinces in it with code, name, level and parent', async () => {
    const { answer, bytes } = await tile(national.app, 'provinces/3/6/3.mvt') // 90–135° E, 0–41° N
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
    const features = layerOf(bytes, 'provinces')
    const byCode = new Map(features.map((f) => [f.properties.code, f.properties]))
    expect(byCode.get('530000')).toEqual({ code: '530000', name: '云南省', level: 'province', parent: '000000' })
    expect(byCode.has('460000')).toBe(true)
    expect(features.every((f) => f.type === 3)).toBe(true) // polygons
  })

  it('prefectures and counties are layers of their own; a tile outside every area is empty', async () => {
    expect(layerOf((await tile(national.app, 'prefectures/6/50/27.mvt')).bytes, 'prefectures').map((f) => f.properties.level)).toContain('prefecture')
    expect(layerOf((await tile(national.app, 'counties/8/201/107.mvt')).bytes, 'counties').map((f) => f.properties.parent)).toContain('530600')
    const ocean = await tile(national.app, 'provinces/4/0/0.mvt')
    expect(ocean.answer.status).toBe(200)
    expect(ocean.bytes.byteLength).toBe(0)
  })

  it('answers a repeated request from memory with the same ETag, 304 to If-None-Match, gzip when asked', async () => {
    const first = await tile(national.app, 'counties/5/25/13.mvt')
    const etag = first.answer.headers.get('etag')!
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/)
    expect(first.answer.headers.get('cache-control')).toBe('no-cache')
    const again = await tile(national.app, 'counties/5/25/13.mvt')
    expect(again.answer.headers.get('etag')).toBe(etag)
    expect(again.bytes).toEqual(first.bytes)
    expect((await national.app.request('/api/tiles/counties/5/25/13.mvt', { headers: { 'If-None-Match': etag } })).status).toBe(304)
    const gzipped = await national.app.request('/api/tiles/counties/5/25/13.mvt', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    expect(gzipped.headers.get('etag')).toBe(`W/${etag.slice(0, -1)}-gzip"`)
  })

  it('the national demo\'s provinces, prefectures and counties are the shipped sets: tiles draw z3 and z5 from them', () => {
    for (const level of ['province', 'prefecture', 'county'] as const) {
      const areas = national.store.snapshot().areas.filter((a): a is Area & { geometry: MultiPolygon } => a.level === level && a.geometry !== null)
      expect(isShipped(areas, shippedSet(level)!), level).toBe(true)
    }
    expect(shippedSet('township')).toBeNull()
  })

  it('names the bad value and what was expected', async () => {
    const cases: [string, RegExp][] = [
      ['cities/3/6/3.mvt', /^layer: "cities" is not a tile layer \(expected one of provinces, prefectures, counties, townships, villages\)$/],
      ['provinces/15/0/0.mvt', /^z: "15" is not valid \(expected a zoom level from 0 to 14\)$/],
      ['provinces/3/8/3.mvt', /^x: "8" is not valid \(expected a tile column from 0 to 7 at zoom 3\)$/],
      ['provinces/3/6/-1.mvt', /^y: "-1" is not valid \(expected a tile row from 0 to 7 at zoom 3, then \.mvt\)$/],
      ['provinces/3/6/3.png', /^y: "3.png" is not valid \(expected a tile row and \.mvt, e\.g\. 3\.mvt\)$/],
    ]
    for (const [path, message] of cases) {
      const answer = await national.app.request(`/api/tiles/${path}`)
      expect(answer.status, path).toBe(400)
      expect((await answer.json()).error, path).toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) })
    }
  })

  it('on the prefecture demo: 昭通\'s counties, and the schematic township cells marked so', async () => {
    const { app, store } = demoApp()
    const counties = layerOf((await tile(app, 'counties/8/201/107.mvt')).bytes, 'counties')
    expect(counties.length).toBeGreaterThan(3)
    expect(counties.every((f) => f.properties.parent === '530600')).toBe(true)
    const townships = layerOf((await tile(app, 'townships/8/201/107.mvt')).bytes, 'townships')
    expect(townships.length).toBeGreaterThan(0)
    expect(townships.every((f) => f.properties.schematic === true)).toBe(true)
    store.close()
  })

  it('a unit write keeps the tiles (same areas, same ETag); an area import makes them again', { timeout: 60_000 }, async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const etagOf = async () => (await app.request('/api/tiles/counties/8/201/106.mvt')).headers.get('etag')
    const before = await etagOf()
    const snapshot = store.snapshot()
    const located = snapshot.units.find((u) => u.lon !== null && u.category !== '宗教活动场所')!
    const created = await app.request('/api/units', jsonRequest('POST', { name: '示例新建单位', category: '社区', lon: located.lon, lat: located.lat }, admin))
    expect(created.status).toBe(201)
    expect(store.snapshot()).not.toBe(snapshot)
    expect(store.snapshot().areas).toBe(snapshot.areas)
    expect(await etagOf()).toBe(before)
    // 绥江县 (530626, in tile 8/201/106) redrawn as a small square inside itself
    const square = [[[104.0, 28.5], [104.05, 28.5], [104.05, 28.55], [104.0, 28.55], [104.0, 28.5]]]
    const smaller = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '530626', name: '绥江县' }, geometry: { type: 'Polygon', coordinates: square } }] }
    const form = new FormData()
    form.set('file', new File([JSON.stringify(smaller)], 'suijiang.geojson'))
    form.set('level', 'county')
    form.set('dryRun', 'false')
    const imported = await app.request('/api/import/areas', { method: 'POST', body: form, headers: { Cookie: admin, Origin: OWN_ORIGIN } })
    expect(imported.status).toBe(200)
    expect(store.snapshot().areas).not.toBe(snapshot.areas)
    expect(await etagOf()).not.toBe(before)
    store.close()
  })

  it('asks for a sign-in when ATLAS_REQUIRE_LOGIN is set, as /api/areas does', async () => {
    const { app, store } = demoApp({ requireLogin: true })
    expect((await app.request('/api/areas?level=county')).status).toBe(401)
    expect((await app.request('/api/tiles/counties/8/201/107.mvt')).status).toBe(401)
    store.close()
  })
})
