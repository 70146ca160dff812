// The centre map: counties by total, 3D columns, unit dots (sensitive categories left out when the
// profile aggregates them), names, and the toured county outlined. The camera flies with the tour.
import type { LayersList } from '@deck.gl/core'
import { memo, useCallback, useMemo } from 'react'
import type { AreaFeature } from '../api/responses'
import { categoryPalette } from '../data/category-colours'
import { measureById, measureScale } from '../data/measures'
import type { ColourScale } from '../data/colour-scales'
import { areaLabelsLayer } from '../layers/area-labels'
import { coverageChoroplethLayer } from '../layers/coverage-choropleth'
import { unitPointsLayer } from '../layers/unit-points'
import { AtlasMap } from '../map/AtlasMap'
import type { BasemapColours } from '../map/offline-style'
import { visibleUnits } from './screen-figures'
import type { ScreenFeed, ScreenPlace } from './screen-feed'
import { areaColumnsLayer, tourHighlightLayer } from './screen-layers'

const TOTAL = measureById('total')
const PITCH = 38 // degrees: enough to read the columns, little enough to keep the map legible

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
  focus: AreaFeature | null
  aggregateSensitive: boolean
  pixelRatio: number
  onError(message: string): void
}

export function useTotalScale(feed: ScreenFeed): ColourScale {
  return useMemo(() => measureScale(TOTAL, feed.current), [feed])
}

function noHover() {}

export const ScreenMap = memo(function ScreenMap({ place, feed, focus, aggregateSensitive, pixelRatio, onError }: ScreenMapProps) {
  const scale = useTotalScale(feed)
  const totals = useMemo(() => new Map(feed.current.areas.map((a) => [a.code, a.total])), [feed])
  const fillOf = useCallback((code: string) => scale.colourOf(totals.get(code) ?? null), [scale, totals])
  const palette = useMemo(() => categoryPalette(feed.current.scheme.categories), [feed])
  const units = useMemo(() => visibleUnits(feed.units, aggregateSensitive), [feed, aggregateSensitive])
  const columns = useMemo(
    () => place.labels.map((l) => ({ code: l.code, position: l.position, value: totals.get(l.code) ?? 0 })),
    [place.labels, totals],
  )
  const focusCode = focus?.properties.code ?? null
  const layers: LayersList = useMemo(
    () => [
      coverageChoroplethLayer(place.areas, { fillOf, opacity: 0.82 }),
      tourHighlightLayer(focus),
      unitPointsLayer(units, { colourOf: palette.colourOf }),
      areaColumnsLayer(columns, { highlight: focusCode }),
      // Names stay readable in front of the 3D columns: drawn without the depth test.
      areaLabelsLayer(place.labels, { size: 18 }).clone({ parameters: { depthCompare: 'always' } }),
    ],
    [place.areas, place.labels, fillOf, focus, focusCode, units, palette, columns],
  )
  return (
    <AtlasMap
      outline={place.place}
      boundaries={place.areas}
      layers={layers}
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
