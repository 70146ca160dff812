import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { geoJsonUnitRows } from '../../../server/import/geojson-units'

const ledger = readFileSync(new URL('../../fixtures/import/ledger.geojson', import.meta.url), 'utf8')

const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features })
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] })

describe('geoJsonUnitRows', () => {
  it('puts the point first and the properties after it, one row per feature', () => {
    const { rows, crs } = geoJsonUnitRows(ledger)
    expect(crs).toBeUndefined()
    expect(rows[0]).toEqual({ line: 0, cells: ['经度', '纬度', 'name', 'category', 'level', 'year', 'areaCode', 'id'] })
    expect(rows[1]).toEqual({ line: 1, cells: ['103.99', '28.6', '中城镇民族中学', '学校', '县级', '2021', '530626101', 'GJ-1'] })
    expect(rows[3]).toEqual({ line: 3, cells: ['', '', '新滩镇人民政府', '机关', '县级', '2022', '530626103', 'GJ-3'] })
    expect(rows).toHaveLength(5)
  })

  it('takes the union of property names in the order first seen', () => {
    const { rows } = geoJsonUnitRows(
      collection(
        { type: 'Feature', geometry: point(104, 28.6), properties: { name: 'a' } },
        { type: 'Feature', geometry: point(104, 28.6), properties: { level: '县级', name: 'b', tags: ['x'] } },
      ),
    )
    expect(rows.map((r) => r.cells)).toEqual([
      ['经度', '纬度', 'name', 'level', 'tags'],
      ['104', '28.6', 'a', '', ''],
      ['104', '28.6', 'b', '县级', '["x"]'],
    ])
  })

  it('names every feature whose geometry is not a point', () => {
    const text = collection(
      { type: 'Feature', geometry: point(104, 28.6), properties: {} },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: {} },
      { type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [[104, 28.6]] }, properties: {} },
      { type: 'Feature', geometry: { type: 'Point' }, properties: {} },
    )
    expect(() => geoJsonUnitRows(text)).toThrow(
      'features[1]（第2个要素）的几何类型是 Polygon，单位台账只接受 Point；' +
        'features[2]（第3个要素）的几何类型是 MultiPoint，单位台账只接受 Point；' +
        'features[3]（第4个要素）的 Point 没有 [经度, 纬度] 坐标',
    )
  })

  it('reads the CRS a legacy crs member names', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
      features: [],
    })
    expect(geoJsonUnitRows(text).crs).toBe('EPSG:4490')
  })

  it('refuses what is not a FeatureCollection of features', () => {
    expect(() => geoJsonUnitRows('{"type":"Point","coordinates":[1,2]}')).toThrow('GeoJSON 应为 FeatureCollection，此文件的 type 为 Point')
    expect(() => geoJsonUnitRows('[1]')).toThrow('此文件是数组')
    expect(() => geoJsonUnitRows('{"type": "FeatureCollection"')).toThrow('不是有效的 JSON')
    expect(() => geoJsonUnitRows(collection({ type: 'Point' }))).toThrow('features[0]（第1个要素）不是 Feature')
  })

  it('reads a single Feature as a collection of one', () => {
    const { rows } = geoJsonUnitRows(JSON.stringify({ type: 'Feature', geometry: point(104, 28.6), properties: { name: 'a' } }))
    expect(rows).toHaveLength(2)
  })
})
