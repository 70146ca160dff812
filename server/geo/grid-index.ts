// A static point-in-polygon index: which of many polygons (say, the 40 000 townships of a country) holds a
// point. A uniform grid covers the polygons' extent; each cell lists the polygon edges that touch it, and a
// cell that no edge touches records, once at build time, the polygons that contain it whole.
//
// Containment is the even-odd crossing rule with half-open edges: a polygon holds (x, y) when an odd number
// of its edges satisfy ya <= y < yb and x < the edge's x at height y, all rings of a multipolygon counted
// together. That is the exact answer for the point nudged infinitesimally right and up, so a point on an edge
// shared by two polygons (same vertices in both) belongs to exactly one of them: vertical shared edges go to
// the polygon on their right, horizontal ones to the polygon above. Each edge's x at height y is computed from
// its endpoints in a fixed order (lower endpoint first), so two polygons sharing an edge round alike. Where
// polygons overlap, the lowest input index wins.
//
// A query finds its cell; if no edge touches the cell, the recorded answer is final. Otherwise it walks the
// cell's row to the right, counting the crossings each cell owns (each edge counted in the one cell whose
// x-range holds its crossing), until it reaches a cell no edge touches, whose contents are known, or the end
// of the row, beyond which lies nothing.
//
// Speed comes from memory, not arithmetic: a cell lists its edges as 4-byte numbers of their first position
// in one flat array of all positions (a copy of each edge in each cell it touches took ten times the room),
// and the rings are stored in bands of height, so that the edges of neighbouring cells lie near one another
// in memory, where the build writes them and a query reads them. locateAll takes a batch of points grid row
// by grid row for the same reason.
//
// Over 400 lines on purpose: the build and the query share the packed position, edge and cell arrays and
// their layout (the owner encoding, crossingX); split, each half would have to restate the other's invariants.
import type { MultiPolygon, Position } from 'geojson'

export interface GridIndexOptions {
  cellsPerEdge?: number // 1: grid cells per polygon edge; more = more cells answered at once, shorter walks, more memory
  maxCells?: number // 16 777 216: cap on the grid, 8 bytes a cell
}

export interface GridStats {
  columns: number
  rows: number
  edges: number // polygon edges indexed (zero-length edges are dropped)
  edgeEntries: number // edge-in-cell entries; an edge is listed in every cell it touches
  emptyCells: number // cells no edge touches
}

export interface PolygonIndex {
  /** Index, into the polygons the index was built from, of the polygon holding the point; -1 if none does. */
  locate(lon: number, lat: number): number
  /**
   * locate() for every point of `xy` (x, y pairs), answers in the points' order. The same answers; quicker
   * for a large batch, whose points it takes row by row of the grid.
   */
  locateAll(xy: Float64Array): Int32Array
  readonly size: number // polygons indexed
  readonly stats: GridStats
}

/** A polygon the index cannot take: `polygon` is its position in the input, `detail` what is wrong with it. */
export class InvalidPolygonError extends Error {
  readonly polygon: number
  readonly detail: string

  constructor(polygon: number, detail: string) {
    super(`polygon ${polygon}: ${detail}`)
    this.name = 'InvalidPolygonError'
    this.polygon = polygon
    this.detail = detail
  }
}

const DEFAULT_CELLS_PER_EDGE = 1
const DEFAULT_MAX_CELLS = 1 << 24

// Edges are listed in every cell they pass within a pad of, so that rounding in the cell arithmetic can never
// hide an edge from a query. The pad is relative to the cell size and to the coordinates' magnitude (a few
// thousand units in the last place): far above the rounding, far below any real feature.
const PAD_CELL_FRACTION = 1e-9
const PAD_COORDINATE_FRACTION = 1e-12

// A cell's owner: a polygon index, NO_OWNER, or MULTI_OWNER_BASE - offset of its list in ownerLists.
const NO_OWNER = -1
const MULTI_OWNER_BASE = -2

