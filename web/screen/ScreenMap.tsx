// The centre map: counties by total, 3D columns, unit dots (sensitive categories left out when the
// profile aggregates them), names, and the toured county outlined. The camera flies with the tour.
import { memo, useCallback, useMemo } from 'react'
import type { MapArea } from '../data/area-geometry'
import { tiledChoroplethLayers } from '../layers/tiled-choropleth'
import { categoryPalette } from '../data/category-colours'
import { areaColourOf, measureById, measureScale } from '../data/measures'
import type { ColourScale } from '../data/colour-scales'
import type { Rgba } from '../data/rgba'
import type { AreaColumnsOptions } from '../layers/area-columns'
import { viewLayers, type LayerView } from '../layers/view-layers'
import { AtlasMap } from '../map/AtlasMap'
import type { BasemapColours, StyleLayer } from '../map/offline-style'
import { visibleUnits } from './screen-figures'
import type { ScreenFeed, ScreenPlace } from './screen-feed'

const TOTAL = measureById('total')
const PITCH = 38 // degrees: enough to read the columns, little enough to keep the map legible

/** The screen's view: areas, units, columns and names always on; the areas a little more translucent. */
const SCREEN_VIEW: LayerView = {
  layers: { choropleth: true, units: true, labels: true },
  overlays: ['columns'],
  opacity: { choropleth: 0.82, columns: 1 },
}
const COLUMN_COLOUR: Rgba = [63, 167, 255, 220]
/** One colour for every column (the toured area's is gold), slimmer than the dashboard's, and not pickable. */
const SCREEN_COLUMNS: Partial<AreaColumnsOptions> = { colourOf: () => COLUMN_COLOUR, radiusMetres: 2_600, diskResolution: 12, pickable: false }
/** Names stay readable in front of the 3D columns: drawn without the depth test. */
const SCREEN_LABELS = { size: 18, onTop: true }

export const SCREEN_BASEMAP: BasemapColours = {
  background: '#071426',
  land: '#0f2340',
  boundary: '#5b7aa6',
  outline: '#6fc3ff',
  outlineHalo: '#0b3a66',
}

export interface ScreenMapProps {
  place: ScreenPlace
  feed: ScreenFeed
  focus: MapArea | null
  aggregateSensitive: boolean
  pixelRatio: number
  onError(message: string): void
}

export function useTotalScale(feed: ScreenFeed): ColourScale {
  return useMemo(() => measureScale(TOTAL, feed.current), [feed])
}

function noHover() {}
const NO_STYLE_LAYERS: readonly StyleLayer[] = []

export const ScreenMap = memo(function ScreenMap({ place, feed, focus, aggregateSensitive, pixelRatio, onError }: ScreenMapProps) {
  const scale = useTotalScale(feed)
  const totals = useMemo(() => new Map(feed.current.areas.map((a) => [a.code, a.total])), [feed])
  const coverageByCode = useMemo(() => new Map(feed.current.areas.map((a) => [a.code, a])), [feed])
  const fillOf = useCallback((code: string) => areaColourOf(TOTAL, scale, coverageByCode.get(code)), [scale, coverageByCode])
  const palette = useMemo(() => categoryPalette(feed.current.scheme.categories), [feed])
  const units = useMemo(() => visibleUnits(feed.units, aggregateSensitive), [feed, aggregateSensitive])
  const columns = useMemo(
    () => place.labels.map((l) => ({ code: l.code, position: l.position, value: totals.get(l.code) ?? 0 })),
    [place.labels, totals],
  )
  const focusCode = focus?.properties.code ?? null
  const { drawing } = place
  // The boundaries deck.gl colours; null where the map style draws them from the vector tiles (tiled-frame.ts).
  const featureAreas = useMemo(() => (drawing.kind === 'features' ? (drawing.children.length > 0 ? [...drawing.children] : [drawing.area]) : null), [drawing])
  const outlined = useMemo(() => featureAreas?.find((a) => a.properties.code === focusCode) ?? null, [featureAreas, focusCode])
  const layers = useMemo(
    () =>
      viewLayers(
        SCREEN_VIEW,
        { areas: featureAreas, fillOf, labels: place.labels, units, columns, outlined },
        { unitColourOf: palette.colourOf, outline: 'tour', columns: { ...SCREEN_COLUMNS, highlight: focusCode }, labels: SCREEN_LABELS },
      ),
    [featureAreas, place.labels, fillOf, outlined, focusCode, units, palette, columns],
  )
  const childCodes = useMemo(() => place.areas.map((a) => a.properties.code), [place.areas])
  const styleLayers = useMemo(
    () =>
      drawing.kind === 'tiles'
        ? tiledChoroplethLayers(drawing, { codes: childCodes, fillOf, opacity: SCREEN_VIEW.opacity?.choropleth, outlined: focusCode, outline: 'tour' })
        : NO_STYLE_LAYERS,
    [drawing, childCodes, fillOf, focusCode],
  )
  return (
    <AtlasMap
      outline={place.place}
      drawing={drawing}
      layers={layers}
      styleLayers={styleLayers}
      focus={focus}
      pitch={PITCH}
      pixelRatio={pixelRatio}
      controls={false}
      basemap={SCREEN_BASEMAP}
      onHover={noHover}
      onError={onError}
    />
  )
})
