import { booleanPointInPolygon } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { COUNTRY_CODE } from '../../../server/shared/area-codes'
import type { Area } from '../../../server/shared/domain'
import { SAMPLE_NOTE } from '../../../server/seed/demo'
import { nationalDataset } from '../../../server/seed/national'
import { readNationalGeodata } from '../../../server/seed/seed-store'

const geo = readNationalGeodata()
const national = nationalDataset(geo, { units: 3000, today: '2026-11-23' })
const byCode = new Map(national.areas.map((a) => [a.code, a]))

function provinceOf(area: Area): Area {
  let at = area
  while (at.parent !== COUNTRY_CODE && at.parent !== null) at = byCode.get(at.parent)!
  return at
}

describe('nationalDataset', () => {
  it('is the same on every run', () => {
    expect(nationalDataset(geo, { units: 3000, today: '2026-11-23' })).toEqual(national)
  })

  it('hangs 34 province-level areas, 台湾省, 香港 and 澳门 among them, from one country area, each code once', () => {
    expect(byCode.get(COUNTRY_CODE)).toMatchObject({ name: '中华人民共和国', level: 'country', parent: null })
    const provinces = national.areas.filter((a) => a.level === 'province')
    expect(provinces).toHaveLength(34)
    expect(provinces.every((p) => p.parent === COUNTRY_CODE)).toBe(true)
    expect(['710000', '810000', '820000'].map((code) => byCode.get(code)?.level)).toEqual(['province', 'province', 'province'])
    expect(byCode.size).toBe(national.areas.length)
    expect(national.areas.every((a) => a.code === COUNTRY_CODE || byCode.has(a.parent!))).toBe(true)
    expect(national.areas.filter((a) => a.level === 'county').length).toBeGreaterThan(2800)
  })

  it('draws the units asked for, all 示例数据, each inside the county (or county-less prefecture) it claims', () => {
    expect(national.units).toHaveLength(3000)
    expect(national.units.every((u) => u.sample && u.notes === SAMPLE_NOTE)).toBe(true)
    const parents = new Set(national.areas.map((a) => a.parent))
    const outside = national.units.filter((u) => {
      const area = byCode.get(u.areaCode!)!
      return parents.has(area.code) || !booleanPointInPolygon([u.lon!, u.lat!], area.geometry!)
    })
    expect(outside).toEqual([])
  })

  it('gives 台湾省, 香港 and 澳门 no units and no targets', () => {
    const noLedger = new Set(['710000', '810000', '820000'])
    expect(national.units.filter((u) => noLedger.has(provinceOf(byCode.get(u.areaCode!)!).code))).toEqual([])
    expect(national.targets.filter((t) => noLedger.has(t.areaCode))).toEqual([])
    expect(national.targets).toHaveLength(31)
  })

  it('spreads units over every mainland province', () => {
    const provinces = new Set(national.units.map((u) => provinceOf(byCode.get(u.areaCode!)!).code))
    expect(provinces.size).toBe(31)
  })
})
