import type { Feature, MultiLineString, MultiPolygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { southChinaSeaInset } from '../../geodata/build/south-china-sea-inset'

const square = (code: string, [x0, y0, x1, y1]: number[]): Feature<MultiPolygon, { code: string; name: string }> => ({
  type: 'Feature',
  properties: { code, name: code },
  geometry: { type: 'MultiPolygon', coordinates: [[[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]] },
})
const line: Feature<MultiLineString, { name: string }> = { type: 'Feature', properties: { name: '南海断续国界线' }, geometry: { type: 'MultiLineString', coordinates: [[[110, 10], [111, 9]]] } }

describe('southChinaSeaInset', () => {
  test('cuts provinces to the inset, drops those outside it, and adds the line and one label per island group', () => {
    const fc = southChinaSeaInset([square('440000', [110, 20, 126, 30]), square('650000', [75, 35, 95, 48])], line)
    const land = fc.features.filter((f) => f.properties.kind === 'land')
    expect(land.map((f) => f.properties.kind === 'land' && f.properties.code)).toEqual(['440000'])
    const [[ring]] = (land[0].geometry as MultiPolygon).coordinates
    expect(Math.max(...ring.map(([x]) => x))).toBe(123.5)
    expect(Math.max(...ring.map(([, y]) => y))).toBe(24)
    expect(fc.features.filter((f) => f.properties.kind === 'line')).toHaveLength(1)
    expect(fc.features.filter((f) => f.properties.kind === 'label').map((f) => f.properties.name)).toContain('曾母暗沙')
  })
})
