// The export's framed area: its edge above the choropleth.
import { GeoJsonLayer } from '@deck.gl/layers'
import type { AreaFeature, AreaProperties } from '../api/responses'

/** Stable: deck.gl diffs layers by id. */
export const FRAME_OUTLINE_ID = 'export-frame-outline'

export interface FrameOutlineOptions {
  width?: number // 2.5: CSS px
  colour?: [number, number, number, number] // [74, 85, 99, 255]: the basemap's outline colour
}

/** The framed area's edge above the choropleth, so a township page shows which cell it is about. */
export function frameOutlineLayer(frame: AreaFeature, { width = 2.5, colour = [74, 85, 99, 255] }: FrameOutlineOptions = {}) {
  return new GeoJsonLayer<AreaProperties>({
    id: FRAME_OUTLINE_ID,
    data: [frame],
    filled: false,
    stroked: true,
    getLineColor: colour,
    getLineWidth: width,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    pickable: false,
  })
}
