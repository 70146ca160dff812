// Repairs the small defects of quantised boundary data and checks what is left.
// Repairs only ever remove vertices that enclose no area (repeats and back-tracks), so a vertex
// shared by two neighbouring counties is never moved and shared edges stay shared.
import type { MultiPolygon, Polygon, Position } from 'geojson'
import Flatbush from 'flatbush'

export interface DroppedRing {
  polygon: number // index in the MultiPolygon, 0-based
  ring: number // 0 is the outer ring
  reason: string
}

export interface CleanResult {
  geometry: MultiPolygon | null // null when not one ring survived
  duplicatePoints: number
  spikePoints: number
  reversedRings: number
  droppedRings: DroppedRing[]
}

/** Ring without its closing vertex: the cyclic form the repairs work on. */
export function openRing(ring: readonly Position[]): Position[] {
  const open = ring.slice()
  while (open.length > 1 && samePoint(open[0], open[open.length - 1])) open.pop()
  return open
}

export function closeRing(open: readonly Position[]): Position[] {
  return open.length === 0 ? [] : [...open, open[0]]
}

/** Removes repeats of the previous vertex, cyclically. */
export function withoutDuplicatePoints(open: readonly Position[]): Position[] {
  const kept = open.filter((p, i) => i === 0 || !samePoint(p, open[i - 1]))
  while (kept.length > 1 && samePoint(kept[0], kept[kept.length - 1])) kept.pop()
  return kept
}

/**
 * Removes spikes: vertices where the boundary runs out and straight back (A→B→A, or A→B→C with C
 * on the segment back towards A). Such a vertex encloses no area, so dropping it changes nothing
 * but validity. A collinear vertex that the boundary passes straight through is kept: the
 * neighbouring county has it too. Repeats until none are left, since removing one spike can expose
 * another, and a ring that is all spike (a zero-area sliver) shrinks below 3 vertices.
 */
export function withoutSpikes(open: readonly Position[]): Position[] {
  let ring = withoutDuplicatePoints(open)
  for (;;) {
    const n = ring.length
    const i = n < 3 ? -1 : ring.findIndex((b, k) => isSpike(ring[(k - 1 + n) % n], b, ring[(k + 1) % n]))
    if (i < 0) return ring
    ring = withoutDuplicatePoints(ring.filter((_, k) => k !== i))
  }
}

function isSpike(a: Position, b: Position, c: Position): boolean {
  const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
  const dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1])
  return cross === 0 && dot < 0
}

/**
 * Twice the signed planar area of an open ring: positive when counter-clockwise (x east, y north).
 * Measured from the first vertex, so that lon/lat around 100° do not swamp a small ring's area.
 */
export function signedArea2(open: readonly Position[]): number {
  if (open.length === 0) return 0
  const [x0, y0] = open[0]
  let sum = 0
  for (let i = 1; i + 1 < open.length; i++) {
    sum += (open[i][0] - x0) * (open[i + 1][1] - y0) - (open[i + 1][0] - x0) * (open[i][1] - y0)
  }
  return sum
}

/**
 * Cleans every ring and orients them as RFC 7946 asks: outer rings counter-clockwise, holes
 * clockwise. Dropped rings are reported, never lost quietly; a polygon whose outer ring is dropped
 * goes with its holes.
 */
export interface CleanOptions {
  /** Turn rings to RFC 7946 orientation (true, the default); false leaves each as it is walked. */
  orient?: boolean
  /** Remove spikes (true, the default); false keeps them, as a neighbour may walk the same vertex. */
  despike?: boolean
}

export function cleanPolygonal(geometry: Polygon | MultiPolygon, options: CleanOptions = {}): CleanResult {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const result: CleanResult = { geometry: null, duplicatePoints: 0, spikePoints: 0, reversedRings: 0, droppedRings: [] }
  const kept: Position[][][] = []
  polygons.forEach((rings, p) => {
    const cleanRings: Position[][] = []
    for (let r = 0; r < rings.length; r++) {
      const open = openRing(rings[r])
      const deduplicated = withoutDuplicatePoints(open)
      const despiked = options.despike === false ? deduplicated : withoutSpikes(deduplicated)
      result.duplicatePoints += open.length - deduplicated.length
      result.spikePoints += deduplicated.length - despiked.length
      if (despiked.length < 3) {
        const reason = `${closeRing(despiked).length} positions left after removing repeats and spikes (a ring needs at least 4)`
        if (r === 0) {
          const holes = rings.length - 1
          result.droppedRings.push({ polygon: p, ring: 0, reason: holes > 0 ? `${reason}; its ${holes} hole(s) went with it` : reason })
          return
        }
        result.droppedRings.push({ polygon: p, ring: r, reason })
        continue
      }
      const wantCounterClockwise = r === 0
      const isCounterClockwise = signedArea2(despiked) > 0
      if (options.orient !== false && isCounterClockwise !== wantCounterClockwise) {
        despiked.reverse()
        result.reversedRings++
      }
      cleanRings.push(closeRing(despiked))
    }
    kept.push(cleanRings)
  })
  result.geometry = kept.length > 0 ? { type: 'MultiPolygon', coordinates: kept } : null
  return result
}

