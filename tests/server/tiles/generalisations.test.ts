import type { MultiPolygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import type { Area } from '../../../server/shared/domain'
import { generalisationAt, isShipped, layerFeatures, type ShippedSet } from '../../../server/tiles/generalisations'
import { layerSets, layerSetsReady } from '../../../server/tiles/store-generalisations'
import { tileAddress } from '../../../server/tiles/tile-address'
import { vectorTile } from '../../../server/tiles/vector-tiles'

const square = (x: number, y: number, d: number): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]] })
const triangle = (x: number, y: number, d: number): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[[[x, y], [x + d, y], [x, y + d], [x, y]]]] })

function area(code: string, geometry: MultiPolygon): Area {
  return { code, name: `省${code}`, level: 'province', parent: null, geometry, population: null, minorityShare: null, areaKm2: null, schematic: false, populationIsSample: false }
}

const shipped: ShippedSet = {
  z7: new Map([['110000', square(116, 40, 1)], ['120000', square(117, 39, 1)]]),
  z5: new Map([['110000', triangle(116, 40, 1)], ['120000', triangle(117, 39, 1)]]),
  z3: new Map([['110000', triangle(116, 40, 2)], ['120000', triangle(117, 39, 2)]]),
}

describe('which geometry a zoom draws', () => {
  it('z3 up to zoom 3, z5 at 4 and 5, the stored geometry from 6', () => {
    expect([0, 3, 4, 5, 6, 14].map(generalisationAt)).toEqual(['z3', 'z3', 'z5', 'z5', 'stored', 'stored'])
  })

  it('draws the sets it is given at z3 and z5, the stored geometry from 6 and when there are none', () => {
    const areas = [area('110000', square(116, 40, 1)), area('120000', square(117, 39, 1))]
    expect(layerFeatures(areas, shipped, 'z5').features.map((f) => f.geometry)).toEqual([triangle(116, 40, 1), triangle(117, 39, 1)])
    expect(layerFeatures(areas, shipped, 'z3').features[0].geometry).toEqual(triangle(116, 40, 2))
    expect(layerFeatures(areas, shipped, 'stored').features[0].geometry).toEqual(square(116, 40, 1))
    expect(layerFeatures(areas, null, 'z3').features[1].geometry).toEqual(square(117, 39, 1))
  })

  it('a layer of the shipped z7 geometry draws the shipped sets at once; one area re-imported, its own generalisation once made', async () => {
    const areas = [area('110000', square(116, 40, 1)), area('120000', square(117, 39, 1))]
    expect(isShipped(areas as (Area & { geometry: MultiPolygon })[], shipped)).toBe(true)
    expect(layerSets(areas, 'province', () => shipped)).toBe(shipped)

    const reimported = [areas[0], area('120000', square(117, 39, 1.001))]
    expect(layerSets(reimported, 'province', () => shipped)).toBeNull()
    const own = await layerSetsReady(reimported, 'province', () => shipped)
    expect(layerSets(reimported, 'province', () => shipped)).toBe(own)
    // two squares a few pixels wide at z3: kept as they are, neither the shipped triangles nor lost
    expect(own?.z3.get('120000')?.coordinates[0][0]).toHaveLength(5)
    expect(own?.z5.get('110000')?.coordinates[0][0]).toHaveLength(5)
    expect(layerSets(reimported, 'county', () => shipped)).toBeNull() // no county areas: nothing to generalise
  })

  it('properties: code, name, level, parent ("" for none), schematic only when set; areas without geometry left out', () => {
    const cell = { ...area('530626101', square(104, 28, 0.1)), level: 'township' as const, parent: '530626', schematic: true }
    const features = layerFeatures([area('110000', square(116, 40, 1)), { ...area('120000', square(0, 0, 1)), geometry: null }, cell], null, 'stored').features
    expect(features.map((f) => f.properties)).toEqual([
      { code: '110000', name: '省110000', level: 'province', parent: '' },
      { code: '530626101', name: '省530626101', level: 'township', parent: '530626', schematic: true },
    ])
  })
})

describe('vectorTile', () => {
  it('is kept per areas list: the same object again, a new one for a new list, the oldest dropped past maxTiles', () => {
    const areas = [area('110000', square(116, 40, 1))]
    const at = tileAddress({ layer: 'provinces', z: '3', x: '6', y: '3.mvt' })
    const first = vectorTile(areas, at, () => null)
    expect(first.body.byteLength).toBeGreaterThan(0)
    expect(vectorTile(areas, at, () => null)).toBe(first)
    expect(vectorTile([...areas], at, () => null)).not.toBe(first)
    vectorTile(areas, tileAddress({ layer: 'provinces', z: '2', x: '3', y: '1.mvt' }), () => null, { maxTiles: 1 })
    expect(vectorTile(areas, at, () => null)).not.toBe(first)
  })

  it('cuts a layer\'s tiles at zoom ≤ 5 again when its sets change (its generalisation became ready); keeps those from 6', () => {
    const areas = [area('110000', square(116, 40, 1)), area('120000', square(117, 39, 1))]
    const z3 = tileAddress({ layer: 'provinces', z: '3', x: '6', y: '3.mvt' })
    const z7 = tileAddress({ layer: 'provinces', z: '7', x: '105', y: '48.mvt' })
    const stored = vectorTile(areas, z3, () => null)
    const storedZ7 = vectorTile(areas, z7, () => null)
    const generalised = vectorTile(areas, z3, () => shipped)
    expect(generalised.etag).not.toBe(stored.etag)
    expect(vectorTile(areas, z3, () => shipped)).toBe(generalised)
    expect(vectorTile(areas, z7, () => shipped)).toBe(storedZ7)
  })
})
