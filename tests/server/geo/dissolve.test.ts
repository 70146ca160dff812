import type { MultiPolygon, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { arcUsers, areaTopology, dissolvedGeometry, groupedBy, polygonsFromRings, unitGeometries } from '../../../server/geo/dissolve'

const square = (x: number, y: number, size = 1): Position[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
const multi = (...rings: Position[][]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: rings.map((r) => [r]) })

describe('dissolvedGeometry', () => {
  it('merges neighbours into one ring without the border they share', () => {
    const t = areaTopology([
      { code: 'a', geometry: multi(square(0, 0)) },
      { code: 'b', geometry: multi(square(1, 0)) },
    ])
    const merged = dissolvedGeometry(t, unitGeometries(t))
    expect(merged.coordinates).toHaveLength(1)
    expect(merged.coordinates[0]).toHaveLength(1)
    const xs = merged.coordinates[0][0].map((p) => p[0])
    expect([Math.min(...xs), Math.max(...xs)]).toEqual([0, 2])
  })

  it('keeps an enclave as a hole when the enclave is left out', () => {
    const outer: Position[] = [[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]]
    const hole: Position[] = [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]
    const t = areaTopology([
      { code: 'ring', geometry: { type: 'MultiPolygon', coordinates: [[outer, hole]] } },
      { code: 'enclave', geometry: multi(square(1, 1)) },
    ])
    const units = unitGeometries(t)
    const ring = dissolvedGeometry(t, units.filter((u) => u.properties.code === 'ring'))
    expect(ring.coordinates[0]).toHaveLength(2)
    expect(dissolvedGeometry(t, units).coordinates[0]).toHaveLength(1)
  })

  it('counts which units use each arc', () => {
    const t = areaTopology([
      { code: 'a', geometry: multi(square(0, 0)) },
      { code: 'b', geometry: multi(square(1, 0)) },
    ])
    const users = arcUsers(t, unitGeometries(t))
    expect(users.filter((u) => u.length === 2)).toHaveLength(1)
    expect(groupedBy(unitGeometries(t), () => 'all').get('all')).toHaveLength(2)
  })
})

describe('polygonsFromRings', () => {
  it('cuts a ring that passes a vertex twice into two shells', () => {
    // two squares touching at (1,1), walked as one ring
    const pinched: Position[] = [[0, 0], [1, 0], [1, 1], [2, 1], [2, 2], [1, 2], [1, 1], [0, 1], [0, 0]]
    const polygons = polygonsFromRings([pinched])
    expect(polygons).toHaveLength(2)
    expect(polygons.every((p) => p.length === 1 && p[0].length === 5)).toBe(true)
  })

  it('gives each hole to the smallest shell around it', () => {
    const big: Position[] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    const small: Position[] = [[1, 1], [5, 1], [5, 5], [1, 5], [1, 1]]
    const hole: Position[] = [[2, 2], [2, 3], [3, 3], [3, 2], [2, 2]]
    expect(polygonsFromRings([big, small, hole])).toEqual([[big], [small, hole]])
  })

  it('believes the full-detail orientation over a ring that simplification turned over or moved, and keeps its direction', () => {
    const shell: Position[] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    const turnedOver: Position[] = [[20, 0], [20, 1], [21, 1], [21, 0], [20, 0]] // a shell, now clockwise
    const movedHole: Position[] = [[9, 9], [9, 11], [11, 11], [11, 9], [9, 9]] // a hole (clockwise), now half outside
    const polygons = polygonsFromRings([
      { ring: shell, orientation: 1 },
      { ring: turnedOver, orientation: 1 },
      { ring: [...movedHole].reverse(), orientation: -1 },
    ])
    expect(polygons).toHaveLength(2)
    expect(polygons[0]).toEqual([shell, [...movedHole].reverse()])
    expect(polygons[1]).toEqual([turnedOver])
  })

  it('drops a loop of zero area', () => {
    expect(polygonsFromRings([[[0, 0], [1, 0], [0, 0], [0, 0]]])).toEqual([])
  })
})
