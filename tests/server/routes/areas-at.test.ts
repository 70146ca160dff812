// GET /api/areas/at: the areas holding a point, deepest first, found with the snapshot's area index as the
// join and the unit edit find them; a point outside every area is an empty chain; bad values are named.
import { describe, expect, test } from 'vitest'
import { fromWgs84 } from '../../../server/import/crs'
import { demoApp } from '../demo-app'

const { app, store } = demoApp()

// A point inside 绥江县 (530626): a demo unit located there by the join.
const snapshot = store.snapshot()
const suijiangUnit = snapshot.units.find((u) => u.lon !== null && u.lat !== null && (snapshot.unitAreas.get(u.id) ?? '').startsWith('530626'))!
const township = snapshot.unitAreas.get(suijiangUnit.id)!

interface Chain {
  lon: number
  lat: number
  areas: { code: string; name: string; level: string; schematic: boolean }[]
}

async function at(query: string) {
  const answer = await app.request(`/api/areas/at?${query}`)
  return { status: answer.status, body: (await answer.json()) as Chain & { error: { code: string; message: string } } }
}

describe('GET /api/areas/at', () => {
  test('a point in 绥江县 gives township → county → prefecture → province, deepest first', async () => {
    const { status, body } = await at(`lon=${suijiangUnit.lon}&lat=${suijiangUnit.lat}`)
    expect(status).toBe(200)
    expect(body.lon).toBe(suijiangUnit.lon)
    expect(body.areas.map((a) => a.level)).toEqual(['township', 'county', 'prefecture', 'province'])
    expect(body.areas.map((a) => a.code)).toEqual([township, '530626', '530600', '530000'])
    expect(body.areas[1]).toEqual({ code: '530626', name: '绥江县', level: 'county', schematic: false })
    expect(body.areas[0].schematic).toBe(true) // the demo's township cells are 示意
    expect(body.areas[0].name).toBe(snapshot.areasByCode.get(township)!.name)
  })

  test('a point outside every area answers an empty chain, not an error', async () => {
    expect(await at('lon=116.39&lat=39.91')).toEqual({ status: 200, body: { lon: 116.39, lat: 39.91, areas: [] } })
    expect((await at('lon=-0.12&lat=51.5')).body.areas).toEqual([])
  })

  test('crs=gcj02 and bd09 convert the point to WGS-84 first, as the unit edit does', async () => {
    for (const crs of ['gcj02', 'bd09'] as const) {
      const [x, y] = fromWgs84(suijiangUnit.lon!, suijiangUnit.lat!, crs)
      const { status, body } = await at(`lon=${x}&lat=${y}&crs=${crs}`)
      expect(status, crs).toBe(200)
      expect(body.lon, crs).toBeCloseTo(suijiangUnit.lon!, 5)
      expect(body.lat, crs).toBeCloseTo(suijiangUnit.lat!, 5)
      expect(body.areas[0]?.code, crs).toBe(township)
    }
  })

  test('a bad lon, lat or crs is a 400 naming the value and what was expected', async () => {
    const bad = await at('lon=abc&lat=28.6')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toBe('lon: "abc" is not valid (expected a longitude in degrees from -180 to 180, e.g. 104.23)')
    expect((await at('lon=190&lat=28.6')).body.error.message).toContain('lon: "190" is not valid')
    expect((await at('lon=104.2&lat=')).body.error.message).toContain('lat: "" is not valid (expected a latitude')
    expect((await at('lon=104.2')).status).toBe(400)
    expect((await at('lon=104.2&lat=28.6&crs=wgs1984')).body.error.message).toContain('crs: "wgs1984" is not valid (expected wgs84, gcj02')
  })
})
