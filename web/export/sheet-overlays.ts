// Which of the dashboard's extra layers (view.overlays) a sheet draws, with what each needs: one object
// that both the map's layers and the legend are made from, so the legend has a row for every overlay
// drawn and none for one that is not. Pure.
//
// `columns` (the dashboard's 3D bars) is printed as the dashboard shows it, with the camera tilted by
// COLUMNS_PITCH; a tilted map has no single scale, so such a sheet prints no scale bar or 1:n fraction and says why.
import type { CorridorItem } from '../api/client'
import { unitDensity, type UnitDensity } from '../data/unit-density'
import type { UnitPoint } from '../data/units'
import type { ViewState } from '../../server/shared/view-state'
import { heatmapLegendStops, type HeatmapLegendStop } from '../layers/unit-heatmap'

export interface SheetOverlays {
  density: UnitDensity | null // hexagons: null when off, or when no unit has a location to count
  heatmap: { points: readonly UnitPoint[]; ramp: HeatmapLegendStop[] } | null // null when off, or with no located unit
  corridors: { lines: readonly CorridorItem[]; sample: boolean } | null // null when off, or with no line to draw
  columns: boolean // the 3D columns, on a tilted map
}

export function sheetOverlaysOf(
  view: Pick<ViewState, 'overlays'> & Partial<Pick<ViewState, 'lang'>>,
  sheet: { units: readonly UnitPoint[]; corridors: readonly CorridorItem[] | null },
): SheetOverlays {
  const on = new Set(view.overlays ?? [])
  const located = sheet.units.length > 0
  const lines = sheet.corridors?.filter((c) => c.path.length >= 2) ?? []
  return {
    density: on.has('hexagons') && located ? unitDensity(sheet.units, view.lang ?? 'zh') : null,
    heatmap: on.has('heatmap') && located ? { points: sheet.units, ramp: heatmapLegendStops() } : null,
    corridors: on.has('corridors') && lines.length > 0 ? { lines, sample: lines.some((c) => c.sample) } : null,
    columns: on.has('columns'),
  }
}
