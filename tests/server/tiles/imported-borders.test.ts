// Tiles of boundaries that are not the shipped national sets (a prefecture's store, a re-imported boundary): the
// stored geometry until the layer's own generalisation is made on a worker, then that at zoom ≤ 5 (fewer vertices)
// and the stored geometry from zoom 6; neighbours' borders drawn alike at every zoom; islands kept; a new import
// generalised afresh, with nothing left of the last one.
import type { MultiPolygon, Position } from 'geojson'
import { afterAll, describe, expect, it } from 'vitest'
import { importAreas } from '../../../server/import/area-import'
import type { Area } from '../../../server/shared/domain'
import { layerSets, layerSetsReady } from '../../../server/tiles/store-generalisations'
import { demoApp, nationalDemoApp } from '../demo-app'
import { checkBorders, tileAreas, toTile, trueBorders, type Rings } from './shared-borders'

type App = ReturnType<typeof demoApp>['app']
type Store = ReturnType<typeof demoApp>['store']

/** The tiles at zoom z over a lon/lat box. */
function tilesOver([w, s, e, n]: [number, number, number, number], z: number): [number, number][] {
  const column = (lon: number) => Math.floor((lon / 360 + 0.5) * 2 ** z)
  const row = (lat: number) => {
    const sin = Math.sin((lat * Math.PI) / 180)
    return Math.floor((0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI) * 2 ** z)
  }
  const tiles: [number, number][] = []
  for (let x = column(w); x <= column(e); x++) for (let y = row(n); y <= row(s); y++) tiles.push([x, y])
  return tiles
}

const storedRings = (areas: readonly Area[], level: Area['level']) =>
  new Map(areas.filter((a) => a.level === level && a.geometry).map((a) => [a.code, a.geometry!.coordinates.flat() as unknown as Rings]))

/** Border edges checked and misfits found in the tiles over `box` at zoom z (see shared-borders.ts). */
async function bordersInTiles(app: App, store: Store, layer: string, level: Area['level'], box: [number, number, number, number], z: number) {
  const detailed = storedRings(store.snapshot().areas, level)
  const borders = trueBorders(detailed)
  let edges = 0
  const misfits: string[] = []
  for (const [x, y] of tilesOver(box, z)) {
    const drawn = await tileAreas(app, layer, z, x, y)
    const check = checkBorders(drawn, detailed, borders.filter((b) => drawn.has(b.a) && drawn.has(b.b)), 0.5, toTile(z, x, y))
    edges += check.edges
    misfits.push(...check.misfits.slice(0, 3).map((m) => `${layer}/${z}/${x}/${y}: ${m.from}|${m.to} at ${m.point} off by ${m.distance.toFixed(2)}`))
  }
  return { edges, misfits }
}

const vertices = (areas: ReadonlyMap<string, Rings>) => [...areas.values()].reduce((n, rings) => n + rings.reduce((m, ring) => m + ring.length, 0), 0)

const ZHAOTONG: [number, number, number, number] = [102.9, 26.5, 105.3, 28.7]

describe('the 昭通 demo (a prefecture\'s store, no shipped set)', () => {
  const { app, store } = demoApp()
  afterAll(() => store.close())

  it('counties: the stored geometry until the generalisation is made, then fewer vertices at z ≤ 5 and the stored geometry from z6', { timeout: 60_000 }, async () => {
    const { areas } = store.snapshot()
    const [[x5, y5]] = tilesOver([104, 27.5, 104, 27.5], 5)
    const [[x7, y7]] = tilesOver([104, 27.5, 104, 27.5], 7)
    const stored = vertices(await tileAreas(app, 'counties', 5, x5, y5))
    expect(layerSets(areas, 'county')).toBeNull() // being made: the tile above drew the stored geometry
    const z7 = await app.request(`/api/tiles/counties/7/${x7}/${y7}.mvt`)
    const sets = await layerSetsReady(areas, 'county')
    expect(sets && [...sets.z5.keys()].sort()).toEqual([...storedRings(areas, 'county').keys()].sort())
    const generalised = vertices(await tileAreas(app, 'counties', 5, x5, y5))
    expect(generalised).toBeLessThan(stored / 2)
    expect(generalised).toBeGreaterThan(20)
    const z7again = await app.request(`/api/tiles/counties/7/${x7}/${y7}.mvt`)
    expect(z7again.headers.get('etag')).toBe(z7.headers.get('etag'))
  })

  it.each([3, 5, 7])('counties at z%i: neighbours\' borders coincide in the tiles', { timeout: 60_000 }, async (z) => {
    await layerSetsReady(store.snapshot().areas, 'county')
    const { edges, misfits } = await bordersInTiles(app, store, 'counties', 'county', ZHAOTONG, z)
    expect(misfits).toEqual([])
    expect(edges).toBeGreaterThan(z === 3 ? 10 : z === 5 ? 40 : 200)
  })
})

