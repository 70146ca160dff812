import { expect, test } from 'vitest'
import { kpisOf } from '../../web/data/kpis'
import { coverageArea, coverageReport } from './fixtures'

test('kpisOf sums the child areas and counts covered areas and categories', () => {
  const report = coverageReport([
    coverageArea({ code: '530602', total: 3, byLevel: { 国家级: 1, 省级: 0, 市级: 1, 县级: 1 }, byCategory: { 学校: 2, 社区: 1 } }),
    coverageArea({ code: '530626', total: 35, byLevel: { 国家级: 0, 省级: 4, 市级: 11, 县级: 20 }, byCategory: { 学校: 30, 机关: 5, 企业: 0 } }),
    coverageArea({ code: '530621' }),
  ])
  expect(kpisOf(report)).toEqual({
    byLevel: { 国家级: 1, 省级: 4, 市级: 12, 县级: 21 },
    total: 38,
    areasCovered: 2,
    areas: 3,
    categoriesCovered: 3,
    categoriesInScheme: 7,
  })
})
