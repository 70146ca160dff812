// GET /api/areas?geometry=label: the areas without their boundaries, each a label point inside it and its
// boundary's box, for maps that draw the boundaries from /api/tiles; the answer without the option unchanged.
import { booleanPointInPolygon } from '@turf/turf'
import type { FeatureCollection, MultiPolygon, Point } from 'geojson'
import { afterAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/geo/area-query'
import { boxOfPolygons } from '../../../server/shared/label-point'
import { demoApp } from '../demo-app'

const { app, store } = demoApp()
afterAll(() => store.close())

type Places = FeatureCollection<Point | null, AreaProperties> & { features: { bbox: [number, number, number, number] | null }[] }

async function get<T>(path: string): Promise<{ status: number; body: T; bytes: number }> {
  const answer = await app.request(path)
  const text = await answer.text()
  return { status: answer.status, body: JSON.parse(text) as T, bytes: text.length }
}

describe('GET /api/areas?geometry=label', () => {
  it('gives each county its properties, a label point inside it and its box, in a twentieth of the bytes', async () => {
    const full = await get<FeatureCollection<MultiPolygon, AreaProperties>>('/api/areas?level=county&parent=530600')
    const places = await get<Places>('/api/areas?level=county&parent=530600&geometry=label')
    expect(places.status).toBe(200)
    expect(places.body.features.map((f) => f.properties)).toEqual(full.body.features.map((f) => f.properties))
    for (const [i, place] of places.body.features.entries()) {
      const boundary = full.body.features[i]
      expect(place.geometry?.type, place.properties.name).toBe('Point')
      expect(booleanPointInPolygon(place.geometry!.coordinates, boundary.geometry), place.properties.name).toBe(true)
      expect(place.bbox).toEqual(boxOfPolygons(boundary.geometry.coordinates))
    }
    expect(places.bytes * 20).toBeLessThan(full.bytes)
  })

  it('leaves the default answer as it was: geometry=full is the boundaries', async () => {
    const plain = await get<unknown>('/api/areas?level=county&parent=530600')
    expect((await get<unknown>('/api/areas?level=county&parent=530600&geometry=full')).body).toEqual(plain.body)
    expect((plain.body as FeatureCollection).features[0]).not.toHaveProperty('bbox')
  })

  it('names a bad value and what it expected', async () => {
    const { status, body } = await get<{ error: { message: string } }>('/api/areas?geometry=outline')
    expect(status).toBe(400)
    expect(body.error.message).toContain('"outline"')
    expect(body.error.message).toContain('label')
  })
})
