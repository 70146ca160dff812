// The deck.gl layers of a map view, in drawing order, from the view state and the data loaded for it: one
// composition for the dashboard, the export and the screen, so the three draw a view alike. Pure: it only
// composes the factories beside it, whose ids are stable. A layer that is off, or has nothing to draw, is left
// out rather than hidden: deck.gl builds the GPU programs of every layer it is given, and in software GL
// (headless Chromium, VMs without a GPU) each costs a few hundred ms.
//
// Drawing order: the flat layers first (areas, densities, the outline, corridors, units), then the 3D columns,
// so a translucent column shows what stands behind it, then the names.
import type { Layer } from '@deck.gl/core'
import type { AreaFeature } from '../api/responses'
import type { Rgba } from '../data/rgba'
import type { UnitCluster } from '../data/unit-clusters'
import type { UnitDensity } from '../data/unit-density'
import type { UnitPoint } from '../data/units'
import { VIEW_OPACITY_IDS, type ViewOpacityId, type ViewState } from '../../server/shared/view-state'
import { areaColumnsLayer, type AreaColumn, type AreaColumnsOptions } from './area-columns'
import { areaHighlightLayer } from './area-highlight'
import type { CapitalLabel } from '../data/capitals'
import { capitalMarkersLayers } from './capital-markers'
import { areaLabelsLayer, type AreaLabelsOptions, type DrawnLabel } from './area-labels'
import { coverageChoroplethLayer } from './coverage-choropleth'
import { corridorsLayers, type CorridorLine } from './demo-corridors'
import { frameOutlineLayer } from './frame-outline'
import { tourHighlightLayer } from './tour-highlight'
import { unitClustersLayers } from './unit-clusters'
import { unitHeatmapLayer } from './unit-heatmap'
import { unitHexagonsLayer } from './unit-hexagons'
import { unitPointsLayer } from './unit-points'

/** What of a view decides the layers: which are on, and how opaque. */
export type LayerView = Pick<ViewState, 'layers' | 'overlays' | 'opacity'>

/** Each layer's opacity when the view sets none (the factories' own defaults). */
export const DEFAULT_LAYER_OPACITY: Readonly<Record<ViewOpacityId, number>> = {
  choropleth: 0.9,
  units: 1,
  columns: 0.95,
  hexagons: 0.8,
  heatmap: 0.75,
  corridors: 1,
}

/** Every layer's opacity in `view`: its own where it sets one, else the default. */
export function layerOpacity(view: Pick<ViewState, 'opacity'>): Record<ViewOpacityId, number> {
  const opacity = { ...DEFAULT_LAYER_OPACITY }
  for (const id of VIEW_OPACITY_IDS) {
    const set = view.opacity?.[id]
    if (set !== undefined) opacity[id] = set
  }
  return opacity
}

export interface ViewLayersData {
  areas: AreaFeature[] | null // the areas the choropleth colours; null: the map style draws them from the tiles (tiled-choropleth.ts)
  fillOf: (code: string) => Rgba // the measure's colour of an area; keep its identity stable
  labels: readonly DrawnLabel[]
  capitals?: readonly CapitalLabel[] // marked with a ring under the names; their names are among `labels`
  units: readonly UnitPoint[] // located units: the dots, and the heatmap's points
  clusters?: UnitCluster[] | null // given: the units are drawn as these clusters instead of dots
  density?: UnitDensity | null // the hexagons' bins and colour scale; absent: no hexagons
  columns?: AreaColumn[] | null // absent: no columns (the export does not print them)
  corridors?: readonly CorridorLine[] | null // absent: none loaded (off, or still loading)
  outlined?: AreaFeature | null // the area `options.outline` draws; null: the outline layer is empty
}

/** How the outlined area is drawn: the dashboard's hover highlight, the screen's tour, the export's frame. */
export type OutlineStyle = 'highlight' | 'tour' | 'frame'

export interface ViewLayersOptions {
  unitColourOf: (category: string) => Rgba // the dots' and clusters' colour; keep its identity stable
  outline?: OutlineStyle | null // null: no outline layer
  highlightCorridor?: number | null // this corridor's line drawn wider and stronger
  columns?: Partial<AreaColumnsOptions> // the columns' look; their colour is the choropleth's unless given
  labels?: AreaLabelsOptions
}

const OUTLINE_LAYERS: Record<OutlineStyle, (area: AreaFeature | null) => Layer | null> = {
  highlight: areaHighlightLayer,
  tour: tourHighlightLayer,
  frame: (area) => (area ? frameOutlineLayer(area) : null),
}

/** The layers drawn for `view` with `data`, bottom first; ids are stable across calls. */
export function viewLayers(view: LayerView, data: ViewLayersData, options: ViewLayersOptions): Layer[] {
  const on = new Set(view.overlays ?? [])
  const opacity = layerOpacity(view)
  const layers: (Layer | null | false)[] = [
    view.layers.choropleth && data.areas && coverageChoroplethLayer(data.areas, { fillOf: data.fillOf, opacity: opacity.choropleth }),
    on.has('hexagons') && data.density ? unitHexagonsLayer(data.density.bins, { colourOf: data.density.scale.colourOf, opacity: opacity.hexagons }) : null,
    on.has('heatmap') && data.units.length > 0 && unitHeatmapLayer(data.units, { opacity: opacity.heatmap }),
    options.outline ? OUTLINE_LAYERS[options.outline](data.outlined ?? null) : null,
    ...(on.has('corridors') && data.corridors && data.corridors.length > 0
      ? corridorsLayers(data.corridors, { opacity: opacity.corridors, highlightId: options.highlightCorridor ?? null })
      : []),
    ...(view.layers.units ? unitLayers(data, options.unitColourOf, opacity.units) : []),
    on.has('columns') && data.columns ? areaColumnsLayer(data.columns, { colourOf: data.fillOf, opacity: opacity.columns, ...options.columns }) : null,
    ...(view.layers.labels && data.capitals && data.capitals.length > 0 ? capitalMarkersLayers(data.capitals) : []),
    view.layers.labels && areaLabelsLayer(data.labels, options.labels),
  ]
  return layers.filter((layer): layer is Layer => Boolean(layer))
}

function unitLayers(data: ViewLayersData, colourOf: (category: string) => Rgba, opacity: number): Layer[] {
  if (data.clusters) return unitClustersLayers(data.clusters, { colourOf, opacity })
  return [unitPointsLayer(data.units, { colourOf, opacity })]
}
