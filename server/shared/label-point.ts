// Where an area's name goes and the box a map frames it by, from its boundary. Shared: the server computes them
// once per snapshot for a geometry-less area list (GET /api/areas?geometry=label, the tiled national and
// provincial maps), the web for the areas it holds whole. Pure, on WGS84 lon/lat treated as planar: at the
// scale of a label the distortion is far below its size.

export type LonLat = [number, number]
/** [west, south, east, north], as GeoJSON's `bbox` writes it. */
export type LonLatBox = [number, number, number, number]

/** A MultiPolygon's coordinates: polygons of rings, the first ring of each its outer edge. */
type Polygons = readonly (readonly (readonly (readonly number[])[])[])[]

/** The box around every outer ring; null when there is none. */
export function boxOfPolygons(polygons: Polygons): LonLatBox | null {
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  for (const [outer] of polygons) {
    for (const [x, y] of outer ?? []) {
      west = Math.min(west, x)
      east = Math.max(east, x)
      south = Math.min(south, y)
      north = Math.max(north, y)
    }
  }
  return west <= east ? [west, south, east, north] : null
}

/**
 * A point inside the largest part: its centroid when that lies inside, else the middle of the widest inside
 * stretch of the horizontal line through the centroid (a concave county's centroid can fall outside it, or in
 * a neighbour). Null for no part with an area.
 */
export function labelPointOfPolygons(polygons: Polygons): LonLat | null {
  const outer = largestOuterRing(polygons)
  if (!outer) return null
  const centroid = ringCentroid(outer)
  if (ringContains(outer, centroid)) return centroid
  const stretch = widestStretch(outer, centroid[1])
  return stretch ? [(stretch[0] + stretch[1]) / 2, centroid[1]] : centroid
}

function largestOuterRing(polygons: Polygons): readonly (readonly number[])[] | null {
  let best: readonly (readonly number[])[] | null = null
  let bestArea = 0
  for (const [outer] of polygons) {
    const size = outer ? Math.abs(ringTwiceArea(outer)) : 0
    if (outer && size > bestArea) {
      best = outer
      bestArea = size
    }
  }
  return best
}

function ringTwiceArea(ring: readonly (readonly number[])[]): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1]
  return sum
}

/** Even-odd crossings of a ray to the east. */
function ringContains(ring: readonly (readonly number[])[], [x, y]: LonLat): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Area-weighted centroid, computed relative to the first vertex so large coordinates keep precision. */
function ringCentroid(ring: readonly (readonly number[])[]): LonLat {
  const [x0, y0] = ring[0]
  let twiceArea = 0
  let cx = 0
  let cy = 0
  for (let i = 0; i < ring.length - 1; i++) {
    const ax = ring[i][0] - x0
    const ay = ring[i][1] - y0
    const bx = ring[i + 1][0] - x0
    const by = ring[i + 1][1] - y0
    const cross = ax * by - bx * ay
    twiceArea += cross
    cx += (ax + bx) * cross
    cy += (ay + by) * cross
  }
  if (twiceArea === 0) return [x0, y0]
  return [x0 + cx / (3 * twiceArea), y0 + cy / (3 * twiceArea)]
}

/** The longest interval of the line y = `y` that lies inside `ring` (even-odd crossings). */
function widestStretch(ring: readonly (readonly number[])[], y: number): [number, number] | null {
  const crossings: number[] = []
  for (let i = 0; i < ring.length - 1; i++) {
    const [ax, ay] = ring[i]
    const [bx, by] = ring[i + 1]
    if ((ay <= y) !== (by <= y)) crossings.push(ax + ((y - ay) / (by - ay)) * (bx - ax))
  }
  crossings.sort((a, b) => a - b)
  let best: [number, number] | null = null
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    if (!best || crossings[i + 1] - crossings[i] > best[1] - best[0]) best = [crossings[i], crossings[i + 1]]
  }
  return best
}