export function buildPolygonIndex(
  polygons: readonly MultiPolygon[],
  options: GridIndexOptions = {},
): PolygonIndex {
  const { cellsPerEdge = DEFAULT_CELLS_PER_EDGE, maxCells = DEFAULT_MAX_CELLS } = options
  if (!(cellsPerEdge > 0) || !Number.isFinite(cellsPerEdge)) {
    throw new RangeError(`cellsPerEdge must be a positive number, got ${cellsPerEdge}`)
  }
  if (!Number.isInteger(maxCells) || maxCells < 1) {
    throw new RangeError(`maxCells must be a positive integer, got ${maxCells}`)
  }
  return new PolygonGrid(flatten(polygons), cellsPerEdge, maxCells)
}

/**
 * The polygons' positions copied into flat arrays, which the build reads twice over and the queries keep:
 * far quicker than the nested GeoJSON arrays, whose every position is an object of its own.
 */
interface Flat {
  polygons: number
  positions: number // positions in the input, an upper bound on the edge count: the grid is sized from it
  // x, y of every position, ring after ring. Every ring is closed (its first position repeated at its end
  // where the input leaves the closing edge implied), so edge e runs from position e to e + 1, for every
  // position but the last of each ring. The rings are in bands of the height of their first position, so
  // that the edges near one another on the map lie near one another in memory, where the build and the
  // queries read them.
  xy: Float64Array
  ringStart: Int32Array // per ring, its first position; one more entry for the end of the last
  polygonOf: Int32Array // per position, the polygon it belongs to
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/** The polygons flattened, with their extent, checking on the way that they are MultiPolygons of finite coordinates. */
function flatten(polygons: readonly MultiPolygon[]): Flat {
  let positions = 0
  const rings: Position[][] = []
  const ringPolygon: number[] = []
  for (let p = 0; p < polygons.length; p++) {
    const geometry: MultiPolygon | null | undefined = polygons[p]
    if (geometry?.type !== 'MultiPolygon') {
      const found = geometry == null ? String(geometry) : `a ${String(geometry.type)}`
      throw new InvalidPolygonError(p, `${found}, expected a MultiPolygon`)
    }
    for (const part of geometry.coordinates) {
      for (const ring of part) {
        rings.push(ring)
        ringPolygon.push(p)
        positions += ring.length
      }
    }
  }
  // Room for a closing position in every ring.
  const xy = new Float64Array((positions + rings.length) * 2)
  const polygonOf = new Int32Array(positions + rings.length)
  const ringStart = new Int32Array(rings.length + 1)
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  let at = 0
  const order = ringsByBand(rings, Math.max(1, Math.round(Math.sqrt(positions))))
  for (let k = 0; k < order.length; k++) {
    const ring = rings[order[k]]
    const first = at
    ringStart[k] = first
    for (let i = 0; i < ring.length; i++) {
      const x = ring[i][0]
      const y = ring[i][1]
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw firstInvalidPosition(polygons)
      if (x < minX) minX = x
      if (x > maxX) maxX = x
      if (y < minY) minY = y
      if (y > maxY) maxY = y
      xy[at * 2] = x
      xy[at * 2 + 1] = y
      at++
    }
    if (at > first && (xy[at * 2 - 2] !== xy[first * 2] || xy[at * 2 - 1] !== xy[first * 2 + 1])) {
      xy[at * 2] = xy[first * 2]
      xy[at * 2 + 1] = xy[first * 2 + 1]
      at++
    }
    polygonOf.fill(ringPolygon[order[k]], first, at)
  }
  ringStart[rings.length] = at
  const flat = { polygons: polygons.length, positions, xy, ringStart, polygonOf }
  return positions === 0 ? { ...flat, minX: 0, minY: 0, maxX: 0, maxY: 0 } : { ...flat, minX, minY, maxX, maxY }
}

/**
 * The rings' indexes ordered by the height of their first position, in `bands` bands of equal height (input
 * order within a band): about the grid's rows, known only once every position is read.
 */
function ringsByBand(rings: readonly Position[][], bands: number): Int32Array {
  let low = Infinity
  let high = -Infinity
  for (const ring of rings) {
    const y = ring.length > 0 ? ring[0][1] : NaN
    if (y < low) low = y
    if (y > high) high = y
  }
  const perBand = high > low ? bands / (high - low) : 0
  const bandOf = new Int32Array(rings.length)
  const bandStart = new Int32Array(bands + 1)
  for (let r = 0; r < rings.length; r++) {
    const y = rings[r].length > 0 ? rings[r][0][1] : NaN
    // NaN and infinities go to band 0; flatten() rejects them.
    const band = Math.min(bands - 1, Math.floor((y - low) * perBand)) || 0
    bandOf[r] = band
    bandStart[band + 1]++
  }
  for (let b = 0; b < bands; b++) bandStart[b + 1] += bandStart[b]
  const order = new Int32Array(rings.length)
  for (let r = 0; r < rings.length; r++) order[bandStart[bandOf[r]]++] = r
  return order
}

/** The error for the first position, in input order, that is not a finite lon/lat pair. */
function firstInvalidPosition(polygons: readonly MultiPolygon[]): InvalidPolygonError {
  for (let p = 0; p < polygons.length; p++) {
    const parts = polygons[p].coordinates
    for (let part = 0; part < parts.length; part++) {
      for (let r = 0; r < parts[part].length; r++) {
        const ring = parts[part][r]
        for (let i = 0; i < ring.length; i++) {
          if (!Number.isFinite(ring[i][0]) || !Number.isFinite(ring[i][1])) {
            const found = `[${ring[i].join(', ')}]`
            return new InvalidPolygonError(p, `part ${part}, ring ${r}, position ${i}: ${found} is not a finite lon/lat pair`)
          }
        }
      }
    }
  }
  throw new Error('firstInvalidPosition: every position is a finite lon/lat pair')
}

/**
 * Where edge e (position e to e + 1) crosses height y, or NaN where the half-open rule says it does not
 * (y outside [ya, yb), and always for a horizontal edge). Computed from the lower endpoint, so that two
 * polygons sharing an edge get the same x; the build and the query both ask here, so they agree.
 */
function crossingX(xy: Float64Array, e: number, y: number): number {
  const o = e * 2
  const ay = xy[o + 1]
  const by = xy[o + 3]
  const ya = ay < by ? ay : by
  const yb = ay < by ? by : ay
  if (!(y >= ya && y < yb)) return NaN
  const xa = ay < by ? xy[o] : xy[o + 2]
  const xb = ay < by ? xy[o + 2] : xy[o]
  return xa + (y - ya) * ((xb - xa) / (yb - ya))
}

/** While the build sweeps a row: the polygons holding the point swept, and the lists of cells held by several. */
interface Sweep {
  isInside: Uint8Array // per polygon
  inside: number[]
  lists: number[] // becomes ownerLists
}

class PolygonGrid implements PolygonIndex {
  readonly size: number
  readonly stats: GridStats
  private readonly minX: number
  private readonly minY: number
  private readonly maxX: number
  private readonly maxY: number
  private readonly columns: number
  private readonly rows: number
  private readonly cellW: number
  private readonly cellH: number
  // Reciprocals of the cell sizes: which cell a coordinate falls in needs only be right to within the pad.
  private readonly perW: number
  private readonly perH: number
  private readonly pad: number
  private readonly xy: Float64Array // Flat.xy
  private readonly polygonOf: Int32Array // Flat.polygonOf
  /**
   * Per cell c: at 2c the first of its entries, at 2c + 1 its owner (cells no edge touches); its entries end
   * where the next cell's begin, at 2c + 2. Interleaved so that a query reads one cache line.
   */
  private readonly cell: Int32Array
  /** The edges listed in each cell, cell after cell, each by its first position. */
  private readonly entry: Int32Array
  /** For cells inside several (overlapping) polygons: a count, then the polygon indexes ascending. */
  private readonly ownerLists: Int32Array
  // Query scratch, reused so that a query allocates nothing: per polygon, the query that last crossed one of
  // its edges and the parity of its crossings; and the polygons crossed by the current query.
  private readonly crossedBy: Int32Array
  private readonly parity: Uint8Array
  private readonly crossed: Int32Array
  private query = 0

