// MapLibre owns the camera and draws the offline basemap; deck.gl draws the data on top of it.
import type { LayersList, PickingInfo } from '@deck.gl/core'
import { MapboxOverlay } from '@deck.gl/mapbox'
import * as maplibregl from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useLayoutEffect, useRef, useState } from 'react'
import type { AreaFeature } from '../api/responses'
import { boundsOf } from '../data/area-geometry'
import { setMapReady } from './map-status'
import { BASEMAP_COLOURS, BOUNDARY_SOURCE, offlineStyle, OUTLINE_SOURCE, type BasemapColours } from './offline-style'

// maplibre-gl finds its worker next to its own module, which Vite moves when it bundles; without this
// the production map stays blank.
maplibregl.setWorkerUrl(workerUrl)

/** What the pointer is over: a layer's id and the index of the object in that layer's data. */
export interface MapHit {
  layerId: string
  index: number
  x: number // pixels from the map's top-left corner
  y: number
}

export interface AtlasMapProps {
  outline: AreaFeature // the area the map frames; its edge is drawn strongest
  boundaries: readonly AreaFeature[] // child areas' edges, drawn under the deck.gl layers
  layers: LayersList // deck.gl layers; the map shows "ready" only once they have drawn
  pending?: boolean // false: newer data is loading, so what is drawn is not yet "ready"
  onHover(hit: MapHit | null): void
  onError(message: string): void
  // Options the briefing screen (/screen) sets; the defaults are the map page's.
  focus?: AreaFeature | null // null: frame `outline`; an area: fly to it (the screen's tour)
  pitch?: number // 0: degrees of tilt, e.g. to show 3D columns
  pixelRatio?: number // window.devicePixelRatio: a map drawn small and CSS-scaled up draws at the shown size
  controls?: boolean // true: zoom buttons and scale bar
  basemap?: BasemapColours // BASEMAP_COLOURS (light)
}

/** Room kept around the framed area for the cards that float over the map. */
const FRAME_PADDING = { top: 56, right: 56, bottom: 40, left: 56 }

/**
 * All effects here are layout effects: a change of layers and the ready flag dropping to "0" then happen
 * in the same task as the DOM update, so an observer never sees new panels with a stale "ready".
 */
