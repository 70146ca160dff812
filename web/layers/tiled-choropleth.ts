// The choropleth of a frame drawn from the vector tiles (web/map/tiled-frame.ts): MapLibre style layers rather
// than deck.gl layers, made by the same kind of pure factory (view, data) → layers with stable ids. MapLibre
// draws them under the deck.gl overlay, so names, columns and units stay on top as before. The fill is coloured
// by a `match` on the tiles' `code`, built from the measure's colour of each area (fillOf, as the deck.gl
// choropleth's getFillColor), so legend, 暂无数据 grey and map agree.
import { cssOf, type Rgba } from '../data/rgba'
import { tileSelectionOf, type TiledDrawing } from '../map/tiled-frame'
import type { StyleLayer } from '../map/offline-style'
import { COVERAGE_CHOROPLETH_ID } from './coverage-choropleth'
import type { OutlineStyle } from './view-layers'

/** The white edges between the filled areas (the deck.gl choropleth strokes them 1 px white). */
export const TILED_CHOROPLETH_EDGES_ID = 'coverage-choropleth-edges'
/** The outlined area: the dashboard's hover highlight, the screen's toured area. */
export const TILED_OUTLINE_ID = 'tiled-area-outline'
export const TILED_OUTLINE_FILL_ID = 'tiled-area-outline-fill'

export interface TiledChoroplethOptions {
  codes: readonly string[] // the frame's children: each gets its fillOf colour
  fillOf: (code: string) => Rgba // the measure's colour of an area
  choropleth?: boolean // true: false draws only the outline (the choropleth layer is off)
  opacity?: number // 0.9
  outlined?: string | null // null: this area's edge drawn in `outline`'s style
  outline?: OutlineStyle | null // null: none
}

/** The style layers of a tiled frame's choropleth and outlined area, bottom first; [] without children. */
export function tiledChoroplethLayers(drawing: TiledDrawing, options: TiledChoroplethOptions): StyleLayer[] {
  const { codes, fillOf, choropleth = true, opacity = 0.9, outlined = null, outline = null } = options
  if (!drawing.children) return []
  const children = tileSelectionOf(drawing.children)
  const layers: StyleLayer[] = []
  if (choropleth) {
    const fallback = 'rgba(0, 0, 0, 0)' // never drawn: the filter keeps the frame's children, and `codes` are all of them
    const colour = codes.length > 0 ? ['match', ['get', 'code'], ...codes.flatMap((code) => [code, cssOf(fillOf(code))]), fallback] : fallback
    layers.push(
      // metadata.pickable: AtlasMap reports the area under the pointer in this layer as a hit
      { id: COVERAGE_CHOROPLETH_ID, type: 'fill', ...children, metadata: { pickable: true }, paint: { 'fill-color': colour as never, 'fill-opacity': opacity, 'fill-antialias': false } }, // the edges line covers the rim; an antialiased fill builds one more GPU program (~0.3 s in software GL)
      { id: TILED_CHOROPLETH_EDGES_ID, type: 'line', ...children, paint: { 'line-color': '#ffffff', 'line-width': 1, 'line-opacity': opacity } },
    )
  }
  if (outline && outlined !== null && outline !== 'frame') {
    const area = { ...children, filter: ['==', ['get', 'code'], outlined] as ['==', ['get', string], string] }
    if (outline === 'tour') layers.push({ id: TILED_OUTLINE_FILL_ID, type: 'fill', ...area, paint: { 'fill-color': 'rgba(255, 209, 102, 0.16)', 'fill-antialias': false } })
    const [width, colour] = outline === 'tour' ? [4, 'rgb(255, 209, 102)'] : [3, 'rgb(20, 30, 45)']
    layers.push({ id: TILED_OUTLINE_ID, type: 'line', ...area, paint: { 'line-color': colour, 'line-width': width } })
  }
  return layers
}