  constructor(flat: Flat, cellsPerEdge: number, maxCells: number) {
    const { minX, minY, maxX, maxY } = flat
    this.size = flat.polygons
    this.minX = minX
    this.minY = minY
    this.maxX = maxX
    this.maxY = maxY
    const width = maxX - minX
    const height = maxY - minY
    const target = Math.min(maxCells, Math.max(1, Math.round(flat.positions * cellsPerEdge)))
    // Square cells where the extent allows; an extent with no area (so nothing to find) gets one cell.
    const noArea = !(width > 0 && height > 0)
    this.columns = noArea ? 1 : Math.min(target, Math.max(1, Math.round(Math.sqrt((target * width) / height))))
    this.rows = noArea ? 1 : Math.max(1, Math.floor(target / this.columns))
    this.cellW = noArea ? 1 : width / this.columns
    this.cellH = noArea ? 1 : height / this.rows
    this.perW = 1 / this.cellW
    this.perH = 1 / this.cellH
    const cellCount = this.columns * this.rows
    const magnitude = Math.max(Math.abs(minX), Math.abs(maxX), Math.abs(minY), Math.abs(maxY))
    this.pad = PAD_CELL_FRACTION * Math.max(this.cellW, this.cellH) + PAD_COORDINATE_FRACTION * magnitude
    this.xy = flat.xy
    this.polygonOf = flat.polygonOf

    // Two passes over the edges: the first counts each cell's entries, the second places them, counting
    // down from each cell's end so that the counts become the starts. Then each row is swept for the owners
    // of its empty cells.
    const cell = new Int32Array(cellCount * 2 + 1)
    this.cell = cell
    const edgeCount = this.listEdges(flat.ringStart, null)
    for (let c = 1; c < cellCount; c++) cell[c * 2] += cell[c * 2 - 2]
    const entryCount = cell[cellCount * 2 - 2]
    cell[cellCount * 2] = entryCount
    this.entry = new Int32Array(entryCount)
    this.listEdges(flat.ringStart, this.entry)
    const sweep: Sweep = { isInside: new Uint8Array(this.size), inside: [], lists: [] }
    let emptyCells = 0
    for (let row = 0; row < this.rows; row++) emptyCells += this.sweepRow(row, sweep)
    this.ownerLists = Int32Array.from(sweep.lists)

    this.crossedBy = new Int32Array(this.size)
    this.parity = new Uint8Array(this.size)
    this.crossed = new Int32Array(this.size)
    this.stats = { columns: this.columns, rows: this.rows, edges: edgeCount, edgeEntries: entryCount, emptyCells }
  }

