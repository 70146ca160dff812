import type { MultiPolygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import { validityProblems } from '../../../server/geo/polygon-clean'
import { repairedPolygonal } from '../../../server/geo/polygon-repair'

describe('repairedPolygonal', () => {
  it('leaves a valid geometry alone', () => {
    const square: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[100, 20], [100.1, 20], [100.1, 20.1], [100, 20.1], [100, 20]]]] }
    expect(repairedPolygonal(square)).toEqual({ geometry: square, repair: null })
  })

  it('repairs a bow-tie into its two lobes and reports what was wrong and the areas', () => {
    const bowTie: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[100, 20], [100.2, 20.2], [100.2, 20], [100, 20.2], [100, 20]]]] }
    const { geometry, repair } = repairedPolygonal(bowTie)
    expect(repair?.problems.join()).toMatch(/edges cross at 1 points/)
    expect(repair?.remaining).toEqual([])
    expect(validityProblems(geometry)).toEqual([])
    expect(geometry.coordinates).toHaveLength(2)
    // the lobes cancel in the crossed ring; repaired, both count
    expect(Math.abs(repair!.areaBeforeKm2)).toBeLessThan(1)
    expect(repair!.areaAfterKm2).toBeGreaterThan(200)
  })

  it('puts back a vertex on a straight stretch, where a neighbour may branch off', () => {
    // a ring touching itself at (100.1, 20.1), with a collinear vertex at (100.05, 20) on the base
    const pinched: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[[[100, 20], [100.05, 20], [100.1, 20], [100.1, 20.1], [100.2, 20.1], [100.2, 20.2], [100.1, 20.2], [100.1, 20.1], [100, 20.1], [100, 20]]]],
    }
    const { geometry, repair } = repairedPolygonal(pinched)
    expect(repair?.problems.join()).toMatch(/passes 1 times through a vertex/)
    expect(repair?.remaining).toEqual([])
    expect(geometry.coordinates.flat(2)).toContainEqual([100.05, 20])
    expect(repair!.areaAfterKm2).toBeCloseTo(repair!.areaBeforeKm2, 6)
  })
})
