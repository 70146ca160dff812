// Which of the dashboard's extra layers (view.overlays) a sheet draws, with what each needs: one object
// that both the map's layers and the legend are made from, so the legend has a row for every overlay
// drawn and none for one that is not. Pure.
//
// `columns` (the dashboard's 3D bars) is not printed: it needs a tilted camera, and a tilted map has no
// single scale for the scale bar and 1:n fraction. Nothing is drawn for it and the legend says nothing of it.
import type { CorridorItem } from '../api/client'
import { unitDensity, type UnitDensity } from '../data/unit-density'
import type { UnitPoint } from '../data/units'
import type { ViewState } from '../../server/shared/view-state'
import { heatmapLegendStops, type HeatmapLegendStop } from '../layers/unit-heatmap'

export interface SheetOverlays {
  density: UnitDensity | null // hexagons: null when off, or when no unit has a location to count
  heatmap: { points: readonly UnitPoint[]; ramp: HeatmapLegendStop[] } | null // null when off, or with no located unit
  corridors: { lines: readonly CorridorItem[]; sample: boolean } | null // null when off, or with no line to draw
}

export function sheetOverlaysOf(
  view: Pick<ViewState, 'overlays'>,
  sheet: { units: readonly UnitPoint[]; corridors: readonly CorridorItem[] | null },
): SheetOverlays {
  const on = new Set(view.overlays ?? [])
  const located = sheet.units.length > 0
  const lines = sheet.corridors?.filter((c) => c.path.length >= 2) ?? []
  return {
    density: on.has('hexagons') && located ? unitDensity(sheet.units, 'zh') : null,
    heatmap: on.has('heatmap') && located ? { points: sheet.units, ramp: heatmapLegendStops() } : null,
    corridors: on.has('corridors') && lines.length > 0 ? { lines, sample: lines.some((c) => c.sample) } : null,
  }
}
