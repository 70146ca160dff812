// Gaps and overlaps between sibling areas (the children of one parent), and children that reach outside
// their parent. Pure: (children, parent outline) → findings; polygon clipping by turf (polyclip-ts).
//
// Tolerance (toleranceKm2, default 0.01 km² = 1 ha): an overlap between two siblings, a gap piece, or a
// child's part outside its parent is reported only above it. Boundaries digitised from different sources
// disagree by metres to tens of metres along shared edges: a 10 m sliver along 1 km of edge is 0.01 km²,
// so slivers of that kind stay quiet while a missing or doubled corner of a township does not.
// Gaps need every child of the parent: they are the parent's outline minus the union of its children, or,
// without an outline, the holes in that union. Areas are geodesic (turf.area), in km².
import { area, bbox, difference, featureCollection, intersect, multiPolygon, union, pointOnFeature } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'

export interface SiblingShape {
  code: string
  name: string
  geometry: MultiPolygon
}

export interface Overlap {
  codes: [string, string]
  names: [string, string]
  areaKm2: number
  near: Position // a point inside the overlap
}

export interface Gap {
  areaKm2: number
  near: Position
}

export interface Overhang {
  code: string
  name: string
  areaKm2: number
}

export interface SiblingFindings {
  overlaps: Overlap[]
  gaps: Gap[] // empty when gaps were not looked for (gapsChecked false)
  gapsChecked: boolean
  outside: Overhang[] // parts of children outside the parent outline (only with an outline)
}

export interface SiblingOptions {
  toleranceKm2?: number // 0.01: smaller pieces are not reported
  complete?: boolean // true: `children` are all the parent's children, so gaps can be looked for
}

export const DEFAULT_TOLERANCE_KM2 = 0.01

export function siblingFindings(children: readonly SiblingShape[], parent: MultiPolygon | null, { toleranceKm2 = DEFAULT_TOLERANCE_KM2, complete = true }: SiblingOptions = {}): SiblingFindings {
  const features = children.map((c) => multiPolygon(c.geometry.coordinates, { code: c.code }))
  const boxes = features.map((f) => bbox(f))
  const overlaps: Overlap[] = []
  for (let i = 0; i < children.length; i++) {
    for (let j = i + 1; j < children.length; j++) {
      if (!boxesMeet(boxes[i], boxes[j])) continue
      const shared = safe(() => intersect(featureCollection([features[i], features[j]])))
      const km2 = shared ? areaKm2(shared) : 0
      if (shared && km2 > toleranceKm2) {
        overlaps.push({ codes: [children[i].code, children[j].code], names: [children[i].name, children[j].name], areaKm2: km2, near: inside(shared) })
      }
    }
  }
  const outside: Overhang[] = []
  const parentFeature = parent ? multiPolygon(parent.coordinates) : null
  if (parentFeature) {
    features.forEach((f, i) => {
      const beyond = safe(() => difference(featureCollection([f, parentFeature])))
      const km2 = beyond ? areaKm2(beyond) : 0
      if (km2 > toleranceKm2) outside.push({ code: children[i].code, name: children[i].name, areaKm2: km2 })
    })
  }
  let gaps: Gap[] = []
  if (complete && features.length > 0) {
    const merged = features.length === 1 ? features[0] : safe(() => union(featureCollection(features)))
    if (merged) {
      const pieces = parentFeature ? piecesOf(safe(() => difference(featureCollection([parentFeature, merged])))) : holesOf(merged)
      gaps = pieces
        .map((piece) => ({ areaKm2: areaKm2(piece), near: inside(piece) }))
        .filter((g) => g.areaKm2 > toleranceKm2)
        .sort((a, b) => b.areaKm2 - a.areaKm2)
    }
  }
  return { overlaps, gaps, gapsChecked: complete && features.length > 0, outside }
}

function boxesMeet(a: number[], b: number[]): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

function safe<T>(compute: () => T): T | null {
  try {
    return compute()
  } catch {
    return null
  }
}

export function areaKm2(feature: Feature<Polygon | MultiPolygon> | Polygon | MultiPolygon): number {
  return Math.round(area(feature) / 1_000) / 1_000
}

function inside(feature: Feature<Polygon | MultiPolygon>): Position {
  const [lon, lat] = pointOnFeature(feature).geometry.coordinates
  return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5]
}

function piecesOf(feature: Feature<Polygon | MultiPolygon> | null): Feature<Polygon>[] {
  if (!feature) return []
  const g = feature.geometry
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  return polygons.map((coordinates) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } }))
}

/** The holes of a union, as polygons: the gaps between children when there is no parent outline. */
function holesOf(feature: Feature<Polygon | MultiPolygon>): Feature<Polygon>[] {
  const g = feature.geometry
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  return polygons.flatMap((rings) =>
    rings.slice(1).map((hole): Feature<Polygon> => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...hole].reverse()] } })),
  )
}
