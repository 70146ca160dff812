// One MapLibre map over the offline basemap (offline-style.ts), with the atlas's settings: no rotation or
// pitch by hand, no fade, the background painted behind the canvas. The atlas map (AtlasMap, deck.gl on top)
// and the unit form's location map (web/units/UnitLocationMap.tsx) both start from it.
import * as maplibregl from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { AreaFeature } from '../api/responses'
import { setSourceFeatures } from './layer-draws'
import { BASEMAP_COLOURS, BOUNDARY_SOURCE, offlineStyle, OUTLINE_SOURCE, paintMapBackground, type BasemapColours } from './offline-style'

// maplibre-gl finds its worker next to its own module, which Vite moves when it bundles; without this
// the production map stays blank.
maplibregl.setWorkerUrl(workerUrl)

export interface OfflineMapOptions {
  colours?: BasemapColours // BASEMAP_COLOURS (light)
  pixelRatio?: number // window.devicePixelRatio
  controls?: boolean // true: zoom buttons and scale bar
  transformRequest?: maplibregl.RequestTransformFunction // none: MapLibre's requests as they are (e.g. the tiles' credential: client.ts tileRequest)
}

/** A map in `container` drawing the offline basemap; its boundary sources stay empty until showAreas. */
export function createOfflineMap(container: HTMLElement, { colours = BASEMAP_COLOURS, pixelRatio, controls = true, transformRequest }: OfflineMapOptions = {}): maplibregl.Map {
  paintMapBackground(container, colours)
  const map = new maplibregl.Map({
    container,
    style: offlineStyle(colours),
    pixelRatio,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    fadeDuration: 0,
    transformRequest,
  })
  if (controls) {
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right')
  }
  return map
}

/** Draws `outline` (strongest; null: none) and the edges of `boundaries`; call once the style has loaded. */
export function showAreas(map: maplibregl.Map, outline: AreaFeature | null, boundaries: readonly AreaFeature[]): void {
  setSourceFeatures(map, OUTLINE_SOURCE, outline ? [outline] : [])
  setSourceFeatures(map, BOUNDARY_SOURCE, boundaries)
}