  locate(lon: number, lat: number): number {
    // Outside the extent nothing holds the point; on its top or right side the rule says outside too.
    // Written so that NaN fails.
    if (!(lon >= this.minX && lon < this.maxX && lat >= this.minY && lat < this.maxY)) return -1
    const columns = this.columns
    const cell = this.cell
    // min(): the product may round up to the far side for a point a hair inside it.
    let col = Math.min(columns - 1, Math.floor((lon - this.minX) * this.perW))
    const row = Math.min(this.rows - 1, Math.floor((lat - this.minY) * this.perH))
    let c2 = (row * columns + col) * 2
    let start = cell[c2]
    let end = cell[c2 + 2]
    if (start === end) {
      const owner = cell[c2 + 1]
      return owner >= NO_OWNER ? owner : this.ownerLists[MULTI_OWNER_BASE - owner + 1]
    }

    const entry = this.entry
    const xy = this.xy
    const polygonOf = this.polygonOf
    const crossedBy = this.crossedBy
    const parity = this.parity
    const crossed = this.crossed
    const query = this.nextQuery()
    const minX = this.minX
    const cellW = this.cellW
    let crossedCount = 0
    // The first cell counts every crossing right of the point: the point may sit a rounding error left of
    // the cell's computed left side, and the crossings in between are listed here, not in the cell before.
    let left = -Infinity
    for (;;) {
      const right = col === columns - 1 ? Infinity : minX + (col + 1) * cellW
      for (let i = start; i < end; i++) {
        const e = entry[i]
        const x = crossingX(xy, e, lat)
        if (x > lon && x >= left && x < right) {
          const p = polygonOf[e]
          if (crossedBy[p] !== query) {
            crossedBy[p] = query
            parity[p] = 1
            crossed[crossedCount++] = p
          } else {
            parity[p] ^= 1
          }
        }
      }
      if (++col === columns) return this.lowestInside(NO_OWNER, crossedCount)
      left = right
      c2 += 2
      start = end
      end = cell[c2 + 2]
      if (start === end) return this.lowestInside(cell[c2 + 1], crossedCount)
    }
  }

