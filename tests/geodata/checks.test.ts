import type { MultiPolygon, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { AreaIndex, holesOf, isPointInMultiPolygon, overlapsAlongArcs, overlapsOnSameSide } from '../../geodata/build/checks.ts'
import { arcUsers, areaTopology, dissolvedGeometry, unitGeometries, type Unit } from '../../server/geo/dissolve.ts'

const square = (x: number, y: number, size = 1): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]] })

function problems(units: Unit[]) {
  const t = areaTopology(units)
  const geoms = unitGeometries(t)
  return {
    along: overlapsAlongArcs(t, arcUsers(t, geoms), geoms.map((g) => g.properties.code), new AreaIndex(units)),
    sameSide: overlapsOnSameSide(t, geoms),
    holes: holesOf(dissolvedGeometry(t, geoms)),
  }
}

describe('neighbour checks', () => {
  it('find nothing wrong with neighbours that share their border', () => {
    expect(problems([{ code: 'a', geometry: square(100, 20) }, { code: 'b', geometry: square(101, 20) }])).toEqual({ along: [], sameSide: [], holes: [] })
  })

  it('find a neighbour drawn into the other', () => {
    const { along } = problems([{ code: 'a', geometry: square(100, 20) }, { code: 'b', geometry: square(100.5, 20.25, 0.5) }])
    expect(along.map((o) => o.codes)).toEqual([['b', 'a']])
    expect(along[0].km).toBeGreaterThan(50)
  })

  it('find a piece drawn twice with the same outline', () => {
    const { along, sameSide } = problems([{ code: 'a', geometry: square(100, 20) }, { code: 'b', geometry: square(100, 20) }])
    expect(along).toEqual([])
    expect(sameSide.map((o) => o.codes)).toEqual([['a', 'b']])
  })

  it('find a gap that no county covers, with its area', () => {
    const ring: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[100, 20], [103, 20], [103, 23], [100, 23], [100, 20]], [[101, 21], [101, 22], [102, 22], [102, 21], [101, 21]]]] }
    const { holes } = problems([{ code: 'a', geometry: ring }])
    expect(holes).toHaveLength(1)
    expect(holes[0].areaKm2).toBeCloseTo(11_473, 0) // 1° × 1° at 21.5° N on the ellipsoid
  })

  it('tells inside from outside, holes included', () => {
    const ring: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]]] }
    const at = (p: Position) => isPointInMultiPolygon(p, ring)
    expect([at([0.5, 0.5]), at([1.5, 1.5]), at([4, 4])]).toEqual([true, false, false])
  })
})
