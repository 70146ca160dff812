import { ColumnLayer } from '@deck.gl/layers'
import type { Rgba } from '../data/rgba'

/** Stable: deck.gl diffs layers by id, and hover handling tells layers apart by it. */
export const AREA_COLUMNS_ID = 'area-columns'

export interface AreaColumn {
  code: string
  position: [number, number] // the area's label point
  value: number // the measure's value; 0 for none
}

export interface AreaColumnsOptions {
  colourOf: (code: string) => Rgba // the choropleth's colour for the area, so columns and legend agree
  maxHeightMetres?: number // 30 000: the tallest column
  radiusMetres?: number // 2 500
  visible?: boolean // true
  opacity?: number // 0.95
}

/** One extruded column per area, height proportional to the measure (the tallest is maxHeightMetres). */
export function areaColumnsLayer(columns: AreaColumn[], { colourOf, maxHeightMetres = 30_000, radiusMetres = 2_500, visible = true, opacity = 0.95 }: AreaColumnsOptions) {
  const max = Math.max(0, ...columns.map((c) => c.value))
  const scale = max > 0 ? maxHeightMetres / max : 0
  return new ColumnLayer<AreaColumn>({
    id: AREA_COLUMNS_ID,
    data: columns,
    visible,
    opacity,
    diskResolution: 24,
    radius: radiusMetres,
    extruded: true,
    getPosition: (c) => c.position,
    getElevation: (c) => c.value * scale,
    getFillColor: (c) => colourOf(c.code),
    pickable: true,
    autoHighlight: true,
    updateTriggers: { getFillColor: colourOf, getElevation: scale },
  })
}
