// Schematic (示意) township cells. No township boundaries exist offline, so a county is split into
// one cell per NBS township: Voronoi cells of seeded random points, clipped to the county. The cells
// tile the county exactly, but neither their shapes nor which township gets which cell say anything
// about the ground; every view must label the layer 示意 until real boundaries are imported.
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { Delaunay } from 'd3'
import { bbox, bboxClip, booleanPointInPolygon, feature, featureCollection, intersect } from '@turf/turf'
import { areaKm2 } from '../../server/geo/area-km2.ts'
import { cleanPolygonal, roundCoordinates } from '../../server/geo/polygon-clean.ts'
import { seededRandom } from '../../server/geo/prng.ts'

export interface TownshipProperties {
  code: string // 9 digits
  name: string
  parent: string // the county, 6 digits
  level: 'township'
  areaKm2: number
  schematic: true
}

export type TownshipCell = Feature<MultiPolygon, TownshipProperties>

export interface TownshipCellsOptions {
  lloydIterations?: number // 3: each step moves seeds to their cells' centroids, evening out cell sizes
  samplesPerTownship?: number // 64: random points in the county that stand in for its area when finding centroids
  decimals?: number // 6: coordinate precision of the output, about 0.1 m
}

/** FNV-1a hash of a code: the seed that makes a county's cells reproducible. */
export function seedOf(code: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * One schematic cell per township, tiling `county` (WGS84) without gaps or overlaps. Seeds start at
 * random points inside the county and are relaxed with Lloyd's algorithm, run on a fixed sample of
 * points in the county (k-means) because the exact centroid of a clipped cell costs a polygon clip
 * per cell per step. Townships are taken in code order, so the output depends only on the inputs.
 */
export function townshipCells(
  countyCode: string,
  county: MultiPolygon,
  townships: readonly { code: string; name: string }[],
  { lloydIterations = 3, samplesPerTownship = 64, decimals = 6 }: TownshipCellsOptions = {},
): TownshipCell[] {
  const ordered = [...townships].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  if (ordered.length === 0) return []
  if (ordered.length === 1) return [cell(ordered[0], countyCode, county)]

  const [minX, minY, maxX, maxY] = bbox(county)
  // Voronoi distances are measured in a frame where a degree of longitude is shrunk to its length
  // on the ground at this latitude, so cells are not stretched east–west.
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180)
  const isInside = (x: number, y: number) => booleanPointInPolygon([x / kx, y], county)

  const random = seededRandom(seedOf(countyCode))
  const samples: [number, number][] = []
  const wanted = ordered.length * samplesPerTownship
  for (let tries = 0; samples.length < wanted; tries++) {
    if (tries > wanted * 1000) {
      throw new Error(`county ${countyCode}: found only ${samples.length} of ${wanted} random points inside it; expected a polygon with area`)
    }
    const x = minX + random() * (maxX - minX)
    const y = minY + random() * (maxY - minY)
    if (booleanPointInPolygon([x, y], county)) samples.push([x * kx, y])
  }

  let seeds = samples.slice(0, ordered.length)
  for (let step = 0; step < lloydIterations; step++) seeds = relaxed(seeds, samples, isInside)

  const pad = Math.max(maxX - minX, maxY - minY)
  const voronoi = Delaunay.from(seeds).voronoi([minX * kx - pad, minY - pad, maxX * kx + pad, maxY + pad])
  const countyFeature = feature(county)
  return ordered.map((township, i) => {
    const ring = voronoi.cellPolygon(i)
    if (!ring) throw new Error(`county ${countyCode}: township ${township.code} got no Voronoi cell; expected distinct seeds`)
    const cellPolygon: Polygon = { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x / kx, y])] }
    const clipped = intersect(featureCollection<Polygon | MultiPolygon>([feature(cellPolygon), nearby(countyFeature, cellPolygon)]))
    if (!clipped) throw new Error(`county ${countyCode}: the cell of township ${township.code} lies outside the county; expected its seed inside`)
    const cleaned = cleanPolygonal(roundCoordinates(asMultiPolygon(clipped.geometry), decimals)).geometry
    if (!cleaned) throw new Error(`county ${countyCode}: the cell of township ${township.code} vanished when rounded; expected an area`)
    return cell(township, countyCode, cleaned)
  })
}

/** One Lloyd step: each seed moves to the mean of the samples nearest to it, if that mean is in the county. */
function relaxed(seeds: [number, number][], samples: [number, number][], isInside: (x: number, y: number) => boolean): [number, number][] {
  const delaunay = Delaunay.from(seeds)
  const sums = seeds.map(() => ({ x: 0, y: 0, n: 0 }))
  let nearest = 0
  for (const [x, y] of samples) {
    nearest = delaunay.find(x, y, nearest)
    const s = sums[nearest]
    s.x += x
    s.y += y
    s.n++
  }
  return seeds.map((seed, i): [number, number] => {
    const { x, y, n } = sums[i]
    if (n === 0) return seed
    const mean: [number, number] = [x / n, y / n]
    return isInside(mean[0], mean[1]) ? mean : seed
  })
}

/**
 * The county cut to a box a little larger than the cell. The exact clip (polyclip) costs time in
 * proportion to both polygons' vertices, and a county has thousands; this cheap box cut
 * (Sutherland–Hodgman) drops the far ones first. It may leave zero-width runs along the box edge,
 * but the box is wider than the cell, so the exact clip discards them.
 */
function nearby(county: Feature<MultiPolygon>, cell: Polygon): Feature<MultiPolygon> {
  const [minX, minY, maxX, maxY] = bbox(cell)
  const margin = Math.max(maxX - minX, maxY - minY) * 0.01
  const cut = bboxClip(county, [minX - margin, minY - margin, maxX + margin, maxY + margin]).geometry
  const polygons = cut.type === 'MultiPolygon' ? cut.coordinates : cut.type === 'Polygon' ? [cut.coordinates] : []
  // Parts wholly outside the box come back as empty rings, which the exact clip refuses.
  const kept = polygons.map((rings) => rings.filter((ring) => ring.length >= 4)).filter((rings) => rings.length > 0)
  return feature({ type: 'MultiPolygon', coordinates: kept })
}

function asMultiPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  return geometry.type === 'MultiPolygon' ? geometry : { type: 'MultiPolygon', coordinates: [geometry.coordinates] }
}

function cell(township: { code: string; name: string }, countyCode: string, geometry: MultiPolygon): TownshipCell {
  return {
    type: 'Feature',
    properties: {
      code: township.code,
      name: township.name,
      parent: countyCode,
      level: 'township',
      areaKm2: areaKm2(geometry),
      schematic: true,
    },
    geometry,
  }
}
