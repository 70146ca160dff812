import { booleanPointInPolygon } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { NAMED_STATUSES } from '../../../server/shared/domain'
import { demoDataset } from '../../../server/seed/demo'
import { readDemoGeodata } from '../../../server/seed/seed-store'

const geo = readDemoGeodata()
const demo = demoDataset(geo, '2026-11-23')

describe('demoDataset', () => {
  it('is the same on every run', () => {
    expect(demoDataset(geo, '2026-11-23')).toEqual(demo)
  })

  it('keeps 绥江县 at its published counts: 省级 4, 市级 11, 县级 20 named units', () => {
    const named = demo.units.filter((u) => u.areaCode?.startsWith('530626') && NAMED_STATUSES.includes(u.status))
    const count = (level: string) => named.filter((u) => u.level === level).length
    expect([count('国家级'), count('省级'), count('市级'), count('县级')]).toEqual([0, 4, 11, 20])
  })

  it('marks every unit as sample data and every township as schematic', () => {
    expect(demo.units.every((u) => u.sample && u.notes.startsWith('示例数据'))).toBe(true)
    expect(demo.areas.filter((a) => a.level === 'township').every((a) => a.schematic && a.populationIsSample)).toBe(true)
    expect(demo.areas.filter((a) => a.level === 'county').every((a) => !a.schematic)).toBe(true)
  })

  it('places each unit inside the township it claims, except the one deliberate mismatch', () => {
    const townships = new Map(geo.townships.map((t) => [t.properties.code, t]))
    const outside = demo.units.filter((u) => !booleanPointInPolygon([u.lon!, u.lat!], townships.get(u.areaCode!)!))
    expect(outside.map((u) => u.notes)).toEqual([expect.stringContaining('故意不一致')])
  })

  it('covers the workflow: pool, applied, recommended, named, re-checked and revoked units', () => {
    const statuses = new Set(demo.units.map((u) => u.status))
    expect([...statuses].sort()).toEqual(['命名', '培育', '复查', '撤销', '申报', '推荐'].sort())
    expect(demo.units.every((u) => u.history.length > 0 && u.history.at(-1)!.to === u.status)).toBe(true)
    expect(demo.units.filter((u) => u.status === '撤销').every((u) => u.history.at(-1)!.at.startsWith('2024'))).toBe(true)
  })

  it('ships the three schemes with 七进 as default, targets and inspections', () => {
    expect(demo.schemes.map((s) => [s.name, s.isDefault])).toEqual([['七进', true], ['六进', false], ['十进十促', false]])
    expect(demo.targets.length).toBeGreaterThan(3)
    expect(demo.inspections.length).toBeGreaterThan(0)
  })
})
