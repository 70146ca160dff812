import { describe, expect, it } from 'vitest'
import { coverageByArea, noLedgerAreas } from '../../../server/geo/coverage'
import type { Area, Scheme, Target, Unit } from '../../../server/shared/domain'

function area(code: string, level: Area['level'], parent: string | null): Area {
  return { code, name: code, level, parent, geometry: null, population: null, minorityShare: null, areaKm2: null, schematic: false, populationIsSample: false }
}

// The country; 云南 with a unit in one of its two counties; 台湾 with a county and nothing in either; 西藏 with a target only.
const areas = [
  area('000000', 'country', null),
  area('530000', 'province', '000000'),
  area('530600', 'prefecture', '530000'),
  area('530626', 'county', '530600'),
  area('530627', 'county', '530600'),
  area('710000', 'province', '000000'),
  area('710100', 'prefecture', '710000'),
  area('540000', 'province', '000000'),
]
const unit: Unit = {
  id: 1, name: '示范学校', category: '学校', level: '县级', status: '命名', yearNamed: 2020, lon: null, lat: null, areaCode: '530626',
  address: '', contact: '', notes: '', sample: true, history: [{ at: '2020-05-01', from: null, to: '命名', by: 't', reason: '', level: '县级' }],
}
const target: Target = { id: 1, areaCode: '540000', schemeId: null, category: null, minLevel: null, count: 3, dueYear: 2027, note: '' }
const scheme: Scheme = { id: 'toy', name: '三进', note: '', isDefault: true, categories: ['学校', '机关', '社区'], visitsPerYear: 3 }
const input = { areas, units: [unit], schemes: [scheme], targets: [target], unitAreas: new Map([[1, '530626']]) }
const today = '2026-06-15'

describe('areas without a ledger', () => {
  it('are a province with no unit of any status and no target, and everything in it', () => {
    const unitsInArea = new Map([['530626', [unit]], ['530600', [unit]], ['530000', [unit]], ['000000', [unit]]])
    expect([...noLedgerAreas(areas, unitsInArea, [target])].sort()).toEqual(['710000', '710100'])
  })

  it('are noData in coverage and no child area of their parent; a county without units in a province with a ledger is a true 0', () => {
    const provinces = coverageByArea(input, { level: 'province', parent: '000000', today })
    expect(provinces.areas.map((a) => [a.code, a.noData, a.total])).toEqual([['530000', false, 1], ['710000', true, 0], ['540000', false, 0]])
    expect(coverageByArea(input, { level: 'prefecture', parent: '710000', today }).areas.map((a) => a.noData)).toEqual([true])
    expect(coverageByArea(input, { level: 'county', parent: '530600', today }).areas.map((a) => [a.code, a.noData, a.total])).toEqual([['530626', false, 1], ['530627', false, 0]])
    expect(coverageByArea(input, { level: 'country', today }).areas[0]).toMatchObject({ noData: false, childAreas: 2, childAreasCovered: 1 })
  })
})
