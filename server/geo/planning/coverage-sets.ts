// Which demand points each site covers: those within the radius, by great-circle distance.
//
// Demand points go into a uniform longitude/latitude grid (a counting sort by cell, so the points of one grid
// row's run of cells are contiguous). A site asks for the one or two boxes that hold its circle (see
// boxesWithinKm), walks the grid rows those boxes span, and tests each point in them with the exact haversine
// distance. Cells are about the radius tall and, at the data's mean latitude, about as wide, so a query reads
// a few cells per row and a few rows.
import { boxesWithinKm, EARTH_RADIUS_KM, haversineKm, type LonLatBox } from './distance'
import { checkPositions, checkRadius, type ItemKind, type Located } from './input-checks'

/** The demand indices each site covers, packed (compressed sparse rows, one row per site). */
export interface CoverageSets {
  readonly radiusKm: number
  readonly demandCount: number
  readonly siteCount: number
  /** siteCount + 1 offsets: site j covers demand[starts[j]] … demand[starts[j + 1] − 1] */
  readonly starts: Int32Array
  /** demand indices, ascending within each site */
  readonly demand: Int32Array
}

export interface CoverageSetsOptions {
  demandKind?: ItemKind // 'demand point': what error messages call a demand item
  siteKind?: ItemKind // 'site': what error messages call a site
  maxCellsPerPoint?: number // 4: the grid never has more than this many cells per demand point (plus 4 096)
}

/** Demand indices covered by site `site`, ascending (a view into `sets.demand`, not a copy). */
export function coveredBy(sets: CoverageSets, site: number): Int32Array {
  return sets.demand.subarray(sets.starts[site], sets.starts[site + 1])
}

/** The inverse: for each demand point, the sites covering it, ascending. */
export function coverersOf(sets: CoverageSets): { starts: Int32Array; sites: Int32Array } {
  const starts = new Int32Array(sets.demandCount + 1)
  for (let k = 0; k < sets.demand.length; k++) starts[sets.demand[k] + 1]++
  for (let i = 0; i < sets.demandCount; i++) starts[i + 1] += starts[i]
  const next = starts.slice(0, sets.demandCount)
  const sites = new Int32Array(sets.demand.length)
  // Sites are visited in order, so each demand point's list comes out ascending.
  for (let j = 0; j < sets.siteCount; j++) {
    for (let k = sets.starts[j]; k < sets.starts[j + 1]; k++) sites[next[sets.demand[k]]++] = j
  }
  return { starts, sites }
}

/**
 * For each site, the demand points within `radiusKm` of it (great-circle distance ≤ radius). Throws a
 * RangeError naming the item for a position outside −180…180 / −90…90, and for a radius that is not > 0.
 */
export function coverageSets(
  demand: readonly Located[],
  sites: readonly Located[],
  radiusKm: number,
  { demandKind = 'demand point', siteKind = 'site', maxCellsPerPoint = 4 }: CoverageSetsOptions = {},
): CoverageSets {
  checkRadius(radiusKm)
  checkPositions(demand, demandKind)
  checkPositions(sites, siteKind)

  const grid = demandGrid(demand, radiusKm, maxCellsPerPoint)
  const starts = new Int32Array(sites.length + 1)
  const covered: GrowingList = { items: new Int32Array(Math.max(1024, sites.length * 8)), size: 0 }
  for (let j = 0; j < sites.length; j++) {
    const [lon, lat] = sites[j].position
    if (grid !== null) {
      for (const box of boxesWithinKm([lon, lat], radiusKm)) collectInBox(grid, box, lon, lat, radiusKm, covered)
      // Grid order is cell order; ascending demand order makes every later sum run in one fixed order.
      covered.items.subarray(starts[j], covered.size).sort()
    }
    starts[j + 1] = covered.size
  }
  return {
    radiusKm,
    demandCount: demand.length,
    siteCount: sites.length,
    starts,
    demand: covered.items.slice(0, covered.size),
  }
}

interface GrowingList {
  items: Int32Array
  size: number
}

function append(list: GrowingList, value: number): void {
  if (list.size === list.items.length) {
    const grown = new Int32Array(list.items.length * 2)
    grown.set(list.items)
    list.items = grown
  }
  list.items[list.size++] = value
}

