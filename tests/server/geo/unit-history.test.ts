// What a unit's ledger said at the end of a year: status, level and naming date from its history, so that a
// unit named 县级 in 2019 and 市级 in 2022 counts as 县级 in 2020, and a naming's validity counts from the
// as-of year, not from today.
import { describe, expect, it } from 'vitest'
import { coverageByArea, type CoverageInput } from '../../../server/geo/coverage'
import { currentLedger, expiresOn, ledgerAsOfYear } from '../../../server/geo/unit-history'
import type { Area, HonourLevel, Scheme, StatusChange, Unit, UnitStatus } from '../../../server/shared/domain'

const step = (at: string, from: UnitStatus | null, to: UnitStatus, level?: HonourLevel): StatusChange => ({ at, from, to, by: 't', reason: '', ...(level ? { level } : {}) })

function unit(id: number, fields: Partial<Unit>): Unit {
  return {
    id, name: `单位${id}`, category: '学校', level: null, status: '培育', yearNamed: null, lon: null, lat: null, areaCode: 'A',
    address: '', contact: '', notes: '', sample: false, history: [], ...fields,
  }
}

// 培育 2017, named 县级 2019, promoted 市级 2022.
const promoted = unit(1, {
  level: '市级', status: '命名', yearNamed: 2022,
  history: [step('2017-04-01', null, '培育'), step('2019-11-20', '培育', '命名', '县级'), step('2022-06-30', '命名', '命名', '市级')],
})
// National, named 2019, re-checked 2024 (validity 5 years from each).
const national = unit(2, {
  level: '国家级', status: '复查', yearNamed: 2019,
  history: [step('2019-09-01', null, '命名', '国家级'), step('2024-09-01', '命名', '复查', '国家级')],
})
// A ledger from before levels were recorded in history.
const legacy = unit(3, { level: '省级', status: '命名', yearNamed: 2016, history: [step('2016-12-31', null, '命名')] })

describe('ledgerAsOfYear', () => {
  it('gives the level the unit held at the end of each year', () => {
    expect(ledgerAsOfYear(promoted, 2016)).toBeNull()
    expect(ledgerAsOfYear(promoted, 2018)).toEqual({ status: '培育', level: null, namedOn: null })
    expect(ledgerAsOfYear(promoted, 2020)).toEqual({ status: '命名', level: '县级', namedOn: '2019-11-20' })
    expect(ledgerAsOfYear(promoted, 2022)).toEqual({ status: '命名', level: '市级', namedOn: '2022-06-30' })
    expect(ledgerAsOfYear(promoted, 2026)).toEqual(currentLedger(promoted))
  })

  it('keeps a legacy unit at its only level', () => {
    expect(ledgerAsOfYear(legacy, 2015)).toBeNull()
    expect(ledgerAsOfYear(legacy, 2018)).toEqual({ status: '命名', level: '省级', namedOn: '2016-12-31' })
  })

  it('counts a naming’s validity from the as-of year: a national naming of 2019 lapses in 2024, renewed by its 复查 to 2029', () => {
    expect(expiresOn(ledgerAsOfYear(national, 2021)!)).toBe('2024-09-01')
    expect(expiresOn(ledgerAsOfYear(national, 2025)!)).toBe('2029-09-01')
    expect(expiresOn(ledgerAsOfYear(promoted, 2020)!)).toBeNull() // 县级 has no fixed validity
  })
})

describe('coverage as of a year uses the level of that year', () => {
  const input: CoverageInput = {
    areas: [
      { code: 'P', name: '市', level: 'prefecture', parent: null, geometry: null, population: null, minorityShare: null, areaKm2: null, schematic: false, populationIsSample: false },
      { code: 'A', name: '县', level: 'county', parent: 'P', geometry: null, population: null, minorityShare: null, areaKm2: null, schematic: false, populationIsSample: false },
    ] as Area[],
    units: [promoted, national, legacy],
    schemes: [{ id: 'toy', name: '一进', categories: ['学校'], isDefault: true, note: '', visitsPerYear: 3 }] as Scheme[],
    targets: [],
    unitAreas: new Map([[1, 'A'], [2, 'A'], [3, 'A']]),
  }
  const county = (year: number, minLevel: HonourLevel = '县级') => coverageByArea(input, { level: 'county', today: '2026-06-15', year, minLevel }).areas[0]

  it('2020: the promoted unit is 县级; 2023: 市级', () => {
    expect(county(2020).byLevel).toEqual({ 县级: 1, 市级: 0, 省级: 1, 国家级: 1 })
    expect(county(2023).byLevel).toEqual({ 县级: 0, 市级: 1, 省级: 1, 国家级: 1 })
    expect(county(2020, '市级').total).toBe(2)
    expect(county(2023, '市级').total).toBe(3)
  })

  it('lists namings due for 复查 within 12 months of the end of the as-of year', () => {
    expect(county(2023).expiring).toEqual([{ id: 2, name: '单位2', category: '学校', level: '国家级', expiresOn: '2024-09-01' }])
    expect(county(2025).expiring).toEqual([])
  })
})
