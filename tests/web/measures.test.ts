import { describe, expect, test } from 'vitest'
import { MEASURES, measureById, measureScale } from '../../web/data/measures'
import { coverageArea, coverageReport } from './fixtures'

const report = coverageReport(
  [
    coverageArea({ code: '530602', total: 12, categoriesCovered: 7, per10kPeople: 0.45, per100km2: 0.6 }),
    coverageArea({ code: '530621', total: 0, categoriesCovered: 0, per10kPeople: 0, per100km2: 0 }),
    coverageArea({ code: '530626', total: 35, categoriesCovered: 5, per10kPeople: null, per100km2: 1.9 }),
  ],
  { minLevel: '市级' },
)

describe('measures', () => {
  test('titles name the measure and the filters behind it', () => {
    expect(MEASURES.map((m) => m.title(report))).toEqual([
      '示范单位总数 (市级及以上)',
      '七进覆盖类别数 (共 7 类)',
      '每万人示范单位数 (市级及以上)',
      '每百平方公里示范单位数 (市级及以上)',
      '下级区域覆盖率 % (市级及以上)',
    ])
  })

  test('each area is coloured by its own value, through the same scale the legend shows', () => {
    for (const measure of MEASURES) {
      const scale = measureScale(measure, report)
      expect(scale.title).toBe(measure.title(report))
      for (const area of report.areas) {
        const value = measure.valueOf(area)
        const row = scale.legend.find((r) => r.rgba === scale.colourOf(value))
        expect(row, `${measure.id} of ${area.code}`).toBeDefined()
      }
    }
  })

  test('category coverage gets one class per count up to the scheme size', () => {
    const scale = measureScale(measureById('categoriesCovered'), report)
    expect(scale.legend.map((r) => r.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7'])
  })

  test('an unknown population shows as no data, not as zero', () => {
    const scale = measureScale(measureById('per10kPeople'), report)
    expect(scale.legend.at(-1)?.label).toBe('无数据')
    expect(scale.colourOf(null)).not.toEqual(scale.colourOf(0))
  })
})
