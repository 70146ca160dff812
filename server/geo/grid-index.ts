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
// Over 400 lines on purpose: the build and the query share the packed edge and cell arrays and their layout
// (EDGE_STRIDE, the owner encoding); split, each half would have to restate the other's invariants.
import type { MultiPolygon } from 'geojson'

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

// A cell's entry for an edge: ya, yb, xa (lower endpoint first), run, polygon. run is dx/dy, or dx for a
// horizontal edge, which never counts as a crossing but must still be listed in the cells it cuts.
const EDGE_STRIDE = 5

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

/** The polygon indexes ordered by the grid row of their first position (input order within a row). */
function rowOrder(flat: Flat, minY: number, perH: number, rows: number): Int32Array {
  const { xy, ringStart, polygonRing } = flat
  const count = polygonRing.length - 1
  const rowOf = new Int32Array(count)
  const rowStart = new Int32Array(rows + 1)
  for (let p = 0; p < count; p++) {
    const first = ringStart[polygonRing[p]]
    const empty = first === ringStart[polygonRing[p + 1]]
    const row = empty ? 0 : Math.min(rows - 1, Math.floor((xy[first * 2 + 1] - minY) * perH))
    rowOf[p] = row
    rowStart[row + 1]++
  }
  for (let r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r]
  const order = new Int32Array(count)
  for (let p = 0; p < count; p++) order[rowStart[rowOf[p]]++] = p
  return order
}

/**
 * The polygons' positions copied into flat arrays, which the build then reads twice over: far quicker than
 * the nested GeoJSON arrays, whose every position is an object of its own.
 */
