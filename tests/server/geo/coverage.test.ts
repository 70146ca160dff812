import { describe, expect, it } from 'vitest'
import fixtureJson from '../../fixtures/coverage-small.json'
import type { Area, Scheme, Target, Unit } from '../../../server/shared/domain'
import { addMonths, coverageByArea, coverageSeries, type CoverageInput, UnknownSchemeError } from '../../../server/geo/coverage'

const input: CoverageInput = {
  areas: fixtureJson.areas as Area[],
  units: fixtureJson.units as Unit[],
  schemes: fixtureJson.schemes as Scheme[],
  targets: fixtureJson.targets as Target[],
  unitAreas: new Map(Object.entries(fixtureJson.unitAreas).map(([id, code]) => [Number(id), code])),
}
const today = '2026-06-15'
const byCode = (report: ReturnType<typeof coverageByArea>) => Object.fromEntries(report.areas.map((a) => [a.code, a]))

describe('coverageByArea on the hand-computed fixture', () => {
  const report = coverageByArea(input, { level: 'county', parent: 'P', today })
  const { A, B } = byCode(report)

  it('reports the default scheme, level and year', () => {
    expect(report.scheme).toEqual({ id: 'toy', name: '三进', categories: ['机关', '学校', '社区'] })
    expect(report.minLevel).toBe('县级')
    expect(report.year).toBe(2026)
    expect(report.sample).toBe(true)
    expect(report.areas.map((a) => a.code)).toEqual(['A', 'B'])
  })

  it('counts named units by level and category, excluding revoked and unranked ones', () => {
    expect(A.total).toBe(5)
    expect(A.byLevel).toEqual({ 县级: 2, 市级: 1, 省级: 1, 国家级: 1 })
    expect(A.byCategory).toEqual({ 机关: 2, 学校: 1, 社区: 1, 宗教活动场所: 1 })
    expect(A.byCategoryLevel.机关).toEqual({ 县级: 1, 市级: 0, 省级: 0, 国家级: 1 })
    expect(B.total).toBe(1)
    expect(B.byLevel).toEqual({ 县级: 0, 市级: 0, 省级: 0, 国家级: 1 })
  })

  it('measures category completeness against the scheme', () => {
    expect([A.categoriesCovered, A.categoriesInScheme, A.missingCategories]).toEqual([3, 3, []])
    expect([B.categoriesCovered, B.categoriesInScheme, B.missingCategories]).toEqual([1, 3, ['机关', '学校']])
  })

  it('counts child areas with at least one counted unit', () => {
    expect([A.childAreas, A.childAreasCovered]).toEqual([2, 2])
    expect([B.childAreas, B.childAreasCovered]).toEqual([2, 1])
  })

  it('computes densities per 10 000 people and per 100 km²', () => {
    expect(A.per10kPeople).toBe(0.125)
    expect(A.per100km2).toBe(1.667)
    expect(B.per10kPeople).toBe(0.1)
    expect(B.per100km2).toBe(0.143)
  })

  it('tracks target progress and flags overdue targets', () => {
    expect(A.targets).toEqual([
      { id: 1, category: '学校', minLevel: '市级', count: 2, dueYear: 2025, achieved: 1, progress: 0.5, met: false, behind: true, note: '市级及以上示范学校2所' },
    ])
    expect(B.targets).toEqual([])
  })

  it('lists national namings that lapse within 12 months', () => {
    expect(B.expiring).toEqual([{ id: 4, name: '乙一镇团结社区', category: '社区', level: '国家级', expiresOn: '2026-09-01' }])
    expect(A.expiringCount).toBe(0)
    expect(B.sample).toBe(true)
    expect(A.sample).toBe(false)
  })
})

