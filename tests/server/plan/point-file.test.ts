import { describe, expect, test } from 'vitest'
import { pointsFromText, PointFileError } from '../../../server/plan/point-file'

describe('pointsFromText', () => {
  test('CSV with a header in either language; weight defaults to 1; ids from the file or the line', () => {
    expect(pointsFromText('经度,纬度,人口,编号\n104.01,28.6,1200,v1\n104.2,28.5,,v2\n', 'd.csv', 'demand file')).toEqual([
      { id: 'v1', position: [104.01, 28.6], weight: 1200, name: 'v1' },
      { id: 'v2', position: [104.2, 28.5], weight: 1, name: 'v2' },
    ])
    expect(pointsFromText('104.01,28.6,5\n104.2,28.5\n', 'd.csv', 'demand file')).toEqual([
      { id: 'line-1', position: [104.01, 28.6], weight: 5, name: 'line-1' },
      { id: 'line-2', position: [104.2, 28.5], weight: 1, name: 'line-2' },
    ])
  })

  test('GeoJSON points with weight, population or 人口, and names', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'a', geometry: { type: 'Point', coordinates: [104, 28.5] }, properties: { population: 300, name: '新滩' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [104.1, 28.4] }, properties: { 人口: 20 } },
      ],
    })
    expect(pointsFromText(text, 'd.geojson', 'demand file')).toEqual([
      { id: 'a', position: [104, 28.5], weight: 300, name: '新滩' },
      { id: '2', position: [104.1, 28.4], weight: 20, name: '2' },
    ])
  })

  test('bad values are named with their line or feature', () => {
    expect(() => pointsFromText('lon,lat\n1031.2,28\n', 'd.csv', 'demand file')).toThrow(
      'demand file d.csv: line 2: longitude 1031.2 is not a longitude in China (expected 73–136)',
    )
    expect(() => pointsFromText('lon,lat,weight\n104,28,-3\n', 'd.csv', 'demand file')).toThrow('line 2: weight -3 is not a weight (expected a number ≥ 0)')
    expect(() => pointsFromText('lon,lat\n104,abc\n', 'd.csv', 'demand file')).toThrow('line 2: latitude abc is not a latitude')
    const line = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [] } }] })
    expect(() => pointsFromText(line, 'c.geojson', 'candidates file')).toThrow('candidates file c.geojson: feature 1: expected a Point geometry')
    expect(() => pointsFromText('lon,lat,w,id\n104,28,1,x\n104.1,28,1,x\n', 'd.csv', 'demand file')).toThrow('id "x" appears twice')
    expect(() => pointsFromText('\n\n', 'd.csv', 'demand file')).toThrow(PointFileError)
  })
})
