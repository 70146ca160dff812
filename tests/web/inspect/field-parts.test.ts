// The pure parts of /inspect: the resize of a photo, the 500 m warning, the order of the list, the map's fit.
import { describe, expect, test } from 'vitest'
import { distanceM, farFromUnitWarning } from '../../../server/shared/field-distance'
import { fittedSize } from '../../../web/inspect/photo-size'
import { fitProjection } from '../../../web/inspect/scope-projection'
import { distanceText, visitOrder, type FieldUnit } from '../../../web/inspect/visit-order'

test('fittedSize: the longer side to 1600 px, aspect kept, never enlarged', () => {
  expect(fittedSize(4032, 3024)).toEqual({ width: 1600, height: 1200 })
  expect(fittedSize(3024, 4032)).toEqual({ width: 1200, height: 1600 })
  expect(fittedSize(800, 600)).toEqual({ width: 800, height: 600 })
  expect(fittedSize(10000, 10)).toEqual({ width: 1600, height: 2 })
})

describe('the distance warning', () => {
  const unit: [number, number] = [104, 28.6]
  test('one thousandth of a degree of latitude is 111.2 m', () => {
    expect(distanceM(unit, [104, 28.601])).toBeCloseTo(111.19, 1)
  })
  test('within 500 m none; beyond, the distance and the accuracy; a unit without a point none', () => {
    expect(farFromUnitWarning({ lon: 104, lat: 28.604, accuracyM: 10 }, unit)).toBeNull() // 445 m
    expect(farFromUnitWarning({ lon: 104, lat: 28.605, accuracyM: 10 }, unit)).toBe('定位点距该单位 556 米，超过 500 米（定位精度 ±10 米）：请确认是否在现场、是否选对了单位')
    expect(farFromUnitWarning({ lon: 104, lat: 28.7, accuracyM: 35.4 }, unit)).toContain('11.1 公里')
    expect(farFromUnitWarning({ lon: 0, lat: 0, accuracyM: 10 }, null)).toBeNull()
  })
})

test('visitOrder: most visits due first, then nearest (no point last), then by name', () => {
  const u = (id: number, name: string, due: number, lonLat: [number, number] | null): FieldUnit => ({ id, name, category: '学校', status: '命名', lonLat, due, overdueFollowUps: 0, checklist: [] })
  const units = [u(1, '乙', 1, [104, 28.7]), u(2, '甲', 2, null), u(3, '丙', 1, [104, 28.61]), u(4, '丁', 1, null), u(5, '戊', 0, [104, 28.6])]
  expect(visitOrder(units, [104, 28.6]).map((x) => x.id)).toEqual([2, 3, 1, 4, 5])
  expect(visitOrder(units, null).map((x) => x.id)).toEqual([2, 3, 4, 1, 5]) // 丙 bǐng, 丁 dīng, 乙 yǐ: by name in pinyin order
  expect(distanceText(850.4)).toBe('850 米')
  expect(distanceText(12_345)).toBe('12.3 公里')
})

test('fitProjection: the box fills the width or the height, north up, centred', () => {
  const project = fitProjection([[0, -0.5], [2, 0.5]], 220, 120, 10) // on the equator: cos(0) = 1
  expect(project([0, 0.5])).toEqual([10, 10])
  expect(project([2, -0.5])).toEqual([210, 110])
  const narrow = fitProjection([[0, -0.5], [1, 0.5]], 220, 120, 10)
  expect(narrow([0, 0.5])).toEqual([60, 10]) // 100 px wide, centred in 220
})
