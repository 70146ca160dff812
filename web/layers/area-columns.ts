// One extruded column per area at its label point, height proportional to a value: the dashboard's 3D bars
// (coloured like the choropleth, pickable) and the screen's columns (one colour, the toured area's in gold).
import { ColumnLayer } from '@deck.gl/layers'
import type { AreaLabel } from '../data/area-geometry'
import type { Rgba } from '../data/rgba'

/** Stable: deck.gl diffs layers by id, and hover handling tells layers apart by it. */
export const AREA_COLUMNS_ID = 'area-columns'

export interface AreaColumn {
  code: string
  position: [number, number] // the area's label point
  value: number // the measure's value; 0 for none
}

export interface AreaColumnsOptions {
  colourOf: (code: string) => Rgba // a column's fill, e.g. the choropleth's colour so columns and legend agree; keep its identity stable
  highlight?: string | null // null: this area's column is drawn in highlightColour instead
  highlightColour?: Rgba // [255, 209, 102, 240]: gold
  maxHeightMetres?: number // 30 000: the tallest column
  radiusMetres?: number // 2 500
  diskResolution?: number // 24: sides of a column
  pickable?: boolean // true: hover and click, with the hovered column highlighted
  visible?: boolean // true
  opacity?: number // 0.95
}

export const COLUMN_HIGHLIGHT_COLOUR: Rgba = [255, 209, 102, 240]

/** The camera's tilt in degrees whenever a view shows the columns: the dashboard's and the export's. */
export const COLUMNS_PITCH = 45

/** One column per area's label point with figures (`figuresOf`); a value of null (no figure) stands as 0. */
export function areaColumnsOf<F>(labels: readonly AreaLabel[], figuresOf: ReadonlyMap<string, F>, valueOf: (figures: F) => number | null): AreaColumn[] {
  return labels.flatMap(({ code, position }) => {
    const figures = figuresOf.get(code)
    return figures !== undefined ? [{ code, position, value: valueOf(figures) ?? 0 }] : []
  })
}

/** One extruded column per area, height proportional to the value (the tallest is maxHeightMetres). */
export function areaColumnsLayer(columns: AreaColumn[], options: AreaColumnsOptions) {
  const {
    colourOf,
    highlight = null,
    highlightColour = COLUMN_HIGHLIGHT_COLOUR,
    maxHeightMetres = 30_000,
    radiusMetres = 2_500,
    diskResolution = 24,
    pickable = true,
    visible = true,
    opacity = 0.95,
  } = options
  const max = Math.max(0, ...columns.map((c) => c.value))
  const scale = max > 0 ? maxHeightMetres / max : 0
  return new ColumnLayer<AreaColumn>({
    id: AREA_COLUMNS_ID,
    data: columns,
    visible,
    opacity,
    diskResolution,
    radius: radiusMetres,
    extruded: true,
    getPosition: (c) => c.position,
    getElevation: (c) => c.value * scale,
    getFillColor: (c) => (c.code === highlight ? highlightColour : colourOf(c.code)),
    pickable,
    autoHighlight: pickable,
    updateTriggers: { getFillColor: [colourOf, highlight, highlightColour], getElevation: scale },
  })
}