/**
 * What is wrong with a polygonal geometry, one line per problem, empty when valid (OGC simple
 * features, RFC 7946 orientation): unclosed or short rings, repeated vertices, spikes, wrong
 * orientation, edges walked twice (zero-width parts), rings that touch themselves, and edges that
 * cross. Crossings come from turf `kinks`, which also reports places where separate parts merely
 * touch at a vertex; those are allowed in a MultiPolygon and are not reported.
 */
export interface ValidityOptions {
  /**
   * Points where edges meet that are not vertices but lie within this many degrees of one are left
   * out and collected in `roundingTouches`: coordinates rounded to 1e-6° cannot draw a crossing that small away.
   * 0 (the default) leaves nothing out.
   */
  roundingSlack?: number
  /** Where those points are collected, when given. */
  roundingTouches?: Position[]
}

export function validityProblems(geometry: MultiPolygon, options: ValidityOptions = {}): string[] {
  const problems: string[] = []
  if (geometry.coordinates.length === 0) problems.push('no polygons')
  const ringsWithVertex = new Map<string, number>() // vertex → how many rings have it, once each
  const selfTouches: Position[] = []
  geometry.coordinates.forEach((rings, p) => {
    if (rings.length === 0) problems.push(`polygon ${p}: no rings`)
    rings.forEach((ring, r) => {
      const where = `polygon ${p} ring ${r}`
      if (ring.length < 4) {
        problems.push(`${where}: ${ring.length} positions, expected at least 4`)
        return
      }
      if (!samePoint(ring[0], ring[ring.length - 1])) problems.push(`${where}: not closed (first ${fmt(ring[0])}, last ${fmt(ring[ring.length - 1])})`)
      const open = openRing(ring)
      const deduplicated = withoutDuplicatePoints(open)
      if (open.length > deduplicated.length) problems.push(`${where}: ${open.length - deduplicated.length} repeated consecutive vertices`)
      const spikes = deduplicated.length - withoutSpikes(open).length
      if (spikes > 0) problems.push(`${where}: ${spikes} spike vertices`)
      const area2 = signedArea2(open)
      if (area2 === 0) problems.push(`${where}: zero area`)
      else if (area2 > 0 !== (r === 0)) problems.push(`${where}: ${r === 0 ? 'outer ring is clockwise' : 'hole is counter-clockwise'}`)
      const seen = new Set<string>()
      for (const v of deduplicated) {
        const key = pointKey(v)
        if (seen.has(key)) selfTouches.push(v)
        else ringsWithVertex.set(key, (ringsWithVertex.get(key) ?? 0) + 1)
        seen.add(key)
      }
    })
  })
  const walkedTwice = edgesWalkedTwice(geometry)
  if (walkedTwice.length > 0) problems.push(`${walkedTwice.length} edges run along another edge (zero-width parts), from ${listed(walkedTwice)}`)
  if (selfTouches.length > 0) problems.push(`a ring passes ${selfTouches.length} times through a vertex it already visited, at ${listed(selfTouches)}`)
  const crossings: Position[] = []
  const edgeTouches: Position[] = []
  const slack = options.roundingSlack ?? 0
  const nearVertex = slack > 0 ? nearVertexTest(geometry, slack) : () => false
  for (const k of uniquePoints(kinkPoints(geometry))) {
    const rings = ringsWithVertex.get(pointKey(k))
    if (rings === undefined && nearVertex(k)) {
      options.roundingTouches?.push(k)
      continue
    }
    if (rings === undefined) crossings.push(k)
    else if (rings === 1 && !selfTouches.some((v) => samePoint(v, k))) edgeTouches.push(k)
  }
  if (crossings.length > 0) problems.push(`edges cross at ${crossings.length} points: ${listed(crossings)}`)
  if (edgeTouches.length > 0) problems.push(`a vertex lies on another edge at ${edgeTouches.length} points: ${listed(edgeTouches)}`)
  return problems
}

