// The screen's toured area: its edge drawn thick and gold over the choropleth, its inside tinted.
import { GeoJsonLayer } from '@deck.gl/layers'
import type { AreaFeature, AreaProperties } from '../api/responses'

/** Stable: deck.gl diffs layers by id. */
export const TOUR_HIGHLIGHT_ID = 'tour-highlight'

/** The toured area's edge, drawn thick over the choropleth; empty when no area is toured. Not pickable. */
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
