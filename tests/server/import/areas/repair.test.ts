import type { Position } from 'geojson'
import { describe, expect, test } from 'vitest'
import { ellipsoidalAreaKm2 } from '../../../../server/geo/area-km2'
import { validityProblems } from '../../../../server/geo/polygon-clean'
import { repairPolygonal } from '../../../../server/import/areas'

const square = (x: number, y: number, d: number): Position[] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]

describe('repairPolygonal', () => {
  test('a valid counter-clockwise polygon comes back unchanged as a MultiPolygon', () => {
    const ring = square(104, 28, 0.1)
    expect(repairPolygonal({ type: 'Polygon', coordinates: [ring] })).toEqual({ geometry: { type: 'MultiPolygon', coordinates: [[ring]] }, repairs: [], errors: [], reoriented: 0, crossingRepair: null })
  })

  test('duplicate points, an unclosed ring, a spike and a clockwise outer ring are repaired and counted', () => {
    const ring: Position[] = [[104, 28], [104, 28], [104.1, 28], [104.2, 28], [104.1, 28], [104.1, 28.1], [104, 28.1]] // out to 104.2 and back
    const result = repairPolygonal({ type: 'Polygon', coordinates: [[...ring].reverse()] })
    expect(result.repairs).toEqual(['移除重复点 1 个', '闭合未闭合的环 1 个', '移除尖刺 1 处'])
    expect(result.reoriented).toBe(1)
    expect(result.geometry?.coordinates[0][0]).toHaveLength(5)
  })

  test('a flat (collinear) hole loses its spike and is dropped; a hole wound like its outer ring is turned', () => {
    const hole: Position[] = [[104.02, 28.02], [104.04, 28.02], [104.04, 28.04], [104.02, 28.04], [104.02, 28.02]] // counter-clockwise
    const flat: Position[] = [[104.05, 28.05], [104.06, 28.06], [104.07, 28.07], [104.05, 28.05]]
    const result = repairPolygonal({ type: 'Polygon', coordinates: [square(104, 28, 0.1), hole, flat] })
    expect(result.repairs).toEqual(['移除尖刺 1 处', '移除零面积或不足 3 点的环 1 个'])
    expect(result.reoriented).toBe(1)
    expect(result.geometry?.coordinates[0]).toHaveLength(2)
  })

  test('a bow-tie is repaired into its two lobes by self-union, and the repair reported with the areas', () => {
    const bowtie = repairPolygonal({ type: 'Polygon', coordinates: [[[104, 28], [104.1, 28.1], [104.1, 28], [104, 28.1], [104, 28]]] })
    expect(bowtie.errors).toEqual([])
    expect(bowtie.geometry?.coordinates).toHaveLength(2)
    expect(validityProblems(bowtie.geometry!)).toEqual([])
    expect(bowtie.crossingRepair?.problems.join()).toMatch(/edges cross at 1 points: \[104\.05/)
    // the lobes cancel in the crossed ring (zero net area); repaired, both count: half the 0.1° square
    expect(bowtie.crossingRepair?.areaBeforeKm2).toBeCloseTo(0, 3)
    expect(bowtie.crossingRepair!.areaAfterKm2).toBeCloseTo(ellipsoidalAreaKm2({ type: 'Polygon', coordinates: [square(104, 28, 0.1)] }) / 2, 1)
  })

  test('parts that overlap are merged into one, and a hole crossing its outer ring is cut out', () => {
    const overlapping = repairPolygonal({ type: 'MultiPolygon', coordinates: [[square(104, 28, 0.1)], [square(104.05, 28.05, 0.1)]] })
    expect(overlapping.geometry?.coordinates).toHaveLength(1)
    expect(validityProblems(overlapping.geometry!)).toEqual([])
    expect(overlapping.crossingRepair?.problems.join()).toMatch(/edges cross at 2 points/)
    // before: the shared quarter counted twice (2 squares); after: once (1.75 squares)
    expect(overlapping.crossingRepair!.areaAfterKm2 / overlapping.crossingRepair!.areaBeforeKm2).toBeCloseTo(1.75 / 2, 3)
    const crossingHole = repairPolygonal({ type: 'Polygon', coordinates: [square(104, 28, 0.1), [...square(104.05, 28.05, 0.1)].reverse()] })
    expect(crossingHole.errors).toEqual([])
    expect(validityProblems(crossingHole.geometry!)).toEqual([])
    expect(crossingHole.crossingRepair).not.toBeNull()
  })

  test('a hole that is its outer ring leaves nothing after the union: rejected naming where and why', () => {
    const empty = repairPolygonal({ type: 'Polygon', coordinates: [square(104, 28, 0.1), [...square(104, 28, 0.1)].reverse()] })
    expect(empty.geometry).toBeNull()
    expect(empty.crossingRepair).toBeNull()
    expect(empty.errors).toEqual(['边界自相交（约 104.00000, 28.00000 处），修复后没有剩下有效的面，请在 GIS 软件中修正'])
  })

  test('no geometry, lines and non-numbers are errors', () => {
    expect(repairPolygonal(null).errors).toEqual(['没有几何（geometry 为空）'])
    expect(repairPolygonal({ type: 'LineString', coordinates: [[104, 28], [105, 29]] }).errors[0]).toMatch(/LineString/)
    expect(repairPolygonal({ type: 'Polygon', coordinates: [[[104, 28], [Number.NaN, 28], [104, 29], [104, 28]]] }).errors).toEqual(['坐标中有非数值'])
  })
})
