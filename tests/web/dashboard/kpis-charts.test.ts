import { describe, expect, it } from 'vitest'
import { measureById } from '../../../web/data/measures'
import { categoryLevelStacks, childRanking, stackSegments, targetBullets, yearRange } from '../../../web/dashboard/chart-data'
import { dashboardKpis } from '../../../web/dashboard/dashboard-kpis'
import { coverageArea, coverageReport } from '../fixtures'

const a = coverageArea({
  code: '530626',
  name: '绥江县',
  total: 3,
  population: 100_000,
  byLevel: { 县级: 1, 市级: 1, 省级: 1, 国家级: 0 },
  byCategory: { 学校: 2, 社区: 1 },
  byCategoryLevel: { 学校: { 县级: 1, 市级: 0, 省级: 1, 国家级: 0 }, 社区: { 县级: 0, 市级: 1, 省级: 0, 国家级: 0 } },
  expiringCount: 1,
  childAreas: 5,
  childAreasCovered: 2,
})
const b = coverageArea({ code: '530602', name: '昭阳区', total: 0, population: 300_000 })
const self = coverageArea({
  code: '530600',
  level: 'prefecture',
  childAreas: 2,
  targets: [
    { id: 1, category: null, minLevel: '省级', count: 4, dueYear: 2027, achieved: 1, progress: 0.25, met: false, behind: false, note: '' },
    { id: 2, category: '学校', minLevel: null, count: 2, dueYear: 2025, achieved: 2, progress: 1, met: true, behind: false, note: '' },
  ],
})

describe('dashboard KPIs', () => {
  it('sums the children and reads targets from the area itself', () => {
    const k = dashboardKpis(coverageReport([a, b]), self, null)
    expect(k).toMatchObject({
      byLevel: { 县级: 1, 市级: 1, 省级: 1, 国家级: 0 },
      total: 3,
      categoriesCovered: 2,
      categoriesInScheme: 7,
      childAreas: 2,
      childAreasCovered: 1,
      childCoverage: 0.5,
      per10kPeople: 0.08,
      targetsMet: 1,
      targets: 2,
      targetProgress: 0.625,
      expiring: 1,
    })
  })

  it('counts completeness against the chosen categories', () => {
    expect(dashboardKpis(coverageReport([a, b]), self, ['学校', '机关'])).toMatchObject({ categoriesCovered: 1, categoriesInScheme: 2 })
  })

  it('uses the area itself at the bottom of the hierarchy', () => {
    const k = dashboardKpis(coverageReport([]), a, null)
    expect(k).toMatchObject({ total: 3, childAreas: 5, childAreasCovered: 2, childCoverage: 0.4, per10kPeople: 0.3, targets: 0, targetProgress: null })
  })
})

describe('chart data', () => {
  it('stacks categories by level, in scheme order, without empty segments', () => {
    const stacks = categoryLevelStacks([a, b], ['学校', '社区', '机关'])
    expect(stacks.map((s) => [s.category, s.total])).toEqual([['学校', 2], ['社区', 1], ['机关', 0]])
    expect(stackSegments(stacks)).toEqual([
      { category: '学校', level: '县级', start: 0, end: 1 },
      { category: '学校', level: '省级', start: 1, end: 2 },
      { category: '社区', level: '市级', start: 0, end: 1 },
    ])
  })

  it('ranks children by the measure, no-data last', () => {
    const c = coverageArea({ code: '530621', name: '鲁甸县', total: 1, per10kPeople: null })
    expect(childRanking([b, a, c], measureById('total')).map((r) => [r.code, r.value])).toEqual([['530626', 3], ['530621', 1], ['530602', 0]])
    expect(childRanking([c, a], measureById('per10kPeople')).map((r) => r.value)).toEqual([null, null])
    expect(childRanking([a, b], measureById('childCoverage')).map((r) => r.value)).toEqual([40, null])
  })

  it('years and target bullets', () => {
    expect(yearRange(2024, 2026)).toEqual([2024, 2025, 2026])
    expect(yearRange(2026, 2024)).toEqual([])
    const bullets = targetBullets(self.targets, (t) => t.category ?? '各类')
    expect(bullets.map((x) => [x.key, x.label, x.tone])).toEqual([['1', '各类', 'on-track'], ['2', '学校', 'met']])
  })
})
