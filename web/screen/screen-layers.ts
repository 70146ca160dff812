// deck.gl layers only the screen draws: 3D columns per area and the tour's highlight. Pure factories
// with stable ids, like web/layers (they can move there when the dashboard needs them).
import { ColumnLayer, GeoJsonLayer } from '@deck.gl/layers'
import type { AreaFeature, AreaProperties } from '../api/responses'
import type { Rgba } from '../data/rgba'

export const AREA_COLUMNS_ID = 'area-columns'
export const TOUR_HIGHLIGHT_ID = 'tour-highlight'

export interface AreaColumn {
  code: string
  position: [number, number]
  value: number
}

export interface AreaColumnsOptions {
  maxHeightMeters?: number // 30 000: the tallest column
  radiusMeters?: number // 2 600
  colour?: Rgba // [63, 167, 255, 220]
  highlight?: string | null // this area's column in `highlightColour`
  highlightColour?: Rgba // [255, 209, 102, 240]
}

/** One extruded column per area at its label point, height proportional to its value. */
export function areaColumnsLayer(columns: AreaColumn[], options: AreaColumnsOptions = {}) {
  const { maxHeightMeters = 30_000, radiusMeters = 2_600, colour = [63, 167, 255, 220], highlight = null, highlightColour = [255, 209, 102, 240] } = options
  const max = Math.max(1, ...columns.map((c) => c.value))
  return new ColumnLayer<AreaColumn>({
    id: AREA_COLUMNS_ID,
    data: columns,
    diskResolution: 12,
    radius: radiusMeters,
    extruded: true,
    elevationScale: maxHeightMeters / max,
    getPosition: (c) => c.position,
    getElevation: (c) => c.value,
    getFillColor: (c) => (c.code === highlight ? highlightColour : colour),
    updateTriggers: { getFillColor: [highlight] },
    pickable: false,
  })
}

/** The toured area's edge, drawn thick over the choropleth. */
export function tourHighlightLayer(area: AreaFeature | null) {
  return new GeoJsonLayer<AreaProperties>({
    id: TOUR_HIGHLIGHT_ID,
    data: area ? [area] : [],
    filled: true,
    getFillColor: [255, 209, 102, 40],
    stroked: true,
    getLineColor: [255, 209, 102, 255],
    getLineWidth: 4,
    lineWidthUnits: 'pixels',
    pickable: false,
  })
}
