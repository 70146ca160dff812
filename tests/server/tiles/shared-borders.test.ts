// No gaps or slivers between neighbours at any zoom: points along the border one province (prefecture) draws
// lie on the border its neighbour draws, in the shipped z3, z5 and z7 sets and in the vector tiles cut from them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GeoJSONVT } from '@maplibre/geojson-vt'
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { afterAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../../server/paths'
import { TILE_EXTENT } from '../../../server/tiles/vector-tiles'
import { nationalDemoApp } from '../demo-app'
import { checkBorders, tileAreas, toTile, trueBorders, type Point, type Rings } from './shared-borders'

const LEVELS = ['provinces', 'prefectures'] as const
const SETS = ['z3', 'z5', 'z7'] as const

function readSet(level: string, set: string): Map<string, Rings> {
  const file = join(PROJECT_ROOT, `geodata/national/${level}.${set}.geojson`)
  const collection = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<MultiPolygon | Polygon, { code: string }>
  const areas = new Map<string, Rings>()
  for (const { properties, geometry } of collection.features) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
    areas.set(properties.code, [...(areas.get(properties.code) ?? []), ...(polygons.flat() as unknown as Rings)])
  }
  return areas
}

const detailed = Object.fromEntries(LEVELS.map((level) => [level, readSet(level, 'z7')]))
const borders = Object.fromEntries(LEVELS.map((level) => [level, trueBorders(detailed[level])]))

describe('shared borders in the shipped sets', () => {
  for (const level of LEVELS) {
    for (const set of SETS) {
      it(`${level} at ${set}: every neighbour's border drawn alike by both sides`, () => {
        const check = checkBorders(readSet(level, set), detailed[level], borders[level], 1e-9)
        expect(check.misfits.slice(0, 5)).toEqual([])
        // not vacuous: the borders are there to be checked at every level
        expect(check.edges).toBeGreaterThan(level === 'provinces' ? 1000 : 5000)
      })
    }
  }

  it('the check can fail: one province drawn without one vertex of its border with a neighbour opens a sliver', () => {
    const drawn = readSet('provinces', 'z5')
    const border = borders.provinces.find((b) => b.a === '510000' && b.b === '530000')! // 四川 | 云南
    expect(checkBorders(drawn, detailed.provinces, [border], 1e-9).misfits).toEqual([])
    // 云南 drops the middle vertex of three in a row on the border; 四川 keeps it: a sliver between them
    const on = (p: Point, q: Point) => border.edges.has([`${p[0]},${p[1]}`, `${q[0]},${q[1]}`].sort().join(';'))
    const yunnan = drawn.get('530000')!.map((ring) => {
      const k = ring.findIndex((p, i) => i > 0 && i < ring.length - 1 && detailed.provinces.get('530000')!.some((r) => r.some((d) => d[0] === p[0] && d[1] === p[1])) && on(ring[i - 1], p) && on(p, ring[i + 1]))
      return k < 0 ? ring : [...ring.slice(0, k), ...ring.slice(k + 1)]
    })
    drawn.set('530000', yunnan)
    expect(checkBorders(drawn, detailed.provinces, [border], 1e-9).misfits.length).toBeGreaterThan(0)
  })
})

// The tiles a national and a provincial view load, at a zoom of each generalisation.
const { app, store } = nationalDemoApp(200)
afterAll(() => store.close())

const TILE_WINDOWS: Record<number, [number, number, number, number]> = {
  3: [5, 2, 7, 3], // z3 set: all of China
  5: [24, 11, 27, 14], // z5 set: 90–135 E, 11–49 N
  7: [100, 48, 102, 50], // stored z7: 101–110 E, 34–41 N (甘肃, 宁夏, 内蒙古, 陕西, 青海 meet)
}

describe('shared borders in the vector tiles', () => {
  for (const level of LEVELS) {
    for (const [zoom, [x0, y0, x1, y1]] of Object.entries(TILE_WINDOWS)) {
      it(`${level} tiles at z${zoom}: neighbours' borders coincide to the tile unit`, { timeout: 60_000 }, async () => {
        const z = Number(zoom)
        let edges = 0
        for (let x = x0; x <= x1; x++) {
          for (let y = y0; y <= y1; y++) {
            const drawn = await tileAreas(app, level, z, x, y)
            const check = checkBorders(drawn, detailed[level], borders[level].filter((b) => drawn.has(b.a) && drawn.has(b.b)), 0.5, toTile(z, x, y))
            expect(check.misfits.slice(0, 5), `${level}/${z}/${x}/${y}`).toEqual([])
            edges += check.edges
          }
        }
        expect(edges).toBeGreaterThan(level === 'provinces' ? 200 : 1000)
      })
    }
  }

  it('the check can fail: geojson-vt simplifying each province on its own (its default tolerance) opens slivers', () => {
    const z5 = JSON.parse(readFileSync(join(PROJECT_ROOT, 'geodata/national/provinces.z5.geojson'), 'utf8')) as FeatureCollection
    const cut = new GeoJSONVT(z5, { maxZoom: 14, extent: TILE_EXTENT }).getTile(5, 25, 13)! // 101–112 E, 27–35 N
    const drawn = new Map<string, Rings>()
    for (const feature of cut.features) {
      const rings = (feature.geometry as unknown as [number, number][][]).map((ring) => ring.map(([x, y]): Point => [x, y]))
      const code = String(feature.tags?.code)
      drawn.set(code, [...(drawn.get(code) ?? []), ...rings])
    }
    const check = checkBorders(drawn, detailed.provinces, borders.provinces.filter((b) => drawn.has(b.a) && drawn.has(b.b)), 0.5, toTile(5, 25, 13))
    expect(check.misfits.length).toBeGreaterThan(0)
  })
})
