import { expect, test } from 'vitest'
import type { UnitCollection } from '../../web/api/responses'
import { unitColumnsOf } from '../../server/shared/unit-columns'
import { countsByCategory, levelRank, unitsOfColumns } from '../../web/data/units'
import { QIJIN, unitProperties } from './fixtures'

const units: UnitCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [103.7, 27.3] }, properties: unitProperties({ id: 1, level: '国家级' }) },
    { type: 'Feature', geometry: null, properties: unitProperties({ id: 2, level: '省级' }) },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [104.1, 28.2] }, properties: unitProperties({ id: 3, level: '县级', category: '机关' }) },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [104.2, 28.0] }, properties: unitProperties({ id: 4, level: '市级', category: '家庭' }) },
  ],
}

test('unitsOfColumns: every unit, and as points those with coordinates, higher levels last (drawn on top)', () => {
  const { units: all, points } = unitsOfColumns(unitColumnsOf(units))
  expect(all.map((u) => u.id)).toEqual([1, 2, 3, 4])
  expect(points.map((p) => p.id)).toEqual([3, 4, 1])
  expect(points[2].position).toEqual([103.7, 27.3])
  expect(points[2]).toMatchObject({ name: units.features[0].properties.name, level: '国家级', category: units.features[0].properties.category })
})

test('levelRank orders 县级 < 市级 < 省级 < 国家级, with unnamed below all', () => {
  expect([levelRank(null), levelRank('县级'), levelRank('市级'), levelRank('省级'), levelRank('国家级')]).toEqual([-1, 0, 1, 2, 3])
})

test('countsByCategory follows scheme order and ignores categories outside it', () => {
  const counts = countsByCategory(unitsOfColumns(unitColumnsOf(units)).points, QIJIN)
  expect(counts.map((c) => c.category)).toEqual(QIJIN)
  expect(Object.fromEntries(counts.map((c) => [c.category, c.count]))).toMatchObject({ 学校: 1, 机关: 1, 企业: 0 })
  expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(2)
})
