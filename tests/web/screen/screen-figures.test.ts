import { describe, expect, test } from 'vitest'
import type { CoverageArea, CoverageReport } from '../../../web/api/responses'
import type { UnitPoint } from '../../../web/data/units'
import { categorySharesOf, countyOfCode, growthOf, latestNamings, rankingOf, targetRowsOf, visibleUnits } from '../../../web/screen/screen-figures'

function area(code: string, name: string, total: number, byCategory: Record<string, number> = {}, targets: CoverageArea['targets'] = []): CoverageArea {
  return {
    code,
    name,
    level: 'county',
    parent: '530600',
    total,
    byLevel: { 县级: total, 市级: 0, 省级: 0, 国家级: 0 },
    byCategory,
    byCategoryLevel: {},
    categoriesCovered: Object.values(byCategory).filter((n) => n > 0).length,
    categoriesInScheme: 3,
    missingCategories: [],
    childAreas: 0,
    childAreasCovered: 0,
    population: null,
    per10kPeople: null,
    areaKm2: null,
    per100km2: null,
    targets,
    expiring: [],
    expiringCount: 0,
    sample: true,
    schematic: false,
    noData: false,
  }
}

function report(year: number, areas: CoverageArea[]): CoverageReport {
  return { scheme: { id: 'qijin', name: '七进', categories: ['机关', '学校', '宗教活动场所'] }, minLevel: '县级', statuses: ['命名', '复查'], year, today: '2026-11-23', sample: true, areas }
}

function unit(id: number, category: string, yearNamed: number | null, areaCode = '530626101'): UnitPoint {
  return { id, name: `单位${id}`, category, level: '县级', status: '命名', yearNamed, areaCode, sample: true, position: [104, 28] }
}

describe('screen figures', () => {
  test('growth: totals and covered areas per year, oldest first', () => {
    const rows = growthOf([report(2026, [area('1', 'a', 3), area('2', 'b', 0)]), report(2025, [area('1', 'a', 1), area('2', 'b', 0)])])
    expect(rows).toEqual([
      { year: 2025, total: 1, areasCovered: 1 },
      { year: 2026, total: 3, areasCovered: 1 },
    ])
  })

  test('ranking: highest first, ties by code (stable between polls)', () => {
    expect(rankingOf(report(2026, [area('3', 'c', 5), area('1', 'a', 5), area('2', 'b', 9)])).map((r) => r.code)).toEqual(['2', '1', '3'])
  })

  test('category shares in scheme order', () => {
    const shares = categorySharesOf(report(2026, [area('1', 'a', 3, { 机关: 2, 学校: 0 }), area('2', 'b', 1, { 学校: 1 })]))
    expect(shares).toEqual([
      { category: '机关', count: 2, covered: true },
      { category: '学校', count: 1, covered: true },
      { category: '宗教活动场所', count: 0, covered: false },
    ])
  })

  test('targets: the place first, then child areas behind schedule first', () => {
    const t = (id: number, progress: number, behind: boolean, note: string) => ({ id, category: null, minLevel: null, count: 10, dueYear: 2026, achieved: progress * 10, progress, met: progress >= 1, behind, note })
    const rows = targetRowsOf(area('530600', '昭通市', 0, {}, [t(1, 1, false, '示例目标：全市40个')]), report(2026, [
      area('1', '甲县', 0, {}, [t(2, 0.8, false, '')]),
      area('2', '乙县', 0, {}, [t(3, 0.5, true, '示例目标：学校6所')]),
    ]))
    expect(rows.map((r) => r.label)).toEqual(['全市40个', '乙县 · 学校6所', '甲县 · 示范单位 10 个'])
  })

  test('aggregateSensitive: 宗教活动场所 are neither drawn nor named', () => {
    const units = [unit(1, '机关', 2024), unit(2, '宗教活动场所', 2025), unit(3, '学校', 2025)]
    expect(visibleUnits(units, true).map((u) => u.id)).toEqual([1, 3])
    expect(visibleUnits(units, false).map((u) => u.id)).toEqual([1, 2, 3])
    const names = latestNamings(units, () => '绥江县', { aggregateSensitive: true }).map((i) => i.text).join('\n')
    expect(names).not.toContain('宗教活动场所')
    expect(names).not.toContain('单位2')
    expect(latestNamings(units, () => '绥江县', { aggregateSensitive: false }).map((i) => i.id)).toEqual([3, 2, 1])
  })

  test('latest namings: newest year first, then newest id; unnamed left out; limited', () => {
    const units = [unit(1, '机关', 2020), unit(2, '机关', null), unit(5, '学校', 2025), unit(4, '学校', 2025)]
    const items = latestNamings(units, (code) => (code ? '绥江县' : '?'), { limit: 2 })
    expect(items).toEqual([
      { id: 5, text: '2025 · 绥江县 · 单位5（学校 · 县级）' },
      { id: 4, text: '2025 · 绥江县 · 单位4（学校 · 县级）' },
    ])
  })

  test('county of a township or village code', () => {
    expect(countyOfCode('530626101', ['530602', '530626'])).toBe('530626')
    expect(countyOfCode('530626', ['530626'])).toBe('530626')
    expect(countyOfCode(null, ['530626'])).toBe(null)
    expect(countyOfCode('530700101', ['530626'])).toBe(null)
  })
})
