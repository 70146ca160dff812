// Which frames the maps draw from the vector tiles (GET /api/tiles), and the MapLibre sources and boundary
// layers that draw them. At the country and a province the boundaries of /api/areas are megabytes (the 34
// provinces 1.1 MB, a province's prefectures 0.1–0.3 MB) where the tiles of a view are tens of KB, generalised per
// zoom with shared borders kept shared (docs/boundaries.md). A prefecture, a county and a township keep their
// boundaries as features: their answers are small, and the units joined to them are placed on that geometry.
// Pure: the style parts, which AtlasMap adds to the map.
import type { AreaLevel } from '../../server/shared/domain'
import { MAX_TILE_ZOOM, tileLayerOf, type TileLayer } from '../../server/shared/tile-layers'
import { childLevelOf } from '../../server/shared/area-codes'
import type { AreaFeature } from '../api/responses'
import type { BasemapColours, StyleLayer, StyleSource } from './offline-style'

/** Areas of one tile layer whose `property` is `value`: a province by its code, a country's provinces by their parent. */
export interface TileSelection {
  layer: TileLayer
  property: 'code' | 'parent'
  value: string
}

/** How a frame's boundaries reach the map: as features, or as tiles of its own and its children's layers. */
export type FrameDrawing =
  | { kind: 'features'; area: AreaFeature; children: readonly AreaFeature[] }
  | { kind: 'tiles'; area: TileSelection; children: TileSelection | null }

export type TiledDrawing = Extract<FrameDrawing, { kind: 'tiles' }>

/** The levels whose frames are drawn from tiles: their children are provinces or prefectures. */
const TILED_LEVELS: readonly AreaLevel[] = ['country', 'province']

/** The tiled drawing of the frame `code` at `level`; null: the frame keeps its boundaries as features. */
export function tiledDrawingOf(code: string, level: AreaLevel): TiledDrawing | null {
  if (!TILED_LEVELS.includes(level)) return null
  const childLevel = childLevelOf(level)
  const childLayer = childLevel ? tileLayerOf(childLevel) : null
  const children: TileSelection | null = childLayer ? { layer: childLayer, property: 'parent', value: code } : null
  const ownLayer = tileLayerOf(level)
  // The country is no tile layer: its outline is its provinces' edges, as its stored geometry (the provinces side by side) draws it.
  const area = ownLayer ? { layer: ownLayer, property: 'code' as const, value: code } : children
  return area ? { kind: 'tiles', area, children } : null
}

/** Ids of the sources the tiled frames add: one per tile layer, kept while any layer draws from it. */
export const TILE_SOURCE_PREFIX = 'area-tiles-'

export function tileSourceId(layer: TileLayer): string {
  return `${TILE_SOURCE_PREFIX}${layer}`
}

/** The vector sources a drawing reads, with tile URLs from `tileUrl` (client.ts knows the route). */
export function tileSources(drawing: TiledDrawing, tileUrl: (layer: TileLayer) => string): Record<string, StyleSource> {
  const sources: Record<string, StyleSource> = {}
  for (const selection of [drawing.area, drawing.children]) {
    if (selection) sources[tileSourceId(selection.layer)] = { type: 'vector', tiles: [tileUrl(selection.layer)], minzoom: 0, maxzoom: MAX_TILE_ZOOM }
  }
  return sources
}

/** A style layer's `source`, `source-layer` and `filter` for the areas of `selection`. */
export function tileSelectionOf(selection: TileSelection) {
  return {
    source: tileSourceId(selection.layer),
    'source-layer': selection.layer,
    filter: ['==', ['get', selection.property], selection.value] as ['==', ['get', string], string],
  }
}

/**
 * The frame's edge and its children's, as the offline style draws them from features (its prefecture-halo,
 * area-boundaries and prefecture-outline layers), bottom first.
 */
export function tiledBoundaryLayers(drawing: TiledDrawing, colours: BasemapColours): StyleLayer[] {
  const outline = tileSelectionOf(drawing.area)
  const layers: StyleLayer[] = [{ id: 'tiled-frame-halo', type: 'line', ...outline, paint: { 'line-color': colours.outlineHalo, 'line-width': 7, 'line-opacity': 0.9 } }]
  if (drawing.children) layers.push({ id: 'tiled-boundaries', type: 'line', ...tileSelectionOf(drawing.children), paint: { 'line-color': colours.boundary, 'line-width': 0.8 } })
  layers.push({ id: 'tiled-frame-outline', type: 'line', ...outline, layout: { 'line-join': 'round' }, paint: { 'line-color': colours.outline, 'line-width': 2.5 } })
  return layers
}
