import { ScatterplotLayer } from '@deck.gl/layers'
import type { HonourLevel } from '../../server/shared/domain'
import type { Rgba } from '../data/rgba'
import type { UnitPoint } from '../data/units'

/** Stable: deck.gl diffs layers by id, and hover handling tells layers apart by it. */
export const UNIT_POINTS_ID = 'unit-points'

/** Point radius in pixels by honour level: a higher level reads as a bigger dot. */
export const UNIT_RADIUS_PIXELS: Readonly<Record<HonourLevel | 'none', number>> = {
  国家级: 8,
  省级: 6.5,
  市级: 5,
  县级: 4,
  none: 3, // not yet named (培育, 申报, 推荐)
}

export interface UnitPointsOptions {
  colourOf: (category: string) => Rgba // keep its identity stable: it is the update trigger
  visible?: boolean // true
  radiusScale?: number // 1: multiplies every radius, e.g. for a print export at high DPI
  opacity?: number // 1
}

/** Units as dots coloured by category and sized by level, with a white outline; pickable. */
export function unitPointsLayer(units: readonly UnitPoint[], { colourOf, visible = true, radiusScale = 1, opacity = 1 }: UnitPointsOptions) {
  return new ScatterplotLayer<UnitPoint>({
    id: UNIT_POINTS_ID,
    data: units, // same array identity until the data changes
    visible,
    opacity,
    getPosition: (u) => u.position,
    getFillColor: (u) => colourOf(u.category),
    getRadius: (u) => UNIT_RADIUS_PIXELS[u.level ?? 'none'],
    radiusUnits: 'pixels',
    radiusScale,
    radiusMinPixels: 2.5,
    radiusMaxPixels: 12,
    stroked: true,
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 1.25,
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [30, 30, 30, 120],
    updateTriggers: { getFillColor: colourOf },
  })
}