// 三亚 (460200) re-imported with an island 2 km across off its south coast (outside 海南省's boundary, so the import
// is told to allow 10 km² outside it): the prefectures layer is no longer the shipped set, so its tiles draw its
// own generalisation.
const SANYA = '460200'
const island = (lon: number, lat: number): Position[][] => [
  [[0, 0], [0.02, 0], [0.02, 0.015], [0.01, 0.02], [0, 0.015], [0, 0]].map(([dx, dy]) => [Number((lon + dx).toFixed(6)), Number((lat + dy).toFixed(6))]),
]
const ISLAND_A = island(109.6, 17.95)
const ISLAND_B = island(109.3, 17.95)

/** 三亚 with `extra` in place of the last import's island, imported as `atlas import areas` does (with its rights). */
async function importSanya(store: Store, extra: Position[][]): Promise<void> {
  const sanya = store.snapshot().areasByCode.get(SANYA)!
  const mainland = sanya.geometry!.coordinates.filter((polygon) => !polygon[0].some((p) => p[1] < 18.0 && p[1] > 17.9))
  const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [...mainland, extra] }
  const file = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: SANYA, name: sanya.name }, geometry }] }
  const { batch, report } = await importAreas(store, new TextEncoder().encode(JSON.stringify(file)), 'sanya.geojson', { kind: 'boundaries', level: 'prefecture', toleranceKm2: 10, dryRun: false }, { user: { id: 0, username: 'cli', role: 'admin', areaScope: null }, actor: 'cli' })
  expect(batch, JSON.stringify(report).slice(0, 1500)).toMatchObject({ updated: 1 })
}

const hasRing = (g: MultiPolygon | undefined, ring: Position[]) => (g?.coordinates ?? []).some((polygon) => polygon[0].every((p) => ring.some((q) => q[0] === p[0] && q[1] === p[1])))

describe('the national demo with one prefecture re-imported', () => {
  const { app, store } = nationalDemoApp(200)
  afterAll(() => store.close())

  it('its prefectures are generalised, the island kept; borders coincide in the tiles at z3, z5 and z7', { timeout: 120_000 }, async () => {
    await importSanya(store, ISLAND_A)
    const { areas } = store.snapshot()
    expect(layerSets(areas, 'prefecture')).toBeNull()
    const sets = (await layerSetsReady(areas, 'prefecture'))!
    for (const set of [sets.z3, sets.z5]) expect(hasRing(set.get(SANYA), ISLAND_A[0])).toBe(true)
    expect(layerSets(areas, 'province')).not.toBeNull() // the provinces are still the shipped ones: no generalising
    const windows: [number, number, number, number][] = [[73, 18, 135, 53], [101, 27, 112, 35], [101, 34, 110, 41]]
    for (const [i, z] of [3, 5, 7].entries()) {
      const { edges, misfits } = await bordersInTiles(app, store, 'prefectures', 'prefecture', windows[i], z)
      expect(misfits, `z${z}`).toEqual([])
      expect(edges, `z${z}`).toBeGreaterThan(500)
    }
  })

  it('a second import is generalised afresh: the tiles draw its island, not the last one\'s', { timeout: 120_000 }, async () => {
    const [[x, y]] = tilesOver([109.6, 17.96, 109.6, 17.96], 5)
    const first = store.snapshot().areas
    await layerSetsReady(first, 'prefecture')
    const before = await app.request(`/api/tiles/prefectures/5/${x}/${y}.mvt`)
    await importSanya(store, ISLAND_B)
    const { areas } = store.snapshot()
    expect(areas).not.toBe(first)
    const sets = (await layerSetsReady(areas, 'prefecture'))!
    for (const set of [sets.z3, sets.z5]) {
      expect(hasRing(set.get(SANYA), ISLAND_B[0])).toBe(true)
      expect(hasRing(set.get(SANYA), ISLAND_A[0])).toBe(false)
    }
    const after = await app.request(`/api/tiles/prefectures/5/${x}/${y}.mvt`)
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'))
  })
})
