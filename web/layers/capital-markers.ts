import { ScatterplotLayer } from '@deck.gl/layers'
import type { Layer } from '@deck.gl/core'
import type { CapitalLabel } from '../data/capitals'

export const CAPITAL_MARKERS_ID = 'capital-markers'

/** A capital's ring: a dark dot in a white disc with a dark edge, the 省会 symbol of Chinese maps; its name is a label. */
export function capitalMarkersLayers(capitals: readonly CapitalLabel[]): Layer[] {
  const common = { data: capitals, getPosition: (c: CapitalLabel) => c.position, radiusUnits: 'pixels' as const, pickable: false }
  return [
    new ScatterplotLayer<CapitalLabel>({ ...common, id: `${CAPITAL_MARKERS_ID}-ring`, getRadius: 6, getFillColor: [255, 255, 255, 255], stroked: true, getLineColor: [38, 44, 52, 255], lineWidthUnits: 'pixels', getLineWidth: 1.5 }),
    new ScatterplotLayer<CapitalLabel>({ ...common, id: `${CAPITAL_MARKERS_ID}-dot`, getRadius: 2.5, getFillColor: [38, 44, 52, 255] }),
  ]
}
