import { GeoJsonLayer } from '@deck.gl/layers'
import type { AreaFeature, AreaProperties } from '../api/responses'
import type { Rgba } from '../data/rgba'

/** Stable: deck.gl diffs layers by id, and hover handling tells layers apart by it. */
export const COVERAGE_CHOROPLETH_ID = 'coverage-choropleth'

export interface CoverageChoroplethOptions {
  fillOf: (code: string) => Rgba // the active measure's colour for an area; keep its identity stable
  visible?: boolean // true
  opacity?: number // 0.9: lets the prefecture outline beneath show at the edge
}

/** Areas filled by the active measure, with thin white borders; pickable for the tooltip. */
export function coverageChoroplethLayer(areas: AreaFeature[], { fillOf, visible = true, opacity = 0.9 }: CoverageChoroplethOptions) {
  return new GeoJsonLayer<AreaProperties>({
    id: COVERAGE_CHOROPLETH_ID,
    data: areas,
    visible,
    opacity,
    filled: true,
    stroked: true,
    getFillColor: (f) => fillOf(f.properties.code),
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 70],
    updateTriggers: { getFillColor: fillOf },
  })
}
