// What the pointer is on, from a map hit: a hit names the layer and the index into the data that layer drew,
// so it is read against that same data (after a drill-down, an old hit's index means another area).
import type { CorridorItem } from '../api/client'
import type { AreaFeature, CoverageArea } from '../api/responses'
import type { UnitPoint } from '../data/units'
import { AREA_COLUMNS_ID, type AreaColumn } from '../layers/area-columns'
import { COVERAGE_CHOROPLETH_ID } from '../layers/coverage-choropleth'
import { CORRIDORS_ID } from '../layers/demo-corridors'
import { UNIT_POINTS_ID } from '../layers/unit-points'
import type { MapHit } from '../map/AtlasMap'
import type { HoverTarget } from './panels/Tooltip'

/** The data the map's pickable layers drew, as the dashboard handed it to viewLayers. */
export interface DrawnData {
  areas: readonly AreaFeature[] // the deck.gl choropleth's ([] when the map style draws it from tiles)
  columns: readonly AreaColumn[]
  coverageByCode: ReadonlyMap<string, CoverageArea>
  points: readonly UnitPoint[]
  corridors: readonly CorridorItem[] | null
}

/** The area under a hit on the choropleth or a column, with its coverage; null for anything else. */
export function areaOfHit(hit: MapHit | null, drawn: DrawnData): CoverageArea | null {
  if (!hit) return null
  // A hit on the tiled choropleth names its area's code; one on deck.gl's indexes its areas.
  if (hit.layerId === COVERAGE_CHOROPLETH_ID) return drawn.coverageByCode.get(hit.code ?? drawn.areas[hit.index]?.properties.code ?? '') ?? null
  if (hit.layerId === AREA_COLUMNS_ID) return drawn.coverageByCode.get(drawn.columns[hit.index]?.code ?? '') ?? null
  return null
}

/** What the tooltip shows for a hit: a corridor, a unit or an area; null for nothing it describes. */
export function hoverTargetOf(hit: MapHit | null, drawn: DrawnData): HoverTarget | null {
  if (!hit) return null
  if (hit.layerId === CORRIDORS_ID) {
    const corridor = drawn.corridors?.[hit.index]
    return corridor ? { kind: 'corridor', corridor, x: hit.x, y: hit.y } : null
  }
  if (hit.layerId === UNIT_POINTS_ID) {
    const unit = drawn.points[hit.index]
    return unit ? { kind: 'unit', unit, x: hit.x, y: hit.y } : null
  }
  const area = areaOfHit(hit, drawn)
  return area ? { kind: 'area', area, x: hit.x, y: hit.y } : null
}