  locateAll(xy: Float64Array): Int32Array {
    if (xy.length % 2 !== 0) throw new RangeError(`xy must hold x, y pairs, got ${xy.length} numbers`)
    // The points in order of their grid row (a counting sort), so that the locates of one row share the few
    // kilobytes of cells, entries and positions the row holds: in input order, each point would fetch its
    // own from main memory. (A sorted copy of the coordinates measured no quicker than reading them through
    // `order`, and took 16 bytes a point.)
    const count = xy.length / 2
    const rowStart = new Int32Array(this.rows + 1)
    for (let i = 0; i < count; i++) rowStart[this.rowOf(xy[i * 2 + 1]) + 1]++
    for (let r = 0; r < this.rows; r++) rowStart[r + 1] += rowStart[r]
    const order = new Int32Array(count)
    for (let i = 0; i < count; i++) order[rowStart[this.rowOf(xy[i * 2 + 1])]++] = i
    const found = new Int32Array(count)
    for (let k = 0; k < count; k++) {
      const i = order[k]
      found[i] = this.locate(xy[i * 2], xy[i * 2 + 1])
    }
    return found
  }

  /** The grid row of a latitude, for sorting only: any row for one outside the grid, which locate() answers without it. */
  private rowOf(lat: number): number {
    const row = Math.floor((lat - this.minY) * this.perH)
    return row >= 0 && row < this.rows ? row : 0
  }

  /** The lowest polygon holding the point: those holding the cell where the walk stopped, flipped by crossings. */
  private lowestInside(owner: number, crossedCount: number): number {
    const crossed = this.crossed
    const parity = this.parity
    const crossedBy = this.crossedBy
    const query = this.query
    let best = this.size
    if (owner >= 0) {
      if (crossedBy[owner] !== query || parity[owner] === 0) best = owner
      for (let i = 0; i < crossedCount; i++) {
        const p = crossed[i]
        if (parity[p] === 1 && p !== owner && p < best) best = p
      }
    } else if (owner === NO_OWNER) {
      for (let i = 0; i < crossedCount; i++) {
        const p = crossed[i]
        if (parity[p] === 1 && p < best) best = p
      }
    } else {
      const lists = this.ownerLists
      const from = MULTI_OWNER_BASE - owner + 1
      const to = from + lists[from - 1]
      for (let j = from; j < to; j++) {
        const p = lists[j]
        if ((crossedBy[p] !== query || parity[p] === 0) && p < best) best = p
      }
      for (let i = 0; i < crossedCount; i++) {
        const p = crossed[i]
        if (parity[p] === 1 && p < best && !listHolds(lists, from, to, p)) best = p
      }
    }
    return best === this.size ? -1 : best
  }

  private nextQuery(): number {
    if (this.query === 0x7fffffff) {
      this.crossedBy.fill(0)
      this.query = 0
    }
    return ++this.query
  }

