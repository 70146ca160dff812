// The hexagon density layer's data and its legend, from one call: the dashboard and the print export draw
// the same hexagons in the same classes. Pure.
import { interpolatePuBuGn } from 'd3'
import { colourScale, type ColourScale } from './colour-scales'
import { hexBins, type HexBin } from './hex-bins'
import type { ViewLanguage } from '../../server/shared/view-state'

/** Centre-to-corner size of a density hexagon on the ground. */
export const DENSITY_HEX_RADIUS_KM = 6

export interface UnitDensity {
  bins: HexBin[] // hexagons holding at least one unit
  scale: ColourScale // classes of units per hexagon (PuBuGn, apart from the choropleth's YlOrRd): colours the hexagons and the legend
}

const TITLES: Record<ViewLanguage, string> = {
  zh: `单位密度（每六边形，半径 ${DENSITY_HEX_RADIUS_KM} km）`,
  en: `Unit density (per hexagon, ${DENSITY_HEX_RADIUS_KM} km)`,
}

/** Units counted per hexagon of DENSITY_HEX_RADIUS_KM, with the colour scale of those counts. */
export function unitDensity(points: readonly { position: [number, number] }[], lang: ViewLanguage): UnitDensity {
  const bins = hexBins(
    points.map((p) => p.position),
    { radiusKm: DENSITY_HEX_RADIUS_KM },
  )
  const scale = colourScale(
    bins.map((b) => b.count),
    { title: TITLES[lang], integer: true, interpolate: interpolatePuBuGn },
  )
  return { bins, scale }
}
