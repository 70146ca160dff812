// The map of an export page: the same offline basemap and deck.gl layers as the map page, but still
// (no controls, no interaction), framed once, drawn at the page's device pixel ratio, and able to say
// when it has drawn. Its WebGL canvases keep their drawing buffer so a finished map can be frozen into
// a plain 2D canvas (for print, and so an atlas never holds more than one WebGL map at a time).
import type { LayersList } from '@deck.gl/core'
import { MapboxOverlay } from '@deck.gl/mapbox'
import * as maplibregl from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useLayoutEffect, useRef, useState } from 'react'
import type { AreaFeature } from '../api/responses'
import { boundsOf } from '../data/area-geometry'
import type { Bounds } from '../../server/shared/south-china-sea'
import { LayerDraws, setSourceFeatures } from '../map/layer-draws'
import { BASEMAP_COLOURS, BOUNDARY_SOURCE, offlineStyle, OUTLINE_SOURCE, paintMapBackground } from '../map/offline-style'

maplibregl.setWorkerUrl(workerUrl)

/**
 * The pixel ratio a map draws at while its sources load and its layers settle. In SwiftShader each frame of an
 * A3 @ 300 DPI map costs one to two seconds of the GPU process's CPU, and a map that is loading draws a dozen
 * (traced: 9 MapLibre and 4 deck.gl frames, 16 s of GPU-process CPU, all spent when the page was first
 * composited). Drafts at this ratio cost almost nothing; the page's own ratio is then drawn once.
 */
const DRAFT_PIXEL_RATIO = 0.25

export interface ExportMapProps {
  frame: AreaFeature // drawn strongest and framed, unless `camera` is given
  boundaries: readonly AreaFeature[]
  layers: LayersList
  camera: { center: [number, number]; zoom: number } | null
  padding: number // CSS px kept around the framed area
  pitch: number // degrees of tilt (COLUMNS_PITCH when the 3D columns are shown); north stays up
  transparent: boolean // no background outside the areas
  onReady(map: maplibregl.Map, container: HTMLElement): void // once per set of layers, after both have drawn
  onError(message: string): void
  bounds?: Bounds | null // the extent to frame when it is not the frame's own (the 南海诸岛 inset's sheets: sheet-furniture.ts)
}

export function ExportMap({ frame, boundaries, layers, camera, padding, pitch, transparent, onReady, onError, bounds = null }: ExportMapProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<maplibregl.Map | null>(null)
  const overlayRef = useRef<MapboxOverlay | null>(null)
  const draws = useRef(new LayerDraws())
  const callbacks = useRef({ onReady, onError })
  const [styleLoaded, setStyleLoaded] = useState(false)
  const boundsKey = JSON.stringify(bounds) // a new but equal extent from the layout must not refit the map

  useLayoutEffect(() => {
    callbacks.current = { onReady, onError }
  }, [onReady, onError])

  useLayoutEffect(() => {
    const container = containerRef.current
    if (!container) return
    paintMapBackground(container, transparent ? null : BASEMAP_COLOURS)
    const map = new maplibregl.Map({
      container,
      style: offlineStyle(),
      interactive: false,
      attributionControl: false,
      fadeDuration: 0,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      pixelRatio: DRAFT_PIXEL_RATIO,
      maxCanvasSize: [8192, 8192], // the default 4096 would lower the pixel ratio of an A3 @ 300 DPI map
    })
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      useDevicePixels: DRAFT_PIXEL_RATIO,
      onAfterRender: () => draws.current.rendered(),
      onError: (error: Error) => callbacks.current.onError(`deck.gl: ${error.message}`),
    })
    map.addControl(overlay)
    // The box can change size between sheets (a longer title wraps): follow it.
    const resizes = new ResizeObserver(() => map.resize())
    resizes.observe(container)
    map.on('load', () => setStyleLoaded(true))
    map.on('error', (event) => callbacks.current.onError(`MapLibre: ${event.error.message}`))
    mapRef.current = map
    overlayRef.current = overlay
    return () => {
      resizes.disconnect()
      map.remove()
      mapRef.current = null
      overlayRef.current = null
      setStyleLoaded(false)
    }
  }, [transparent])

  useLayoutEffect(() => {
    const map = mapRef.current
    if (!map || !styleLoaded) return
    setSourceFeatures(map, OUTLINE_SOURCE, [frame])
    setSourceFeatures(map, BOUNDARY_SOURCE, boundaries)
  }, [styleLoaded, frame, boundaries])

  useLayoutEffect(() => {
    const map = mapRef.current
    if (!map) return
    if (camera) {
      map.jumpTo({ center: camera.center, zoom: camera.zoom, pitch })
      return
    }
    const extent = bounds ?? boundsOf([frame])
    if (!extent) return
    map.fitBounds(extent, { padding, pitch, animate: false })
  }, [frame, camera, padding, pitch, styleLoaded, boundsKey])

  useLayoutEffect(() => {
    const map = mapRef.current
    const overlay = overlayRef.current
    if (!map || !overlay || !styleLoaded) return
    let current = true
    const isCurrent = () => current
    const draw = async () => {
      const draft = clonedLayers(layers)
      map.setPixelRatio(DRAFT_PIXEL_RATIO)
      draws.current.request(draft)
      overlay.setProps({ layers: draft, useDevicePixels: DRAFT_PIXEL_RATIO })
      await draws.current.whenDrawn(map, draft, isCurrent)
      if (!current) return
      // New layer objects, so that the final frame is waited for as a new set of layers (whenDrawn keys on them).
      const final = clonedLayers(layers)
      map.setPixelRatio(window.devicePixelRatio)
      draws.current.request(final)
      overlay.setProps({ layers: final, useDevicePixels: true })
      await draws.current.whenDrawn(map, final, isCurrent)
      if (current && containerRef.current) callbacks.current.onReady(map, containerRef.current)
    }
    void draw()
    return () => {
      current = false
    }
  }, [styleLoaded, layers, frame, boundaries, boundsKey]) // a new extent is a new picture: ready only once it is drawn

  return <div ref={containerRef} className="export-map-canvas" />
}

function clonedLayers(layers: LayersList): LayersList {
  return layers.map((layer) => (layer && !Array.isArray(layer) ? layer.clone({}) : layer)) as LayersList
}

/**
 * The map as drawn, in one 2D canvas at the WebGL canvases' full resolution: MapLibre's basemap with
 * deck.gl's layers on top. Needs preserveDrawingBuffer (set above; deck.gl keeps its buffer by default).
 */
export function frozenMapCanvas(container: HTMLElement): HTMLCanvasElement {
  const canvases = [...container.querySelectorAll('canvas')]
  const base = canvases[0]
  if (!base) throw new Error('frozenMapCanvas: the map has no canvas to freeze')
  const out = document.createElement('canvas')
  out.width = base.width
  out.height = base.height
  const context = out.getContext('2d')
  if (!context) throw new Error('frozenMapCanvas: no 2D canvas context')
  for (const canvas of canvases) if (canvas.width > 0 && canvas.height > 0) context.drawImage(canvas, 0, 0, out.width, out.height)
  out.className = 'export-map-frozen'
  return out
}