interface Flat {
  positions: number // an upper bound on the edge count: every position starts at most one edge
  xy: Float64Array // x, y of every position, ring after ring, polygon after polygon
  ringStart: Int32Array // per ring, its first position; one more entry for the end of the last
  polygonRing: Int32Array // per polygon, its first ring (all parts' rings together); one more entry
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/** The polygons flattened, with their extent, checking on the way that they are MultiPolygons of finite coordinates. */
function flatten(polygons: readonly MultiPolygon[]): Flat {
  let positions = 0
  let rings = 0
  for (let p = 0; p < polygons.length; p++) {
    const geometry: MultiPolygon | null | undefined = polygons[p]
    if (geometry?.type !== 'MultiPolygon') {
      const found = geometry == null ? String(geometry) : `a ${String(geometry.type)}`
      throw new InvalidPolygonError(p, `${found}, expected a MultiPolygon`)
    }
    for (const part of geometry.coordinates) {
      rings += part.length
      for (const ring of part) positions += ring.length
    }
  }
  const xy = new Float64Array(positions * 2)
  const ringStart = new Int32Array(rings + 1)
  const polygonRing = new Int32Array(polygons.length + 1)
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  let at = 0
  let ringAt = 0
  for (let p = 0; p < polygons.length; p++) {
    polygonRing[p] = ringAt
    const parts = polygons[p].coordinates
    for (let part = 0; part < parts.length; part++) {
      const partRings = parts[part]
      for (let r = 0; r < partRings.length; r++) {
        const ring = partRings[r]
        ringStart[ringAt++] = at
        for (let i = 0; i < ring.length; i++) {
          const x = ring[i][0]
          const y = ring[i][1]
          if (!Number.isFinite(x) || !Number.isFinite(y)) {
            throw new InvalidPolygonError(
              p,
              `part ${part}, ring ${r}, position ${i}: [${ring[i].join(', ')}] is not a finite lon/lat pair`,
            )
          }
          if (x < minX) minX = x
          if (x > maxX) maxX = x
          if (y < minY) minY = y
          if (y > maxY) maxY = y
          xy[at * 2] = x
          xy[at * 2 + 1] = y
          at++
        }
      }
    }
  }
  ringStart[rings] = at
  polygonRing[polygons.length] = rings
  const flat = { positions, xy, ringStart, polygonRing }
  return positions === 0 ? { ...flat, minX: 0, minY: 0, maxX: 0, maxY: 0 } : { ...flat, minX, minY, maxX, maxY }
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
  /**
   * Per cell c: at 2c the first of its entries, at 2c + 1 its owner (cells no edge touches); its entries end
   * where the next cell's begin, at 2c + 2. Interleaved so that a query reads one cache line.
   */
  private readonly cell: Int32Array
  /** The edges listed in each cell, copied so that a query reads one stretch of memory: EDGE_STRIDE numbers each. */
  private readonly entry: Float64Array
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
    this.size = flat.polygonRing.length - 1
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

    // Two passes over the edges: the first counts each cell's entries, the second places them, counting
    // down from each cell's end so that the counts become the starts. Polygons go in the order of their
    // rows, which keeps the writes of both passes close together in memory.
    const cell = new Int32Array(cellCount * 2 + 1)
    this.cell = cell
    const order = rowOrder(flat, minY, this.perH, this.rows)
    const edgeCount = this.listEdges(flat, order, null)
    for (let c = 1; c < cellCount; c++) cell[c * 2] += cell[c * 2 - 2]
    const entryCount = cell[cellCount * 2 - 2]
    cell[cellCount * 2] = entryCount
    this.entry = new Float64Array(entryCount * EDGE_STRIDE)
    this.listEdges(flat, order, this.entry)

    this.crossedBy = new Int32Array(this.size)
    this.parity = new Uint8Array(this.size)
    this.crossed = new Int32Array(this.size)

    const { ownerLists, emptyCells } = this.findOwners()
    this.ownerLists = ownerLists
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
        const o = i * EDGE_STRIDE
        const ya = entry[o]
        if (lat < ya || lat >= entry[o + 1]) continue
        const x = entry[o + 2] + (lat - ya) * entry[o + 3]
        if (x > lon && x >= left && x < right) {
          const p = entry[o + 4]
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
  private listEdges(flat: Flat, order: Int32Array, entry: Float64Array | null): number {
    const { cell, minX, minY, cellH, perW, perH, columns, rows, pad } = this
    const { xy, ringStart, polygonRing } = flat
    let count = 0
    for (let k = 0; k < order.length; k++) {
      const p = order[k]
      for (let r = polygonRing[p]; r < polygonRing[p + 1]; r++) {
        const first = ringStart[r]
        const end = ringStart[r + 1]
        for (let i = first; i < end; i++) {
          const x = xy[i * 2]
          const y = xy[i * 2 + 1]
          // The closing edge is implied when a ring does not repeat its first position.
          const next = i + 1 < end ? i + 1 : first
          const nx = xy[next * 2]
          const ny = xy[next * 2 + 1]
          if (nx === x && ny === y) continue
          count++
          const lowerFirst = y < ny || (y === ny && x < nx)
          const ya = lowerFirst ? y : ny
          const yb = lowerFirst ? ny : y
          const xa = lowerFirst ? x : nx
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
            for (let c = c0; c <= c1; c++) {
              const at = --cell[(rowStart + c) * 2] * EDGE_STRIDE
              entry[at] = ya
              entry[at + 1] = yb
              entry[at + 2] = xa
              entry[at + 3] = run
              entry[at + 4] = p
            }
          }
        }
      }
    }
    return count
  }

  /**
   * Records, in each cell no edge touches, the polygons holding it, found by sweeping each row from the right
   * at the row's mid-height: nothing holds the far right, and each crossing flips one polygon in or out.
   */
  private findOwners(): { ownerLists: Int32Array; emptyCells: number } {
    const { columns, rows, cell, entry, minX, minY, cellW, cellH } = this
    const lists: number[] = []
    const isInside = new Uint8Array(this.size)
    const inside: number[] = []
    let emptyCells = 0
    for (let r = 0; r < rows; r++) {
      for (const p of inside) isInside[p] = 0
      inside.length = 0
      const y = minY + (r + 0.5) * cellH
      for (let c = columns - 1; c >= 0; c--) {
        const c2 = (r * columns + c) * 2
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
          const o = i * EDGE_STRIDE
          const ya = entry[o]
          if (y < ya || y >= entry[o + 1]) continue
          const x = entry[o + 2] + (y - ya) * entry[o + 3]
          if (x < left || x >= right) continue
          const p = entry[o + 4]
          isInside[p] ^= 1
          if (isInside[p] === 1) inside.push(p)
          else inside.splice(inside.indexOf(p), 1)
        }
      }
    }
    return { ownerLists: Int32Array.from(lists), emptyCells }
  }
}

function listHolds(list: Int32Array, from: number, to: number, value: number): boolean {
  for (let i = from; i < to; i++) if (list[i] === value) return true
  return false
}