  /**
   * Lists every edge in every cell it passes within the pad of: row by row, the x-range of its stretch
   * within the padded row. The x at a height is computed as a query computes it; being monotone in the
   * height, the query's value lies between the stretch's ends. Without `entry`, counts each cell's entries;
   * with it, writes them. Returns the number of edges.
   */
  private listEdges(ringStart: Int32Array, entry: Int32Array | null): number {
    const { xy, cell, minX, minY, cellH, perW, perH, columns, rows, pad } = this
    let count = 0
    for (let r = 0; r < ringStart.length - 1; r++) {
      for (let e = ringStart[r]; e < ringStart[r + 1] - 1; e++) {
        const x = xy[e * 2]
        const y = xy[e * 2 + 1]
        const nx = xy[e * 2 + 2]
        const ny = xy[e * 2 + 3]
        if (nx === x && ny === y) continue
        count++
        const lowerFirst = y < ny || (y === ny && x < nx)
        const ya = lowerFirst ? y : ny
        const yb = lowerFirst ? ny : y
        const xa = lowerFirst ? x : nx
        // dx/dy, or dx for a horizontal edge, which never counts as a crossing but must still be listed
        // in the cells it cuts.
        const run = yb > ya ? ((lowerFirst ? nx : x) - xa) / (yb - ya) : (lowerFirst ? nx : x) - xa
        const r0 = Math.max(0, Math.floor((ya - pad - minY) * perH))
        const r1 = Math.min(rows - 1, Math.floor((yb + pad - minY) * perH))
        for (let row = r0; row <= r1; row++) {
          let x0 = xa
          let x1 = xa + run
          if (yb > ya) {
            x0 = row === r0 ? xa : xa + (minY + row * cellH - pad - ya) * run
            x1 = xa + ((row === r1 ? yb : minY + (row + 1) * cellH + pad) - ya) * run
          }
          const c0 = Math.max(0, Math.floor((Math.min(x0, x1) - pad - minX) * perW))
          const c1 = Math.min(columns - 1, Math.floor((Math.max(x0, x1) + pad - minX) * perW))
          const rowStart = row * columns
          if (entry === null) {
            for (let c = c0; c <= c1; c++) cell[(rowStart + c) * 2]++
            continue
          }
          for (let c = c0; c <= c1; c++) entry[--cell[(rowStart + c) * 2]] = e
        }
      }
    }
    return count
  }

  /**
   * Records, in each of the row's cells no edge touches, the polygons holding it, found by sweeping the row
   * from the right at its mid-height: nothing holds the far right, and each crossing flips one polygon in or
   * out. Returns the number of such cells.
   */
  private sweepRow(row: number, { isInside, inside, lists }: Sweep): number {
    const { columns, cell, entry, xy, polygonOf, minX, minY, cellW, cellH } = this
    for (const p of inside) isInside[p] = 0
    inside.length = 0
    const y = minY + (row + 0.5) * cellH
    let emptyCells = 0
    for (let c = columns - 1; c >= 0; c--) {
      const c2 = (row * columns + c) * 2
      const start = cell[c2]
      const end = cell[c2 + 2]
      if (start === end) {
        emptyCells++
        if (inside.length === 0) {
          cell[c2 + 1] = NO_OWNER
        } else if (inside.length === 1) {
          cell[c2 + 1] = inside[0]
        } else {
          cell[c2 + 1] = MULTI_OWNER_BASE - lists.length
          lists.push(inside.length, ...[...inside].sort((a, b) => a - b))
        }
        continue
      }
      const left = minX + c * cellW
      const right = c === columns - 1 ? Infinity : minX + (c + 1) * cellW
      for (let i = start; i < end; i++) {
        const e = entry[i]
        const x = crossingX(xy, e, y)
        if (!(x >= left && x < right)) continue
        const p = polygonOf[e]
        isInside[p] ^= 1
        if (isInside[p] === 1) inside.push(p)
        else inside.splice(inside.indexOf(p), 1)
      }
    }
    return emptyCells
  }
}

function listHolds(list: Int32Array, from: number, to: number, value: number): boolean {
  for (let i = from; i < to; i++) if (list[i] === value) return true
  return false
}
