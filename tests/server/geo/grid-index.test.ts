import { booleanPointInPolygon } from '@turf/turf'
import type { MultiPolygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import { buildPolygonIndex, type GridIndexOptions } from '../../../server/geo/grid-index'
import { overlapCases, overlapping, squareCases, squares, type Case } from '../../fixtures/geo/polygons'
import { seededRandom } from '../../../server/geo/prng'
import { jitteredQuadMesh, randomPoints, voronoiTiling } from '../../fixtures/geo/synthetic'

// The same answers must come out of a grid of one cell (every query walks), the default grid, and a grid so
// fine that most cells, even inside the hole and the overlaps, are answered from their recorded owners.
const grids: [string, GridIndexOptions][] = [
  ['one cell', { cellsPerEdge: 1e-6 }],
  ['default grid', {}],
  ['fine grid', { cellsPerEdge: 200 }],
]

function assigned(polygons: MultiPolygon[], cases: Case[], options: GridIndexOptions) {
  const index = buildPolygonIndex(polygons, options)
  return cases.map(({ at, why }) => ({ why, polygon: index.locate(at[0], at[1]) }))
}

function expected(cases: Case[]) {
  return cases.map(({ why, expected }) => ({ why, polygon: expected }))
}

/** The rule itself, polygon by polygon: the lowest-indexed polygon with an odd number of crossings. */
function referenceLocate(polygons: MultiPolygon[], x: number, y: number): number[] {
  const holders: number[] = []
  polygons.forEach((polygon, p) => {
    let odd = false
    for (const ring of polygon.coordinates.flat()) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i]
        const [bx, by] = ring[i + 1]
        const [xa, ya, xb, yb] = ay < by || (ay === by && ax < bx) ? [ax, ay, bx, by] : [bx, by, ax, ay]
        if (y >= ya && y < yb && xa + (y - ya) * ((xb - xa) / (yb - ya)) > x) odd = !odd
      }
    }
    if (odd) holders.push(p)
  })
  return holders
}

function distanceToSegment(x: number, y: number, [ax, ay]: number[], [bx, by]: number[]): number {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - ax - t * dx, y - ay - t * dy)
}

