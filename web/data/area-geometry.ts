// Where the map frames an area and where its name goes, from its boundary (server/shared/label-point.ts) or
// from the label points and boxes the server computed (GET /api/areas?geometry=label). Pure.
import type { AreaCollection, AreaFeature, AreaPlacesCollection, AreaProperties } from '../api/responses'
import { boxOfPolygons, labelPointOfPolygons } from '../../server/shared/label-point'

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
  const box = boxOfPolygons(areas.flatMap((area) => area.geometry.coordinates))
  return box ? [[box[0], box[1]], [box[2], box[3]]] : null
}

export function areaLabelsOf(areas: readonly AreaFeature[]): AreaLabel[] {
  return areas.flatMap((area) => {
    const position = labelPointOf(area)
    return position ? [{ code: area.properties.code, name: area.properties.name, position }] : []
  })
}

/** A point inside the area's largest part, where its name goes (server/shared/label-point.ts). */
export function labelPointOf(area: AreaFeature): Point | null {
  return labelPointOfPolygons(area.geometry.coordinates)
}

/** An area as a map page uses it: its properties, the box that frames it and where its name goes. */
export interface MapArea {
  properties: AreaProperties
  bounds: Bounds | null // null: nothing to frame
  labelPoint: Point | null
}

/** A boundary's own MapArea. */
export function mapAreaOf(area: AreaFeature): MapArea {
  return { properties: area.properties, bounds: boundsOf([area]), labelPoint: labelPointOf(area) }
}

/** The places of GET /api/areas?geometry=label with a box (an area without a boundary has none and is not drawn). */
export function mapAreasOf(places: AreaPlacesCollection): MapArea[] {
  return places.features.flatMap((f) => {
    if (!f.bbox) return []
    const [west, south, east, north] = f.bbox
    const point = f.geometry?.coordinates
    return [{ properties: f.properties, bounds: [[west, south], [east, north]], labelPoint: point ? [point[0], point[1]] : null }]
  })
}

export function mapAreaLabelsOf(areas: readonly MapArea[]): AreaLabel[] {
  return areas.flatMap((area) => (area.labelPoint ? [{ code: area.properties.code, name: area.properties.name, position: area.labelPoint }] : []))
}
