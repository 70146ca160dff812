// Where units cluster, as a smooth density surface (deck.gl's Gaussian-kernel HeatmapLayer), weighted by
// honour level. The ramp is one constant, so the dashboard's legend shows exactly the colours drawn.
import { HeatmapLayer } from '@deck.gl/aggregation-layers'
import { interpolateRdPu } from 'd3'
import type { HonourLevel } from '../../server/shared/domain'
import { cssOf, rgbaOf, type Rgba } from '../data/rgba'

/** Stable: deck.gl diffs layers by id, and the layer panel tells layers apart by it. */
export const UNIT_HEATMAP_ID = 'unit-heatmap'

/**
 * What one unit adds to the density, by honour level: each level counts twice the one below, so one
 * 国家级 unit weighs as much as eight 县级 ones. Units not yet named (培育, 申报, 推荐) count half a 县级.
 */
export const HEATMAP_WEIGHTS: Readonly<Record<HonourLevel | 'none', number>> = {
  国家级: 8,
  省级: 4,
  市级: 2,
  县级: 1,
  none: 0.5,
}

/** Colours in the ramp: deck.gl interpolates linearly between them on the GPU. */
const HEATMAP_STEPS = 6
/** Where the ramp starts on d3's scale: below this RdPu is near-white and vanishes on the light basemap. */
const HEATMAP_RAMP_START = 0.2

/**
 * The heatmap's colours, low density first, from d3.interpolateRdPu (apart from the choropleth's YlOrRd
 * and the hexagons' PuBuGn). Also the layer's colorRange: keep the identity, deck.gl rebuilds its colour
 * texture whenever colorRange is a different array. Do not mutate.
 */
export const HEATMAP_COLOURS: Rgba[] = Array.from({ length: HEATMAP_STEPS }, (_, i) =>
  rgbaOf(interpolateRdPu(HEATMAP_RAMP_START + ((1 - HEATMAP_RAMP_START) * i) / (HEATMAP_STEPS - 1))),
)

export interface HeatmapPoint {
  position: [number, number] // [lon, lat]
  level: HonourLevel | null // null: not yet named at any level
}

export interface UnitHeatmapOptions {
  visible?: boolean // true
  opacity?: number // 0.75: the boundaries and choropleth stay readable under it
  radiusPixels?: number // 40: kernel radius in screen pixels (deck.gl allows 1–100)
}

export function heatmapWeightOf(level: HonourLevel | null): number {
  return HEATMAP_WEIGHTS[level ?? 'none']
}

/** Unit density weighted by honour level; not pickable (a density has no single object under the pointer). */
export function unitHeatmapLayer<P extends HeatmapPoint>(points: readonly P[], { visible = true, opacity = 0.75, radiusPixels = 40 }: UnitHeatmapOptions = {}) {
  return new HeatmapLayer<P>({
    id: UNIT_HEATMAP_ID,
    data: points, // same array identity until the data changes
    visible,
    opacity,
    radiusPixels,
    getPosition: (p) => p.position,
    getWeight: (p) => heatmapWeightOf(p.level), // HEATMAP_WEIGHTS is constant: no update trigger needed
    colorRange: HEATMAP_COLOURS,
    aggregation: 'SUM',
  })
}

export interface HeatmapLegendStop {
  offset: number // 0..1 along the legend bar
  css: string // #rrggbb
}

/**
 * The ramp as CSS gradient stops, e.g. `linear-gradient(to right, ${stops.map(s => `${s.css} ${s.offset * 100}%`)})`.
 * deck.gl samples its n-texel colour texture linearly, so colour i sits at (i + 0.5) / n and the ends
 * are flat: stops at the same offsets draw the same gradient.
 */
export function heatmapLegendStops(): HeatmapLegendStop[] {
  return HEATMAP_COLOURS.map((rgba, i) => ({ offset: (i + 0.5) / HEATMAP_COLOURS.length, css: cssOf(rgba) }))
}
