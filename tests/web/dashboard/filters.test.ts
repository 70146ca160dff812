import { describe, expect, it } from 'vitest'
import type { UnitProperties } from '../../../web/api/responses'
import { DEFAULT_VIEW_STATE } from '../../../web/data/view-state'
import {
  areaForCategories,
  childAreasCoveredBy,
  coverageQueryOf,
  filtersOf,
  filterUnits,
  reportForCategories,
  searchAreas,
  toggleCategory,
  unitsQueryOf,
} from '../../../web/dashboard/filters'
import { coverageArea, coverageReport, QIJIN } from '../fixtures'

const unit = (id: number, category: string, areaCode: string | null): UnitProperties =>
  ({ id, category, areaCode, name: `u${id}`, level: '县级', status: '命名', yearNamed: 2020 }) as UnitProperties

describe('filters', () => {
  it('reads the filters from a view, with the store defaults for scheme and year', () => {
    expect(filtersOf(DEFAULT_VIEW_STATE, { scheme: 'qijin', year: 2026 })).toEqual({
      scheme: 'qijin', categories: null, minLevel: '县级', statuses: ['命名', '复查'], year: 2026,
    })
    const f = filtersOf({ ...DEFAULT_VIEW_STATE, scheme: 'liujin', categories: ['学校'], status: ['培育'], year: 2019, minLevel: '省级' }, { scheme: 'qijin', year: 2026 })
    expect(f).toEqual({ scheme: 'liujin', categories: ['学校'], minLevel: '省级', statuses: ['培育'], year: 2019 })
  })

  it('turns filters into API queries', () => {
    const f = filtersOf({ ...DEFAULT_VIEW_STATE, status: ['培育', '申报'], year: 2020 }, { scheme: 'qijin', year: 2026 })
    expect(unitsQueryOf('530626', f)).toEqual({ area: '530626', scheme: 'qijin', minLevel: '县级', year: '2020', status: '培育,申报' })
    expect(coverageQueryOf('township', '530626', f)).toEqual({ level: 'township', parent: '530626', scheme: 'qijin', minLevel: '县级', year: '2020', status: '培育,申报' })
    expect(coverageQueryOf('prefecture', null, f, 2018)).toEqual({ level: 'prefecture', scheme: 'qijin', minLevel: '县级', year: '2018', status: '培育,申报' })
  })

  it('keeps the same array without a category filter', () => {
    const units = [unit(1, '学校', null), unit(2, '社区', null)]
    expect(filterUnits(units, null)).toBe(units)
    expect(filterUnits(units, ['社区']).map((u) => u.id)).toEqual([2])
  })

  it('toggles a category; all or none chosen means no filter', () => {
    expect(toggleCategory(null, '学校', QIJIN)).toEqual(QIJIN.filter((c) => c !== '学校'))
    expect(toggleCategory(['学校'], '社区', QIJIN)).toEqual(['社区', '学校'])
    expect(toggleCategory(['学校'], '学校', QIJIN)).toBeNull()
    expect(toggleCategory(QIJIN.filter((c) => c !== '学校'), '学校', QIJIN)).toBeNull()
  })

  it('counts covered children by code digits', () => {
    const covered = childAreasCoveredBy([unit(1, '学校', '530626101'), unit(2, '学校', '530626101'), unit(3, '学校', '530626102001'), unit(4, '学校', '530602101')], ['530626', '530602'])
    expect(covered).toEqual(new Map([['530626', 2], ['530602', 1]]))
  })

  it('recomputes an area for chosen categories', () => {
    const area = coverageArea({
      code: '530626',
      total: 5,
      population: 100_000,
      areaKm2: 500,
      byCategory: { 学校: 3, 社区: 2 },
      byCategoryLevel: { 学校: { 县级: 2, 市级: 1, 省级: 0, 国家级: 0 }, 社区: { 县级: 2, 市级: 0, 省级: 0, 国家级: 0 } },
      targets: [
        { id: 1, category: '学校', minLevel: null, count: 4, dueYear: 2026, achieved: 3, progress: 0.75, met: false, behind: true, note: '' },
        { id: 2, category: '社区', minLevel: null, count: 1, dueYear: 2026, achieved: 2, progress: 1, met: true, behind: false, note: '' },
      ],
      expiring: [{ id: 7, name: 'x', category: '学校', level: '国家级', expiresOn: '2027-01-01' }, { id: 8, name: 'y', category: '社区', level: '国家级', expiresOn: '2027-02-01' }],
      expiringCount: 2,
    })
    const school = areaForCategories(area, ['学校'], 1)
    expect(school).toMatchObject({
      total: 3,
      byLevel: { 县级: 2, 市级: 1, 省级: 0, 国家级: 0 },
      byCategory: { 学校: 3 },
      categoriesCovered: 1,
      categoriesInScheme: 1,
      missingCategories: [],
      childAreasCovered: 1,
      per10kPeople: 0.3,
      per100km2: 0.6,
      expiringCount: 1,
    })
    expect(school.targets.map((t) => t.id)).toEqual([1])
  })

  it('leaves a report alone without a category filter', () => {
    const report = coverageReport([coverageArea({ code: '530626' })])
    expect(reportForCategories(report, null, [])).toBe(report)
    expect(reportForCategories(report, ['学校'], []).areas[0].categoriesInScheme).toBe(1)
  })

  it('searches areas by name or code prefix, best matches first', () => {
    const entries = [
      { code: '530626', name: '绥江县', level: 'county' },
      { code: '530626101', name: '中城镇', level: 'township' },
      { code: '530627', name: '镇雄县', level: 'county' },
      { code: '530627101', name: '乌峰镇', level: 'township' },
    ]
    expect(searchAreas(entries, '镇').map((e) => e.code)).toEqual(['530627', '530626101', '530627101'])
    expect(searchAreas(entries, '5306261').map((e) => e.code)).toEqual(['530626101'])
    expect(searchAreas(entries, ' ')).toEqual([])
  })
})