export function AtlasMap({
  outline,
  boundaries,
  layers,
  pending = false,
  onHover,
  onError,
  focus = null,
  pitch = 0,
  pixelRatio,
  controls = true,
  basemap = BASEMAP_COLOURS,
}: AtlasMapProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<maplibregl.Map | null>(null)
  const overlayRef = useRef<MapboxOverlay | null>(null)
  const requestedLayers = useRef<LayersList>([]) // what deck.gl was last given
  const drawnLayers = useRef<LayersList | null>(null) // what deck.gl last drew
  const renderWaiters = useRef<(() => void)[]>([])
  const callbacks = useRef({ onHover, onError })
  const [styleLoaded, setStyleLoaded] = useState(false)
  const framed = useRef(false) // the first framing is instant; later ones (the tour) fly

  useLayoutEffect(() => {
    callbacks.current = { onHover, onError }
  }, [onHover, onError])

  useLayoutEffect(() => {
    const container = containerRef.current
    if (!container) return
    const map = new maplibregl.Map({
      container,
      style: offlineStyle(basemap),
      pixelRatio,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      fadeDuration: 0,
    })
    const overlay = new MapboxOverlay({
      interleaved: false, // interleaved mode crashes with maplibre-gl 6 (see stack notes)
      useDevicePixels: pixelRatio ?? true,
      layers: [],
      onHover: (info: PickingInfo) => {
        const hit = hitOf(info)
        map.getCanvas().style.cursor = hit ? 'pointer' : ''
        callbacks.current.onHover(hit)
      },
      onAfterRender: () => {
        drawnLayers.current = requestedLayers.current
        for (const waiter of renderWaiters.current.splice(0)) waiter()
      },
      onError: (error: Error) => callbacks.current.onError(`deck.gl: ${error.message}`),
    })
    map.addControl(overlay)
    if (controls) {
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
      map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right')
    }
    map.on('load', () => setStyleLoaded(true))
    map.on('error', (event) => callbacks.current.onError(`MapLibre: ${event.error.message}`))
    mapRef.current = map
    overlayRef.current = overlay
    return () => {
      map.remove() // also removes the overlay control, which finalizes deck.gl
      mapRef.current = null
      overlayRef.current = null
      framed.current = false
      setStyleLoaded(false)
    }
    // Basemap colours, pixel ratio and controls are read once; the effects below follow later changes.
  }, [])

  useLayoutEffect(() => {
    if (pixelRatio === undefined) return
    mapRef.current?.setPixelRatio(pixelRatio)
    overlayRef.current?.setProps({ useDevicePixels: pixelRatio })
  }, [pixelRatio])

  useLayoutEffect(() => {
    const map = mapRef.current
    if (!map || !styleLoaded) return
    setSourceFeatures(map, OUTLINE_SOURCE, [outline])
    setSourceFeatures(map, BOUNDARY_SOURCE, boundaries)
  }, [styleLoaded, outline, boundaries])

  useLayoutEffect(() => {
    const map = mapRef.current
    const bounds = boundsOf([focus ?? outline])
    if (!map || !bounds) return
    map.fitBounds(bounds, { padding: FRAME_PADDING, pitch, animate: framed.current, duration: 1800 })
    framed.current = true
  }, [outline, focus, pitch])

  useLayoutEffect(() => {
    requestedLayers.current = layers
    // A layer instance is bound to the Deck that first drew it, and the map (with its Deck) can be
    // recreated while the caller's memoized layers live on: React StrictMode remounts in development.
    // Clones share every prop, data included, so deck.gl still diffs them by id and recomputes nothing.
    overlayRef.current?.setProps({ layers: cloneLayers(layers) })
  }, [layers])

  // Ready = deck.gl has drawn the current layers, MapLibre is idle with the current sources, and two
  // more frames have passed so deck.gl has caught up with the camera MapLibre settled on.
  useLayoutEffect(() => {
    const map = mapRef.current
    setMapReady(false)
    if (!map || !styleLoaded || layers.length === 0 || pending) return
    let current = true // false once newer data or layers have superseded these
    const deckDrawn = new Promise<void>((resolve) => {
      const check = () => {
        if (drawnLayers.current === layers) resolve()
        else if (current) renderWaiters.current.push(check)
      }
      check()
    })
    const mapIdle = new Promise<void>((resolve) => map.once('idle', () => resolve()))
    map.triggerRepaint()
    void Promise.all([mapIdle, deckDrawn])
      .then(() => animationFrames(2))
      .then(() => {
        if (current) setMapReady(true)
      })
    return () => {
      current = false
    }
  }, [styleLoaded, outline, boundaries, layers, pending])

  return <div ref={containerRef} className="atlas-map" />
}

function cloneLayers(layers: LayersList): LayersList {
  return layers.map((layer) => (Array.isArray(layer) ? cloneLayers(layer) : layer ? layer.clone({}) : layer))
}

function animationFrames(count: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => {
      if (left === 0) resolve()
      else requestAnimationFrame(() => step(left - 1))
    }
    step(count)
  })
}

function hitOf(info: PickingInfo): MapHit | null {
  if (!info.picked || !info.layer || info.index < 0) return null
  return { layerId: info.layer.id, index: info.index, x: info.x, y: info.y }
}

function setSourceFeatures(map: maplibregl.Map, sourceId: string, features: readonly AreaFeature[]): void {
  const source = map.getSource(sourceId)
  if (!(source instanceof maplibregl.GeoJSONSource)) {
    throw new Error(`setSourceFeatures: the style has no GeoJSON source "${sourceId}"`)
  }
  source.setData({ type: 'FeatureCollection', features: [...features] })
}
