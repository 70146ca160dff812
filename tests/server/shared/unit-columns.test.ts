import { describe, expect, test } from 'vitest'
import { unitColumnsOf, unitRowsOf } from '../../../server/shared/unit-columns'
import type { UnitCollection, UnitProperties } from '../../../server/shared/unit-columns'

function properties(id: number, patch: Partial<UnitProperties> = {}): UnitProperties {
  return {
    id, name: `单位${id}`, category: '学校', level: '县级', status: '命名', yearNamed: 2020, areaCode: '530626101', claimedAreaCode: '530626101',
    joinMethod: 'point', expiresOn: null, address: '某街1号', notes: '', sample: true, ...patch,
  }
}

const collection: UnitCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 1, geometry: { type: 'Point', coordinates: [104.123456789, 28.5] }, properties: properties(1) },
    { type: 'Feature', id: 2, geometry: null, properties: properties(2, { category: '宗教活动场所', name: '宗教活动场所（不公开）', redacted: true }) },
    { type: 'Feature', id: 3, geometry: { type: 'Point', coordinates: [104.2, 28.6] }, properties: properties(3, { level: null, status: '培育', yearNamed: null, areaCode: null, sample: false }) },
    { type: 'Feature', id: 4, geometry: { type: 'Point', coordinates: [104.3, 28.7] }, properties: properties(4, { level: '国家级', status: '复查', areaCode: '530626102' }) },
  ],
  redacted: { categories: ['宗教活动场所'], count: 1 },
}

describe('unit columns', () => {
  test('encode: dictionaries in first-seen order, indices, -1 for none, coordinates to 6 decimals', () => {
    const columns = unitColumnsOf(collection)
    expect(columns).toEqual({
      count: 4,
      categories: ['学校', '宗教活动场所'],
      areaCodes: ['530626101', '530626102'],
      id: [1, 2, 3, 4],
      name: ['单位1', '宗教活动场所（不公开）', '单位3', '单位4'],
      category: [0, 1, 0, 0],
      level: [0, 0, -1, 3],
      status: [4, 4, 0, 5],
      yearNamed: [2020, 2020, null, 2020],
      area: [0, 0, -1, 1],
      lon: [104.123457, null, 104.2, 104.3],
      lat: [28.5, null, 28.6, 28.7],
      sample: [1, 1, 0, 1],
      redacted: [2],
      redaction: { categories: ['宗教活动场所'], count: 1 },
    })
  })

  test('decode gives back every field the columns keep', () => {
    const rows = unitRowsOf(JSON.parse(JSON.stringify(unitColumnsOf(collection))))
    expect(rows).toEqual(
      collection.features.map(({ geometry, properties: p }) => ({
        id: p.id, name: p.name, category: p.category, level: p.level, status: p.status, yearNamed: p.yearNamed, areaCode: p.areaCode,
        position: geometry ? [Math.round(geometry.coordinates[0] * 1e6) / 1e6, geometry.coordinates[1]] : null, sample: p.sample,
        ...(p.redacted ? { redacted: true } : {}),
      })),
    )
  })

  test('an empty answer', () => {
    expect(unitRowsOf(unitColumnsOf({ type: 'FeatureCollection', features: [] }))).toEqual([])
  })
})
