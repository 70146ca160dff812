// The demo's sample corridors: chosen by rule from the demo units, deterministic, and seeded with the demo.
import { describe, expect, test } from 'vitest'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import { NAMED_STATUSES } from '../../../server/shared/domain'
import { demoCorridors, JINSHA_RIVER, nearestOnLine, stopsAlong } from '../../../server/seed/corridors'
import { demoDataset } from '../../../server/seed/demo'
import { readDemoGeodata, seedDemo } from '../../../server/seed/seed-store'

const TODAY = '2026-11-23'
const demo = demoDataset(readDemoGeodata(), TODAY)
const unitsById = new Map(demo.units.map((u) => [u.id, u]))
const corridors = demo.corridors ?? []
const stopsOf = (i: number) => corridors[i].unitIds.map((id) => unitsById.get(id)!)

describe('demo corridors', () => {
  test('three sample corridors named 示例, each of two or more distinct demo units', () => {
    expect(corridors.map((c) => c.name)).toEqual([
      '示例：金沙江沿线民族团结示范走廊',
      '示例：绥江县城民族团结进步示范街区',
      '示例：昭阳区民族乡民族团结示范带',
    ])
    for (const corridor of corridors) {
      expect(corridor.sample).toBe(true)
      expect(corridor.note).toMatch(/^示例数据/)
      expect(corridor.unitIds.length).toBeGreaterThanOrEqual(2)
      expect(new Set(corridor.unitIds).size).toBe(corridor.unitIds.length)
    }
  })

  test('are the same on every run and come from the units alone', () => {
    expect(demoDataset(readDemoGeodata(), TODAY).corridors).toEqual(corridors)
    expect(demoCorridors(demo.units, demo.areas)).toEqual(corridors)
  })

  test('stops are named, located units anyone may see, ordered west to east', () => {
    corridors.forEach((_, i) => {
      const stops = stopsOf(i)
      for (const unit of stops) {
        expect(NAMED_STATUSES).toContain(unit.status)
        expect(unit.lon).not.toBeNull()
        expect(unit.category).not.toBe('宗教活动场所')
      }
      const lons = stops.map((u) => u.lon as number)
      expect(lons).toEqual([...lons].sort((a, b) => a - b))
    })
  })

  test('the 金沙江 corridor: 绥江县 and 水富市, one stop per township, each within 6 km of the river', () => {
    const stops = stopsOf(0)
    expect(stops.every((u) => /^5306(26|81)/.test(u.areaCode ?? ''))).toBe(true)
    expect(stops.some((u) => u.areaCode?.startsWith('530681'))).toBe(true)
    expect(new Set(stops.map((u) => u.areaCode)).size).toBe(stops.length)
    for (const unit of stops) expect(nearestOnLine([unit.lon as number, unit.lat as number], JINSHA_RIVER).km).toBeLessThanOrEqual(6)
  })

  test('the county-seat 街区 lies in 中城镇; the belt visits each of 昭阳区’s 民族乡 with a named unit once', () => {
    expect(stopsOf(1).every((u) => u.areaCode === '530626101')).toBe(true)
    const belt = stopsOf(2)
    const ethnic = new Map(demo.areas.filter((a) => a.parent === '530602' && a.name.includes('族乡')).map((a) => [a.code, a.name]))
    expect(belt.every((u) => ethnic.has(u.areaCode ?? ''))).toBe(true)
    expect(new Set(belt.map((u) => u.areaCode)).size).toBe(belt.length)
  })

  test('seedDemo stores them: an empty data dir gets the corridors', () => {
    const store = openSqliteStore(':memory:')
    seedDemo(store, TODAY)
    const stored = store.corridors.list()
    expect(stored.map((c) => [c.name, c.sample, c.updatedBy])).toEqual(corridors.map((c) => [c.name, true, 'demo-seed']))
    const names = new Map(store.snapshot().units.map((u) => [u.id, u.name]))
    expect(stored.map((c) => c.unitIds.map((id) => names.get(id)))).toEqual(corridors.map((c) => c.unitIds.map((id) => unitsById.get(id)?.name)))
    store.close()
  })
})

describe('nearestOnLine and stopsAlong', () => {
  test('distance to a west–east segment and how far along it', () => {
    const line: [number, number][] = [[104, 28], [105, 28]]
    const { km, along } = nearestOnLine([104.5, 28.1], line)
    expect(km).toBeCloseTo(11.057, 2) // 0.1° of latitude
    expect(along).toBeCloseTo(0.5 * 111.32 * Math.cos((28.1 * Math.PI) / 180), 6)
    expect(nearestOnLine([103, 28], line)).toEqual({ km: expect.closeTo(98.2, 0), along: 0 }) // before the start: the start
  })

  test('keeps the nearest unit per township within the band, in order along the line', () => {
    const unit = (id: number, areaCode: string, lon: number, lat: number) => ({ ...demo.units[0], id, areaCode, lon, lat })
    const line: [number, number][] = [[104, 28], [105, 28]]
    const units = [unit(1, 'T1', 104.8, 28.01), unit(2, 'T2', 104.2, 28.02), unit(3, 'T2', 104.3, 28.005), unit(4, 'T3', 104.5, 28.5)]
    expect(stopsAlong(units, line, 5).map((u) => u.id)).toEqual([3, 1])
  })
})
