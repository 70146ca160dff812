import { GeoJsonLayer } from '@deck.gl/layers'
import type { AreaFeature, AreaProperties } from '../api/responses'

/** Stable: deck.gl diffs layers by id. */
export const AREA_HIGHLIGHT_ID = 'area-highlight'

/** A strong outline around one area: the one a chart row or the pointer points at. Not pickable. */
export function areaHighlightLayer(area: AreaFeature | null) {
  return new GeoJsonLayer<AreaProperties>({
    id: AREA_HIGHLIGHT_ID,
    data: area ? [area] : [],
    filled: false,
    stroked: true,
    getLineColor: [20, 30, 45, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: false,
  })
}
