// The store's own areas generalised per zoom (server/geo/generalised-areas.ts): fewer vertices, borders shared
// vertex for vertex, every island and hole kept; on the national provinces and counties, the islands a map of
// China must show.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { generalisedAreas, type AreaShape } from '../../../server/geo/generalised-areas'
import { packAreas, unpackAreas } from '../../../server/geo/packed-areas'
import { PROJECT_ROOT } from '../../../server/paths'
import { asMultiPolygon } from '../../../server/seed/demo'
import { lostIslands } from '../../geodata/islands-kept'
import { checkBorders, trueBorders, type Rings } from '../tiles/shared-borders'

const closed = (ring: Position[]) => [...ring, ring[0]]
// Two neighbours along a border of 300 points winding over 3° (bends of a few pixels at z3, more at z5; small
// turns between them), and a 300 m island of the eastern one offshore.
const border: Position[] = Array.from({ length: 301 }, (_, i): Position => [110 + 0.3 * Math.sin(i / 10) + 0.01 * Math.sin(i * 1.7), 20 + i * 0.01])
const islet: Position[] = [[113, 21], [113.003, 21], [113.003, 21.003], [113.0015, 21.0035], [113, 21.003]]
const pair: AreaShape[] = [
  { code: 'west', geometry: { type: 'MultiPolygon', coordinates: [[closed([[109, 20], ...border, [109, 23]])]] } },
  { code: 'east', geometry: { type: 'MultiPolygon', coordinates: [[closed([border[0], [112, 20], [112, 23], ...[...border].reverse().slice(0, -1)])], [closed(islet)]] } },
]

const rings = (g: MultiPolygon): Rings => g.coordinates.flat() as unknown as Rings
const positions = (g: MultiPolygon) => g.coordinates.flat(2).length

describe('generalisedAreas', () => {
  it('z3 and z5 keep fewer vertices, and the border two areas share is drawn alike by both', () => {
    const detailed = new Map(pair.map((a) => [a.code, rings(a.geometry)]))
    const borders = trueBorders(detailed)
    expect(borders.map((b) => b.edges.size)).toEqual([300])
    const levels = generalisedAreas(pair)
    expect([...levels.keys()]).toEqual(['z3', 'z5'])
    for (const [name, byCode] of levels) {
      expect([...byCode.keys()], name).toEqual(['west', 'east'])
      expect(positions(byCode.get('west')!), name).toBeLessThan(positions(pair[0].geometry) / 5)
      const check = checkBorders(new Map([...byCode].map(([code, g]) => [code, rings(g)])), detailed, borders, 1e-12)
      expect(check.misfits, name).toEqual([])
      expect(check.edges, name).toBeGreaterThan(5)
    }
  })

  it('the check can fail: the west drawn without one border vertex the east keeps', () => {
    const detailed = new Map(pair.map((a) => [a.code, rings(a.geometry)]))
    const z5 = generalisedAreas(pair).get('z5')!
    const westRing = z5.get('west')!.coordinates[0][0]
    const dropped = westRing.findIndex((p, i) => i > 1 && border.slice(1, -1).some((q) => q[0] === p[0] && q[1] === p[1]))
    const drawn = new Map([
      ['west', [[...westRing.slice(0, dropped), ...westRing.slice(dropped + 1)]] as unknown as Rings],
      ['east', rings(z5.get('east')!)],
    ])
    expect(checkBorders(drawn, detailed, trueBorders(detailed), 1e-12).misfits.length).toBeGreaterThan(0)
  })

  it('keeps a 300 m island as a polygon of its own vertices at z3 and z5, where Visvalingam alone drops it', () => {
    for (const [name, byCode] of generalisedAreas(pair)) {
      const [, island] = byCode.get('east')!.coordinates
      expect(island, name).toHaveLength(1)
      expect(new Set(island[0].map(String)).size, name).toBeGreaterThanOrEqual(3)
      for (const p of island[0]) expect(islet.some((q) => q[0] === p[0] && q[1] === p[1]), name).toBe(true)
    }
  })

  it('packs and unpacks areas to the same coordinates', () => {
    expect(unpackAreas(packAreas(pair))).toEqual(pair)
    expect(unpackAreas(packAreas([]))).toEqual([])
  })
})

function nationalZ7(layer: string): AreaShape[] {
  const file = join(PROJECT_ROOT, `geodata/national/${layer}.z7.geojson`)
  const collection = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<MultiPolygon | Polygon, { code: string }>
  return collection.features.map((f) => ({ code: f.properties.code, geometry: asMultiPolygon(f.geometry) }))
}

describe('generalisedAreas on the national z7 provinces and counties, as a store holding them imported would', () => {
  const provinces = nationalZ7('provinces')
  const counties = nationalZ7('counties')
  const levels = { provinces: generalisedAreas(provinces), counties: generalisedAreas(counties) }

  it.each(['z3', 'z5'])('%s: 钓鱼岛, 赤尾屿 and the 南海诸岛 survive in their province and county', (name) => {
    expect(lostIslands(levels.provinces.get(name)!, levels.counties.get(name)!)).toEqual([])
  })

  it.each(['z3', 'z5'])('%s: every polygon kept, shared borders drawn alike, fewer vertices', (name) => {
    for (const [layer, areas] of [['provinces', provinces], ['counties', counties]] as const) {
      const byCode = levels[layer].get(name)!
      expect(areas.every((a) => byCode.get(a.code)!.coordinates.length === a.geometry.coordinates.length), `${layer} ${name}`).toBe(true)
      const detailed = new Map(areas.map((a) => [a.code, rings(a.geometry)]))
      const check = checkBorders(new Map([...byCode].map(([code, g]) => [code, rings(g)])), detailed, trueBorders(detailed), 1e-9)
      expect(check.misfits.slice(0, 5), `${layer} ${name}`).toEqual([])
      const [kept, stored] = [[...byCode.values()], areas.map((a) => a.geometry)].map((gs) => gs.reduce((n, g) => n + positions(g), 0))
      expect(kept, `${layer} ${name}`).toBeLessThan(stored / 2)
    }
  })
})