function nearVertexTest(geometry: MultiPolygon, slack: number): (p: Position) => boolean {
  const vertices = uniquePoints(geometry.coordinates.flat(2))
  if (vertices.length === 0) return () => false
  const index = new Flatbush(vertices.length)
  for (const [x, y] of vertices) index.add(x, y, x, y)
  index.finish()
  return ([x, y]) => index.search(x - slack, y - slack, x + slack, y + slack).length > 0
}

/**
 * The points turf `kinks` reports for a MultiPolygon, found through a spatial index instead of by
 * comparing every segment with every other (turf's way is quadratic: hours for a province). Pairs
 * are visited and intersections computed exactly as turf does, in the same argument order, so the
 * points are the same to the last bit; only their order differs.
 */
export function kinkPoints(geometry: MultiPolygon): Position[] {
  const rings = geometry.coordinates.flat()
  const segments: { ring: number; i: number }[] = []
  rings.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++) segments.push({ ring: r, i })
  })
  if (segments.length < 2) return []
  const index = new Flatbush(segments.length)
  for (const { ring, i } of segments) {
    const [a, b] = [rings[ring][i], rings[ring][i + 1]]
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]))
  }
  index.finish()
  const points: Position[] = []
  const test = (r1: number, i: number, r2: number, k: number) => {
    const [l1, l2] = [rings[r1], rings[r2]]
    const hit = lineIntersects(l1[i][0], l1[i][1], l1[i + 1][0], l1[i + 1][1], l2[k][0], l2[k][1], l2[k + 1][0], l2[k + 1][1])
    if (hit) points.push(hit)
  }
  segments.forEach(({ ring: r1, i }, s) => {
    const [a, b] = [rings[r1][i], rings[r1][i + 1]]
    for (const t of index.search(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]))) {
      if (t <= s) continue
      const { ring: r2, i: k } = segments[t]
      if (r1 === r2) {
        // turf: same line, k ≥ i, skipping neighbours and the first/last pair of a closed ring
        const line = rings[r1]
        if (Math.abs(i - k) === 1) continue
        if (i === 0 && k === line.length - 2 && samePoint(line[0], line[line.length - 1])) continue
        test(r1, i, r2, k)
      } else {
        // turf compares ring A with ring B (k ≥ i) and ring B with ring A (k ≥ i): both orders
        if (k >= i) test(r1, i, r2, k)
        if (i >= k) test(r2, k, r1, i)
      }
    }
  })
  return points
}

// turf's lineIntersects, operation for operation.
function lineIntersects(x1: number, y1: number, x2: number, y2: number, x3: number, y3: number, x4: number, y4: number): Position | null {
  const denominator = (y4 - y3) * (x2 - x1) - (x4 - x3) * (y2 - y1)
  if (denominator === 0) return null
  let a = y1 - y3
  let b = x1 - x3
  const numerator1 = (x4 - x3) * a - (y4 - y3) * b
  const numerator2 = (x2 - x1) * a - (y2 - y1) * b
  a = numerator1 / denominator
  b = numerator2 / denominator
  const x = x1 + a * (x2 - x1)
  const y = y1 + a * (y2 - y1)
  return a >= 0 && a <= 1 && b >= 0 && b <= 1 ? [x, y] : null
}

function edgesWalkedTwice(geometry: MultiPolygon): Position[] {
  const edges = new Set<string>()
  const twice: Position[] = []
  for (const rings of geometry.coordinates) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [pointKey(ring[i]), pointKey(ring[i + 1])]
        const key = a < b ? `${a};${b}` : `${b};${a}`
        if (edges.has(key)) twice.push(ring[i])
        edges.add(key)
      }
    }
  }
  return twice
}

function uniquePoints(points: Position[]): Position[] {
  return [...new Map(points.map((p) => [pointKey(p), p])).values()]
}

function listed(points: Position[]): string {
  return points.slice(0, 3).map(fmt).join(', ') + (points.length > 3 ? ', …' : '')
}

function pointKey(p: Position): string {
  return `${p[0]},${p[1]}`
}

/** Every vertex rounded to `decimals` places (6 ≈ 0.1 m), the precision the files are written at. */
export function roundCoordinates(geometry: MultiPolygon, decimals = 6): MultiPolygon {
  const k = 10 ** decimals
  const round = (v: number) => Math.round(v * k) / k
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((rings) => rings.map((ring) => ring.map((p) => [round(p[0]), round(p[1])]))) }
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1]
}

function fmt(p: Position): string {
  return `[${p[0]}, ${p[1]}]`
}
