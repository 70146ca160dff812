import { PolygonLayer } from '@deck.gl/layers'
import type { HexBin } from '../data/hex-bins'
import type { Rgba } from '../data/rgba'

/** Stable: deck.gl diffs layers by id, and hover handling tells layers apart by it. */
export const UNIT_HEXAGONS_ID = 'unit-hexagons'

export interface UnitHexagonsOptions {
  colourOf: (count: number) => Rgba // the density legend's scale (colour-scales.ts), so legend and map agree
  visible?: boolean // true
  opacity?: number // 0.8
}

/** Hexagons of fixed ground size filled by how many units fall in each. */
export function unitHexagonsLayer(bins: HexBin[], { colourOf, visible = true, opacity = 0.8 }: UnitHexagonsOptions) {
  return new PolygonLayer<HexBin>({
    id: UNIT_HEXAGONS_ID,
    data: bins,
    visible,
    opacity,
    getPolygon: (b) => b.ring,
    getFillColor: (b) => colourOf(b.count),
    stroked: true,
    getLineColor: [255, 255, 255, 200],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    pickable: true,
    updateTriggers: { getFillColor: colourOf },
  })
}