describe('buildPolygonIndex', () => {
  describe.each(grids)('on a %s', (_, options) => {
    it('assigns points inside, on shared edges and vertices, in holes and gaps, and outside', () => {
      expect(assigned(squares, squareCases, options)).toEqual(expected(squareCases))
    })

    it('gives a point inside overlapping polygons to the lowest index', () => {
      expect(assigned(overlapping, overlapCases, options)).toEqual(expected(overlapCases))
    })
  })

  it('puts every vertex and edge point of a tiling in exactly one tile, the one the rule names', () => {
    const mesh = jitteredQuadMesh(seededRandom(7), 12, 9, 0.3)
    const index = buildPolygonIndex(mesh, { cellsPerEdge: 3 })
    const probes: number[][] = []
    for (const quad of mesh) {
      const ring = quad.coordinates[0][0]
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i]
        const [bx, by] = ring[i + 1]
        probes.push([ax, ay], [(ax + bx) / 2, (ay + by) / 2], [ax + (bx - ax) / 3, ay + (by - ay) / 3])
      }
    }
    let interior = 0
    for (const [x, y] of probes) {
      const holders = referenceLocate(mesh, x, y)
      expect(index.locate(x, y), `point ${x}, ${y}`).toBe(holders[0] ?? -1)
      // Away from the mesh's outer border every border point has a tile on its upper right.
      if (x > 0.5 && x < 11.5 && y > 0.5 && y < 8.5) {
        expect(holders, `point ${x}, ${y}`).toHaveLength(1)
        interior++
      }
    }
    expect(interior).toBeGreaterThan(300)
  })

  it('agrees with turf booleanPointInPolygon on random points over a Voronoi tiling with gaps and multipolygons', () => {
    const random = seededRandom(42)
    const cells = voronoiTiling(random, 300, [0, 0, 10, 10], { verticesPerPolygon: 12 })
    // Every tenth cell left out (a gap), and cells 1..49 paired with cells 151..199 into two-part polygons.
    const polygons: MultiPolygon[] = cells
      .map((cell, i): MultiPolygon | null => {
        if (i % 10 === 0 || (i > 150 && i < 200)) return null
        if (i < 50) return { type: 'MultiPolygon', coordinates: [...cell.coordinates, ...cells[i + 150].coordinates] }
        return cell
      })
      .filter((polygon) => polygon !== null)
    const index = buildPolygonIndex(polygons)
    const points = randomPoints(random, 5000, [-0.5, -0.5, 10.5, 10.5])
    let compared = 0
    for (let i = 0; i < 5000; i++) {
      const x = points[i * 2]
      const y = points[i * 2 + 1]
      const nearBorder = polygons.some((polygon) =>
        polygon.coordinates.flat().some((ring) => ring.some((a, j) => j > 0 && distanceToSegment(x, y, ring[j - 1], a) < 1e-9)),
      )
      if (nearBorder) continue
      const byTurf = polygons.findIndex((polygon) => booleanPointInPolygon([x, y], polygon))
      expect(index.locate(x, y), `point ${x}, ${y}`).toBe(byTurf)
      compared++
    }
    expect(compared).toBeGreaterThan(4990)
  }, 60_000) // ~1 s alone; the turf side is slow when the machine is busy

  it.each(grids)('gives each point of partly overlaid tilings to the lowest index holding it, on a %s', (_, options) => {
    const random = seededRandom(5)
    const layers = [
      ...voronoiTiling(random, 60, [0, 0, 10, 10], { verticesPerPolygon: 10 }),
      ...jitteredQuadMesh(random, 5, 10, 0.3),
    ]
    // The mesh covers the left half only, so walks from there end in cells held by one polygon or by two.
    // Shuffled, so that the lower of a point's two holders is sometimes the one its walk meets first and
    // sometimes the other.
    const order = layers.map((_, i) => i).sort(() => random() - 0.5)
    const polygons = order.map((i) => layers[i])
    const index = buildPolygonIndex(polygons, options)
    const points = randomPoints(random, 1000, [0, 0, 10, 10])
    for (let i = 0; i < 1000; i++) {
      const [x, y] = [points[i * 2], points[i * 2 + 1]]
      const holders = referenceLocate(polygons, x, y)
      expect(index.locate(x, y), `point ${x}, ${y}`).toBe(holders[0] ?? -1)
    }
  })

  it('accepts rings that do not repeat their first position', () => {
    const open: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[0, 0], [2, 0], [2, 2], [0, 2]]]] }
    const index = buildPolygonIndex([open])
    expect([index.locate(1, 1), index.locate(1.9, 1.5), index.locate(3, 1)]).toEqual([0, 0, -1])
  })

  it('finds nothing in an empty index or in polygons without area', () => {
    const flat: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 1], [0, 0]]]] }
    expect(buildPolygonIndex([]).locate(0, 0)).toBe(-1)
    expect(buildPolygonIndex([flat]).locate(0.5, 0.5)).toBe(-1)
  })

  it('names the polygon and position of a bad coordinate', () => {
    const bad: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, Number.NaN], [0, 0]]]] }
    expect(() => buildPolygonIndex([squares[0], bad])).toThrow(
      'polygon 1: part 0, ring 0, position 2: [1, NaN] is not a finite lon/lat pair',
    )
  })

  it('names the first bad coordinate in input order, wherever the polygons lie', () => {
    // The build reads the rings from south to north; the error must still name the first polygon given.
    const north: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[0, 9], [1, 9], [1, Number.NaN], [0, 9]]]] }
    const south: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[0, 0], [Number.NaN, 0], [1, 1], [0, 0]]]] }
    expect(() => buildPolygonIndex([squares[0], north, south])).toThrow(
      'polygon 1: part 0, ring 0, position 2: [1, NaN] is not a finite lon/lat pair',
    )
  })

  it('names a geometry that is not a MultiPolygon', () => {
    const polygon = { type: 'Polygon', coordinates: [] } as unknown as MultiPolygon
    expect(() => buildPolygonIndex([polygon])).toThrow('polygon 0: a Polygon, expected a MultiPolygon')
  })

  it('names bad options', () => {
    expect(() => buildPolygonIndex(squares, { cellsPerEdge: 0 })).toThrow('cellsPerEdge must be a positive number, got 0')
    expect(() => buildPolygonIndex(squares, { maxCells: 2.5 })).toThrow('maxCells must be a positive integer, got 2.5')
  })

  it('keeps within maxCells', () => {
    const { columns, rows } = buildPolygonIndex(squares, { cellsPerEdge: 1000, maxCells: 64 }).stats
    expect(columns * rows).toBeLessThanOrEqual(64)
  })
})

describe('locateAll', () => {
  it('answers as locate() does, point by point, in the points\' order', () => {
    const random = seededRandom(11)
    const polygons = [...voronoiTiling(random, 200, [0, 0, 10, 10], { verticesPerPolygon: 12 }), ...overlapping]
    const index = buildPolygonIndex(polygons)
    const points = randomPoints(random, 3000, [-1, -1, 11, 11])
    // Vertices (on shared edges), points outside the extent or on its far sides, and no number at all.
    const ring = polygons[0].coordinates[0][0]
    const extra = [...ring.flat(), 10, 5, 5, 10, Number.NaN, 5, 5, Number.POSITIVE_INFINITY, -50, 3]
    const xy = Float64Array.from([...points, ...extra])
    const expected = Array.from({ length: xy.length / 2 }, (_, i) => index.locate(xy[i * 2], xy[i * 2 + 1]))
    expect(Array.from(index.locateAll(xy))).toEqual(expected)
    expect(new Set(expected).size).toBeGreaterThan(150)
  })

  it('takes no points, and refuses an odd count of coordinates', () => {
    expect(buildPolygonIndex(squares).locateAll(new Float64Array(0))).toEqual(new Int32Array(0))
    expect(() => buildPolygonIndex(squares).locateAll(new Float64Array(3))).toThrow('xy must hold x, y pairs, got 3 numbers')
  })
})
