// Where the map frames an area and where its name goes. Pure, on WGS84 lon/lat treated as planar:
// at county scale the distortion is far below a label's size.
import { polygonArea, polygonContains } from 'd3'
import type { AreaCollection, AreaFeature } from '../api/responses'

type Point = [number, number]
export type Bounds = [Point, Point] // [[west, south], [east, north]]

export interface AreaLabel {
  code: string
  name: string
  position: Point
}

/** The areas that have a boundary: the API sends null geometry for an area it has none for. */
export function drawableAreas(collection: AreaCollection): AreaFeature[] {
  return collection.features.filter((f): f is AreaFeature => f.geometry !== null)
}

/** The box around every outer ring of `areas`; null when there is nothing to frame. */
export function boundsOf(areas: readonly AreaFeature[]): Bounds | null {
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  for (const area of areas) {
    for (const [outer] of area.geometry.coordinates) {
      for (const [x, y] of outer) {
        west = Math.min(west, x)
        east = Math.max(east, x)
        south = Math.min(south, y)
        north = Math.max(north, y)
      }
    }
  }
  return west <= east ? [[west, south], [east, north]] : null
}

export function areaLabelsOf(areas: readonly AreaFeature[]): AreaLabel[] {
  return areas.flatMap((area) => {
    const position = labelPointOf(area)
    return position ? [{ code: area.properties.code, name: area.properties.name, position }] : []
  })
}

/**
 * A point inside the area's largest part: its centroid when that lies inside, else the middle of the
 * widest inside stretch of the horizontal line through the centroid (a concave county's centroid can
 * fall outside it, or in a neighbour).
 */
export function labelPointOf(area: AreaFeature): Point | null {
  const outer = largestOuterRing(area)
  if (!outer) return null
  const centroid = ringCentroid(outer)
  if (polygonContains(outer, centroid)) return centroid
  const stretch = widestStretch(outer, centroid[1])
  return stretch ? [(stretch[0] + stretch[1]) / 2, centroid[1]] : centroid
}

function largestOuterRing(area: AreaFeature): Point[] | null {
  let best: Point[] | null = null
  let bestArea = 0
  for (const [outer] of area.geometry.coordinates) {
    const ring = outer as Point[]
    const size = Math.abs(polygonArea(ring))
    if (size > bestArea) {
      best = ring
      bestArea = size
    }
  }
  return best
}

/** Area-weighted centroid, computed relative to the first vertex so large coordinates keep precision. */
function ringCentroid(ring: readonly Point[]): Point {
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
  if (twiceArea === 0) return ring[0]
  return [x0 + cx / (3 * twiceArea), y0 + cy / (3 * twiceArea)]
}

/** The longest interval of the line y = `y` that lies inside `ring` (even-odd crossings). */
function widestStretch(ring: readonly Point[], y: number): [number, number] | null {
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
