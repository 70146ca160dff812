import type { MultiPolygon, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { kinks } from '@turf/turf'
import {
  cleanPolygonal,
  kinkPoints,
  closeRing,
  openRing,
  roundCoordinates,
  signedArea2,
  validityProblems,
  withoutDuplicatePoints,
  withoutSpikes,
} from '../../../server/geo/polygon-clean'

const multi = (...polygons: Position[][][]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: polygons })

describe('ring helpers', () => {
  it('opens and closes rings', () => {
    expect(openRing([[0, 0], [1, 0], [1, 1], [0, 0]])).toEqual([[0, 0], [1, 0], [1, 1]])
    expect(closeRing([[0, 0], [1, 0], [1, 1]])).toEqual([[0, 0], [1, 0], [1, 1], [0, 0]])
  })

  it('removes repeated consecutive points, also across the seam', () => {
    expect(withoutDuplicatePoints([[0, 0], [1, 0], [1, 0], [1, 1], [1, 1], [1, 1], [0, 1], [0, 0]])).toEqual([[0, 0], [1, 0], [1, 1], [0, 1]])
  })

  it('removes an A→B→A spike and the repeat it leaves', () => {
    expect(withoutSpikes([[0, 0], [2, 0], [2, 2], [3, 2], [2, 2], [0, 2]])).toEqual([[0, 0], [2, 0], [2, 2], [0, 2]])
  })

  it('removes a back-track that stops short, and keeps a vertex the line passes straight through', () => {
    // (4,4)→(4,6)→(4,5): the tip (4,6) goes; (4,4) stays, the line runs straight through it.
    expect(withoutSpikes([[0, 0], [4, 0], [4, 4], [4, 6], [4, 5], [0, 4]])).toEqual([[0, 0], [4, 0], [4, 4], [4, 5], [0, 4]])
    expect(withoutSpikes([[0, 0], [1, 0], [2, 0], [2, 1]])).toEqual([[0, 0], [1, 0], [2, 0], [2, 1]])
  })

  it('collapses a zero-area sliver ring', () => {
    expect(withoutSpikes([[0, 0], [1, 0], [2, 0]]).length).toBeLessThan(3)
  })

  it('measures signed area: counter-clockwise positive', () => {
    expect(signedArea2([[0, 0], [2, 0], [2, 1], [0, 1]])).toBe(4)
    expect(signedArea2([[0, 0], [0, 1], [2, 1], [2, 0]])).toBe(-4)
  })
})

describe('cleanPolygonal', () => {
  it('removes duplicates and keeps a correctly oriented square as it is', () => {
    const result = cleanPolygonal({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 1], [0, 0]]] })
    expect(result.geometry).toEqual(multi([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]))
    expect(result).toMatchObject({ duplicatePoints: 2, spikePoints: 0, reversedRings: 0, droppedRings: [] })
  })

  it('removes a spike', () => {
    const result = cleanPolygonal({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [3, 2], [2, 2], [0, 2], [0, 0]]] })
    expect(result.geometry).toEqual(multi([[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]))
    expect(result.spikePoints).toBe(2)
  })

  it('turns a clockwise outer ring counter-clockwise and a counter-clockwise hole clockwise', () => {
    const result = cleanPolygonal({
      type: 'Polygon',
      coordinates: [
        [[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]],
        [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]],
      ],
    })
    expect(result.geometry).toEqual(
      multi([
        [[4, 0], [4, 4], [0, 4], [0, 0], [4, 0]],
        [[1, 2], [2, 2], [2, 1], [1, 1], [1, 2]],
      ]),
    )
    expect(result.reversedRings).toBe(2)
  })

  it('closes an open ring', () => {
    expect(cleanPolygonal({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] }).geometry).toEqual(multi([[[0, 0], [1, 0], [1, 1], [0, 0]]]))
  })

  it('drops rings with fewer than 4 positions and says so, keeping the rest', () => {
    const result = cleanPolygonal({
      type: 'MultiPolygon',
      coordinates: [
        [[[0, 0], [1, 0], [1, 1], [0, 0]]],
        [[[5, 5], [6, 5], [5, 5]]],
        [[[7, 0], [8, 0], [9, 0], [7, 0]]],
      ],
    })
    expect(result.geometry).toEqual(multi([[[0, 0], [1, 0], [1, 1], [0, 0]]]))
    expect(result.droppedRings.map((d) => [d.polygon, d.ring])).toEqual([[1, 0], [2, 0]])
    expect(result.droppedRings[0].reason).toMatch(/needs at least 4/)
  })

  it('returns null geometry, not an empty one, when nothing survives', () => {
    const result = cleanPolygonal({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] })
    expect(result.geometry).toBeNull()
    expect(result.droppedRings).toHaveLength(1)
  })
})

describe('validityProblems', () => {
  const square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]

  it('finds nothing wrong with a clean square, or with two squares touching at a corner', () => {
    expect(validityProblems(multi([square]))).toEqual([])
    expect(validityProblems(multi([square], [[[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]]))).toEqual([])
  })

  it('reports a bow-tie with where its edges cross', () => {
    expect(validityProblems(multi([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]))).toEqual(
      expect.arrayContaining(['edges cross at 1 points: [1, 1]']),
    )
  })

  it('reports orientation, closure, repeats and short rings', () => {
    expect(validityProblems(multi([[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]))).toEqual(['polygon 0 ring 0: outer ring is clockwise'])
    expect(validityProblems(multi([[[0, 0], [1, 0], [1, 1], [0, 1]]]))).toContain('polygon 0 ring 0: not closed (first [0, 0], last [0, 1])')
    expect(validityProblems(multi([[[0, 0], [1, 0], [1, 0], [1, 1], [0, 0]]]))).toContain('polygon 0 ring 0: 1 repeated consecutive vertices')
    expect(validityProblems(multi([[[0, 0], [1, 0], [0, 0]]]))).toContain('polygon 0 ring 0: 3 positions, expected at least 4')
  })

  it('reports a ring that passes twice through one vertex', () => {
    const figureEight = [[0, 0], [1, 0], [1, 1], [2, 1], [2, 2], [1, 2], [1, 1], [0, 1], [0, 0]]
    expect(validityProblems(multi([figureEight]))).toContain('a ring passes 1 times through a vertex it already visited, at [1, 1]')
  })

  it('reports parts that lie along each other', () => {
    expect(validityProblems(multi([square], [[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]]))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^1 edges run along another edge/)]),
    )
  })
})

describe('roundCoordinates', () => {
  it('rounds to 6 decimals by default', () => {
    expect(roundCoordinates(multi([[[103.12345649, 27.1234567], [1, 2]]]))).toEqual(multi([[[103.123456, 27.123457], [1, 2]]]))
  })
})

describe('kinkPoints', () => {
  it('finds exactly the points turf kinks finds, crossings, touches and all', () => {
    // seeded zigzag rings that cross themselves and each other, and a square that touches one
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    const zigzag = (x0: number): Position[] => {
      const ring = Array.from({ length: 40 }, (): Position => [x0 + Math.round(random() * 20) / 10, Math.round(random() * 20) / 10])
      return [...ring, ring[0]]
    }
    const geometry = multi([zigzag(0)], [zigzag(1)], [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]])
    const ours = new Set(kinkPoints(geometry).map(String))
    const turfs = new Set(kinks(geometry).features.map((f) => String(f.geometry.coordinates)))
    expect(ours.size).toBeGreaterThan(50)
    expect(ours).toEqual(turfs)
  })
})