describe('coverageByArea as of an earlier year', () => {
  const { A } = byCode(coverageByArea(input, { level: 'county', parent: 'P', year: 2023, today }))

  it('counts a unit revoked in 2024 and omits one named in 2024', () => {
    expect(A.total).toBe(5)
    expect(A.byLevel).toEqual({ 县级: 2, 市级: 2, 省级: 1, 国家级: 0 })
    expect(A.targets[0]).toMatchObject({ achieved: 2, met: true, behind: false })
  })
})

describe('coverageByArea filters', () => {
  it('applies the minimum honour level', () => {
    const { A, B } = byCode(coverageByArea(input, { level: 'county', minLevel: '省级', today }))
    expect([A.total, B.total]).toEqual([2, 1])
  })

  it('aggregates the prefecture over all its descendants', () => {
    const [P] = coverageByArea(input, { level: 'prefecture', today }).areas
    expect(P.total).toBe(6)
    expect([P.childAreas, P.childAreasCovered]).toEqual([2, 2])
    expect(P.targets[0]).toMatchObject({ achieved: 6, progress: 0.6, met: false, behind: false })
  })

  it('reports townships, including ones without units', () => {
    const report = coverageByArea(input, { level: 'township', parent: 'B', today })
    expect(report.areas.map((a) => [a.code, a.total, a.schematic])).toEqual([
      ['B1', 1, true],
      ['B2', 0, true],
    ])
  })

  it('counts other statuses when asked', () => {
    const { A } = byCode(coverageByArea(input, { level: 'county', statuses: ['撤销'], today }))
    expect(A.total).toBe(1)
    expect(A.byCategory.学校).toBe(1)
  })

  it('names the unknown scheme and the known ones', () => {
    expect(() => coverageByArea(input, { level: 'county', schemeId: 'nope', today })).toThrow(UnknownSchemeError)
    expect(() => coverageByArea(input, { level: 'county', schemeId: 'nope', today })).toThrow('expected one of: toy')
  })
})

describe('addMonths', () => {
  it('rolls over year ends', () => {
    expect(addMonths('2026-11-23', 12)).toBe('2027-11-23')
    expect(addMonths('2026-11-23', 2)).toBe('2027-01-23')
  })
})

describe('coverageByArea with chosen categories (the dashboard category filter, on the server)', () => {
  const report = coverageByArea(input, { level: 'county', parent: 'P', today, categories: ['学校', '社区'] })
  const { A, B } = byCode(report)

  it('counts only the chosen categories and measures completeness out of them', () => {
    expect(A.total).toBe(2)
    expect(A.byCategory).toEqual({ 学校: 1, 社区: 1 })
    expect([A.categoriesCovered, A.categoriesInScheme, A.missingCategories]).toEqual([2, 2, []])
    expect([B.total, B.categoriesCovered, B.missingCategories]).toEqual([1, 1, ['学校']])
  })

  it('keeps targets of a chosen category or of none, counted on their own terms', () => {
    expect(A.targets.map((t) => [t.id, t.achieved])).toEqual([[1, 1]])
    const onlyAgencies = byCode(coverageByArea(input, { level: 'county', parent: 'P', today, categories: ['机关'] }))
    expect(onlyAgencies.A.targets).toEqual([])
  })

  it('an empty list means every category', () => {
    expect(coverageByArea(input, { level: 'county', parent: 'P', today, categories: [] })).toEqual(coverageByArea(input, { level: 'county', parent: 'P', today }))
  })
})

describe('coverageSeries', () => {
  it('gives each year the counts coverageByArea gives for that year', () => {
    const series = coverageSeries(input, { level: 'county', parent: 'P', today }, [2018, 2022, 2026])
    expect(series.map((p) => p.year)).toEqual([2018, 2022, 2026])
    for (const point of series) {
      const report = coverageByArea(input, { level: 'county', parent: 'P', today, year: point.year })
      expect(point.areas).toEqual(report.areas.map(({ code, total, byLevel, byCategory }) => ({ code, total, byLevel, byCategory })))
    }
  })
})
