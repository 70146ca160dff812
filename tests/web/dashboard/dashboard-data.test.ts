import { describe, expect, it } from 'vitest'
import type { UnitProperties } from '../../../web/api/responses'
import { figuresForCategories, growthForCategories, type RawFigures } from '../../../web/dashboard/dashboard-data'
import { coverageArea, coverageReport } from '../fixtures'

const unit = (id: number, category: string, areaCode: string) => ({ id, category, areaCode }) as UnitProperties
const county = coverageArea({
  code: '530626',
  total: 3,
  childAreas: 5,
  childAreasCovered: 2,
  byCategory: { 学校: 2, 社区: 1 },
  byCategoryLevel: { 学校: { 县级: 2, 市级: 0, 省级: 0, 国家级: 0 }, 社区: { 县级: 1, 市级: 0, 省级: 0, 国家级: 0 } },
})
const raw: RawFigures = {
  code: '530600',
  childReport: coverageReport([county]),
  selfReport: coverageReport([coverageArea({ code: '530600', level: 'prefecture', total: 3 })]),
  units: [unit(1, '学校', '530626101'), unit(2, '学校', '530626101'), unit(3, '社区', '530626102')],
  points: [{ ...unit(1, '学校', '530626101'), position: [104, 28] }, { ...unit(3, '社区', '530626102'), position: [104.1, 28.1] }],
}

describe('figures for a category filter, on the client', () => {
  it('passes everything through without a filter', () => {
    const f = figuresForCategories(raw, null)
    expect(f.children).toBe(raw.childReport)
    expect(f.points).toBe(raw.points)
    expect(f.self?.code).toBe('530600')
  })

  it('recounts areas, covered children and points for the chosen categories', () => {
    const f = figuresForCategories(raw, ['社区'])
    expect(f.children.areas[0]).toMatchObject({ total: 1, childAreasCovered: 1, categoriesInScheme: 1 })
    expect(f.units.map((u) => u.id)).toEqual([3])
    expect(f.points.map((u) => u.id)).toEqual([3])
  })

  it('recounts the growth series', () => {
    const points = [{ year: 2024, total: 3, byCategory: { 学校: 2, 社区: 1 } }, { year: 2025, total: 5, byCategory: { 学校: 4, 社区: 1 } }]
    expect(growthForCategories(points, null)).toEqual([{ year: 2024, total: 3 }, { year: 2025, total: 5 }])
    expect(growthForCategories(points, ['学校', '机关'])).toEqual([{ year: 2024, total: 2 }, { year: 2025, total: 4 }])
  })
})
