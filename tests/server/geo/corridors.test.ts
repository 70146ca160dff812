// corridorViews and corridorUnitProblems: pure functions of a snapshot and stored corridors.
import { audienceOf } from '../../../server/shared/audience'
import { describe, expect, test } from 'vitest'
import fixture from '../../fixtures/coverage-small.json'
import type { CorridorRecord } from '../../../server/shared/domain'
import type { Area, Scheme, Target, Unit } from '../../../server/shared/domain'
import { corridorUnitProblems, corridorViews } from '../../../server/geo/corridors'
import { buildSnapshot } from '../../../server/snapshot'

// The fixture's units have no points; give some of them one (the areas have no geometry: joined by code).
const POINTS: Record<number, [number, number]> = { 1: [104.0, 28.6], 2: [104.1, 28.61], 6: [104.2, 28.62], 4: [104.3, 28.63] }
const units = (fixture.units as Unit[]).map((u) => (POINTS[u.id] ? { ...u, lon: POINTS[u.id][0], lat: POINTS[u.id][1] } : u))
const snapshot = buildSnapshot(1, { areas: fixture.areas as Area[], units, schemes: fixture.schemes as Scheme[], targets: fixture.targets as Target[], inspections: [] })

const record = (id: number, unitIds: number[]): CorridorRecord => ({ id, name: `走廊${id}`, note: '', sample: false, unitIds, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 't' })
// 1 甲一镇中心小学 (A1), 6 甲二镇清真寺 (A2, 宗教活动场所), 8 甲县民族宗教事务局 (A, no point), 2 甲一镇人民政府 (A1), 4 乙一镇团结社区 (B1)
const acrossA = record(1, [1, 6, 8, 2])
const intoB = record(2, [2, 4])
const onlyB = record(3, [5, 4])

describe('corridorViews', () => {
  test('stops in stored order with their join area; the path skips stops without a point', () => {
    const [view] = corridorViews(snapshot, [acrossA])
    expect(view.stops).toEqual([
      { unitId: 1, name: '甲一镇中心小学', category: '学校', level: '省级', areaCode: 'A1', position: [104.0, 28.6] },
      { unitId: 6, name: '甲二镇清真寺', category: '宗教活动场所', level: '县级', areaCode: 'A2', position: [104.2, 28.62] },
      { unitId: 8, name: '甲县民族宗教事务局', category: '机关', level: '国家级', areaCode: 'A', position: null },
      { unitId: 2, name: '甲一镇人民政府', category: '机关', level: '县级', areaCode: 'A1', position: [104.1, 28.61] },
    ])
    expect(view.path).toEqual([[104.0, 28.6], [104.2, 28.62], [104.1, 28.61]])
    expect(view).toMatchObject({ id: 1, name: '走廊1', note: '', sample: false })
  })

  test('area keeps corridors with at least one stop in the area or below it, in the given order', () => {
    const ids = (area?: string) => corridorViews(snapshot, [acrossA, intoB, onlyB], { area }).map((c) => c.id)
    expect(ids()).toEqual([1, 2, 3])
    expect(ids('P')).toEqual([1, 2, 3])
    expect(ids('A')).toEqual([1, 2])
    expect(ids('A2')).toEqual([1])
    expect(ids('B1')).toEqual([2, 3])
    expect(ids('B2')).toEqual([])
  })

  test('redacted categories lose name and position and drop out of the path; others are untouched', () => {
    const [view] = corridorViews(snapshot, [acrossA], { audience: audienceOf('anonymous', ['宗教活动场所']) })
    expect(view.stops[1]).toEqual({ unitId: 6, name: '宗教活动场所（不公开）', category: '宗教活动场所', level: '县级', areaCode: 'A2', position: null, redacted: true })
    expect(view.stops[0].name).toBe('甲一镇中心小学')
    expect(view.path).toEqual([[104.0, 28.6], [104.1, 28.61]])
    expect(JSON.stringify(view)).not.toContain('28.62')
  })

  test('a stop whose unit is gone is left out', () => {
    const [view] = corridorViews(snapshot, [record(9, [1, 777, 2])])
    expect(view.stops.map((s) => s.unitId)).toEqual([1, 2])
  })
})

describe('corridorUnitProblems', () => {
  test('none for distinct existing units', () => {
    expect(corridorUnitProblems(snapshot, [1, 2, 8])).toEqual([])
  })

  test('names each unknown or repeated entry by its index', () => {
    expect(corridorUnitProblems(snapshot, [1, 99999, 2, 1, 99999])).toEqual([
      'unitIds[1]: unit 99999 does not exist',
      'unitIds[3]: unit 1 is already stop unitIds[0] (expected each unit once)',
      'unitIds[4]: unit 99999 is already stop unitIds[1] (expected each unit once)',
    ])
  })
})