interface DemandGrid {
  lon: Float64Array
  lat: Float64Array
  minLon: number
  minLat: number
  cellLon: number // degrees
  cellLat: number
  columns: number
  rows: number
  cellStarts: Int32Array // columns × rows + 1 offsets into `order`, row-major
  order: Int32Array // demand indices sorted by cell
}

function demandGrid(demand: readonly Located[], radiusKm: number, maxCellsPerPoint: number): DemandGrid | null {
  const n = demand.length
  if (n === 0) return null
  const lon = new Float64Array(n)
  const lat = new Float64Array(n)
  let minLon = Infinity
  let maxLon = -Infinity
  let minLat = Infinity
  let maxLat = -Infinity
  let sumAbsLat = 0
  for (let i = 0; i < n; i++) {
    lon[i] = demand[i].position[0]
    lat[i] = demand[i].position[1]
    minLon = Math.min(minLon, lon[i])
    maxLon = Math.max(maxLon, lon[i])
    minLat = Math.min(minLat, lat[i])
    maxLat = Math.max(maxLat, lat[i])
    sumAbsLat += Math.abs(lat[i])
  }
  const radiusDegrees = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI)
  const meanCos = Math.max(0.05, Math.cos(((sumAbsLat / n) * Math.PI) / 180))
  let cellLat = Math.max(radiusDegrees, 1e-9)
  let cellLon = Math.max(radiusDegrees / meanCos, 1e-9)
  const maxCells = n * maxCellsPerPoint + 4096
  let columns = 0
  let rows = 0
  for (;;) {
    columns = Math.floor((maxLon - minLon) / cellLon) + 1
    rows = Math.floor((maxLat - minLat) / cellLat) + 1
    if (columns * rows <= maxCells) break
    // Too fine for the point count (sparse points, small radius): coarsen both ways alike.
    const scale = Math.sqrt((columns * rows) / maxCells) * 1.01
    cellLon *= scale
    cellLat *= scale
  }
  const cellOf = new Int32Array(n)
  const cellStarts = new Int32Array(columns * rows + 1)
  for (let i = 0; i < n; i++) {
    const column = Math.min(columns - 1, Math.floor((lon[i] - minLon) / cellLon))
    const row = Math.min(rows - 1, Math.floor((lat[i] - minLat) / cellLat))
    cellOf[i] = row * columns + column
    cellStarts[cellOf[i] + 1]++
  }
  for (let c = 0; c < columns * rows; c++) cellStarts[c + 1] += cellStarts[c]
  const next = cellStarts.slice(0, columns * rows)
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[next[cellOf[i]]++] = i
  return { lon, lat, minLon, minLat, cellLon, cellLat, columns, rows, cellStarts, order }
}

/** Appends to `out` every grid point in `box` within `radiusKm` of (lon, lat). */
function collectInBox(
  grid: DemandGrid,
  [west, south, east, north]: LonLatBox,
  lon: number,
  lat: number,
  radiusKm: number,
  out: GrowingList,
): void {
  const firstColumn = Math.max(0, Math.floor((west - grid.minLon) / grid.cellLon))
  const lastColumn = Math.min(grid.columns - 1, Math.floor((east - grid.minLon) / grid.cellLon))
  const firstRow = Math.max(0, Math.floor((south - grid.minLat) / grid.cellLat))
  const lastRow = Math.min(grid.rows - 1, Math.floor((north - grid.minLat) / grid.cellLat))
  if (firstColumn > lastColumn || firstRow > lastRow) return
  for (let row = firstRow; row <= lastRow; row++) {
    const from = grid.cellStarts[row * grid.columns + firstColumn]
    const to = grid.cellStarts[row * grid.columns + lastColumn + 1]
    for (let k = from; k < to; k++) {
      const i = grid.order[k]
      const pointLon = grid.lon[i]
      const pointLat = grid.lat[i]
      if (pointLon < west || pointLon > east || pointLat < south || pointLat > north) continue
      if (haversineKm(lon, lat, pointLon, pointLat) <= radiusKm) append(out, i)
    }
  }
}
