import { describe, expect, it } from 'vitest'
import type { UnitProperties } from '../../../web/api/responses'
import { DEFAULT_VIEW_STATE } from '../../../server/shared/view-state'
import { coverageQueryOf, filtersOf, filterUnits, searchAreas, toggleCategory, unitsQueryOf } from '../../../web/dashboard/filters'
import { QIJIN } from '../fixtures'

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
    expect(coverageQueryOf('township', '530626', f)).toEqual({ level: 'township', parent: '530626', scheme: 'qijin', minLevel: '县级', year: 2020, statuses: ['培育', '申报'], categories: null })
    const schools = { ...f, categories: ['学校'] }
    expect(coverageQueryOf('prefecture', null, schools)).toEqual({ level: 'prefecture', scheme: 'qijin', minLevel: '县级', year: 2020, statuses: ['培育', '申报'], categories: ['学校'] })
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
