// MapLibre owns the camera and draws the offline basemap; deck.gl draws the data on top of it.
import type { LayersList, PickingInfo } from '@deck.gl/core'
import { MapboxOverlay } from '@deck.gl/mapbox'
import * as maplibregl from 'maplibre-gl'
import { useLayoutEffect, useRef, useState } from 'react'
import { tileRequest, tileUrlTemplate } from '../api/client'
import type { MapArea } from '../data/area-geometry'
import { BASEMAP_SOURCE_PREFIX, rasterStyle, type BasemapPart, type BasemapStyle } from './basemaps'
import { LayerDraws } from './layer-draws'
import { setMapReady, setProtectedPlaces, type PlaceOnPage } from './map-status'
import { createOfflineMap, showAreas } from './offline-map'
import { basemapStyles } from './pmtiles-archive'
import { BASEMAP_COLOURS, type BasemapColours, type StyleLayer } from './offline-style'
import { syncStyleLayers, removeUnusedSources } from './style-sync'
import { tiledBoundaryLayers, tileSources, TILE_SOURCE_PREFIX, type FrameDrawing } from './tiled-frame'
import { boundsClearOfInset, insetWidthFor, mainMapBounds, needsSouthChinaSeaInset, PROTECTED_PLACES } from '../../server/shared/south-china-sea'
import { insetPaletteOf, SouthChinaSeaInset, useSouthChinaSeaInsetData } from './SouthChinaSeaInset'

/**
 * What the pointer is over: a layer's id and the index of the object in that layer's data; or, on a MapLibre
 * style layer marked pickable (the tiled choropleth), that layer's id and the area's code (index -1).
 */
export interface MapHit {
  layerId: string
  index: number
  code?: string
  x: number // pixels from the map's top-left corner
  y: number
}

export interface AtlasMapProps {
  outline: MapArea // the area the map frames
  drawing: FrameDrawing // its edge (drawn strongest) and its children's, as features or from the vector tiles, under the deck.gl layers
  layers: LayersList // deck.gl layers; the map shows "ready" only once they have drawn
  styleLayers?: readonly StyleLayer[] // []: the view's MapLibre layers over `drawing`'s tiles (tiled-choropleth.ts), under deck.gl's
  pending?: boolean // false: newer data is loading, so what is drawn is not yet "ready"
  onHover(hit: MapHit | null): void
  onError(message: string): void
  // Options the briefing screen (/screen) sets; the defaults are the map page's.
  focus?: MapArea | null // null: frame `outline`; an area: fly to it (the screen's tour)
  pitch?: number // 0: degrees of tilt, e.g. to show 3D columns
  pixelRatio?: number // window.devicePixelRatio: a map drawn small and CSS-scaled up draws at the shown size
  controls?: boolean // true: zoom buttons and scale bar
  basemap?: BasemapColours // BASEMAP_COLOURS (light)
  // Options the analyst dashboard sets:
  onClick?(hit: MapHit | null): void // a click on a pickable object (null: on nothing)
  camera?: MapCamera | null // null: frame `outline`; else show exactly this centre and zoom
  onViewChange?(camera: MapCamera): void // after every move, with where the map came to rest
  rasterBasemap?: readonly BasemapPart[] // []: basemap tiles (raster, or a PMTiles archive) drawn under the boundaries
  onBasemapError?(message: string): void // a basemap tile failed; the boundaries and layers stay
  framePadding?: FramePadding // FRAME_PADDING: room kept around the framed area, in pixels
}

export interface FramePadding {
  top: number
  right: number
  bottom: number
  left: number
}

export interface MapCamera {
  center: [number, number]
  zoom: number
}

/** Room kept around the framed area for the cards that float over the map. */
const FRAME_PADDING = { top: 56, right: 56, bottom: 40, left: 56 }

/**
 * All effects here are layout effects: a change of layers and the ready flag dropping to "0" then happen
 * in the same task as the DOM update, so an observer never sees new panels with a stale "ready".
 */
export function AtlasMap({
  outline,
  drawing,
  layers,
  styleLayers = NO_STYLE_LAYERS,
  pending = false,
  onHover,
  onError,
  focus = null,
  pitch = 0,
  pixelRatio,
  controls = true,
  basemap = BASEMAP_COLOURS,
  onClick,
  camera = null,
  onViewChange,
  rasterBasemap = NO_RASTER,
  onBasemapError,
  framePadding = FRAME_PADDING,
}: AtlasMapProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<maplibregl.Map | null>(null)
  const overlayRef = useRef<MapboxOverlay | null>(null)
  const draws = useRef(new LayerDraws())
  const callbacks = useRef({ onHover, onError, onClick, onViewChange, onBasemapError })
  const [styleLoaded, setStyleLoaded] = useState(false)
  const [mapWidth, setMapWidth] = useState(0) // CSS px, measured only while the inset is shown: it sizes the inset
  const framed = useRef(false) // the first framing is instant; later ones (the tour) fly
  const framingTarget = useRef<MapCamera | null>(null) // where an animated framing will end
  const withInset = needsSouthChinaSeaInset((focus ?? outline).properties.code) // the framed extent, not the store's outline
  const drawnStyle = useRef<{ frame: StyleLayer[]; view: StyleLayer[] }>({ frame: [], view: [] }) // the style layers added so far

  useLayoutEffect(() => {
    const container = containerRef.current
    if (!container || !withInset) return
    const observer = new ResizeObserver(() => setMapWidth(container.clientWidth))
    observer.observe(container)
    setMapWidth(container.clientWidth)
    return () => observer.disconnect()
  }, [withInset])

  useLayoutEffect(() => {
    const map = mapRef.current
    if (!map || !withInset) return
    const report = () => setProtectedPlaces(placesOnPage(map))
    report()
    map.on('moveend', report)
    return () => {
      map.off('moveend', report)
      setProtectedPlaces(null)
    }
  }, [withInset, styleLoaded]) // the map exists once its style has loaded

  useLayoutEffect(() => {
    callbacks.current = { onHover, onError, onClick, onViewChange, onBasemapError }
  }, [onHover, onError, onClick, onViewChange, onBasemapError])

  useLayoutEffect(() => {
    const container = containerRef.current
    if (!container) return
    const map = createOfflineMap(container, { colours: basemap, pixelRatio, controls, transformRequest: tileRequest })
    // deck.gl's own objects first; under them, the pickable style layers (the tiled choropleth).
    const hitAt = (info: PickingInfo) => hitOf(info) ?? styleHitOf(map, drawnStyle.current.view, info)
    const overlay = new MapboxOverlay({
      interleaved: false, // interleaved mode crashes with maplibre-gl 6 (see stack notes)
      useDevicePixels: pixelRatio ?? true,
      layers: [],
      onHover: (info: PickingInfo) => {
        const hit = hitAt(info)
        map.getCanvas().style.cursor = hit ? 'pointer' : ''
        callbacks.current.onHover(hit)
      },
      onClick: (info: PickingInfo) => callbacks.current.onClick?.(hitAt(info)),
      onAfterRender: () => draws.current.rendered(),
      onError: (error: Error) => callbacks.current.onError(`deck.gl: ${error.message}`),
    })
    map.addControl(overlay)
    // The style, not the first full render ('load'): in software GL that render builds the style's GPU programs
    // first (~2 s under load), and the tiles' sources would only then be added and their tiles asked for.
    map.once('style.load', () => setStyleLoaded(true))
    map.on('error', (event) => {
      // A basemap tile that fails (no network, a wrong key) is the basemap's problem, not the page's.
      const sourceId = (event as { sourceId?: string }).sourceId
      if (sourceId?.startsWith(BASEMAP_SOURCE_PREFIX) && callbacks.current.onBasemapError) {
        callbacks.current.onBasemapError(event.error.message)
        return
      }
      callbacks.current.onError(`MapLibre: ${event.error.message}`)
    })
    map.on('moveend', (event) => {
      const c = map.getCenter()
      const camera: MapCamera = { center: [c.lng, c.lat], zoom: map.getZoom() }
      // While the map flies to a newly framed area, a move that ends elsewhere (an animation stopped by the
      // next one) is not where the view rests: only the flight's end, or the user's own move, is reported.
      const target = framingTarget.current
      if (target && !('originalEvent' in event && event.originalEvent) && !sameCamera(target, camera, 0.02)) return
      framingTarget.current = null
      callbacks.current.onViewChange?.(camera)
    })
    mapRef.current = map
    overlayRef.current = overlay
    return () => {
      map.remove() // also removes the overlay control, which finalizes deck.gl
      mapRef.current = null
      overlayRef.current = null
      drawnStyle.current = { frame: [], view: [] }
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
    const drawn = drawnStyle.current
    if (drawing.kind === 'features') {
      showAreas(map, drawing.area, drawing.children)
      drawn.frame = syncStyleLayers(map, drawn.frame, [])
    } else {
      showAreas(map, null, [])
      for (const [id, source] of Object.entries(tileSources(drawing, tileUrlTemplate))) if (!map.getSource(id)) map.addSource(id, source)
      // Under the view's layers, as the features' boundaries lie under deck.gl's choropleth.
      drawn.frame = syncStyleLayers(map, drawn.frame, tiledBoundaryLayers(drawing, basemap), drawn.view[0]?.id)
    }
    removeUnusedSources(map, TILE_SOURCE_PREFIX)
  }, [styleLoaded, drawing, basemap])

  useLayoutEffect(() => {
    const map = mapRef.current
    if (!map || !styleLoaded) return
    drawnStyle.current.view = syncStyleLayers(map, drawnStyle.current.view, styleLayers)
    removeUnusedSources(map, TILE_SOURCE_PREFIX)
  }, [styleLoaded, styleLayers])

  useLayoutEffect(() => {
    const map = mapRef.current
    if (!map || !styleLoaded) return
    let current = true // false once another basemap (or unmounting) supersedes this one
    applyBasemap(map, rasterBasemap.flatMap((part) => (part.kind === 'raster' ? [rasterStyle(part)] : [])))
    // A PMTiles archive draws once its header is read; one that cannot be read is the basemap's problem.
    if (rasterBasemap.some((part) => part.kind === 'pmtiles')) {
      void basemapStyles(rasterBasemap).then(
        (styles) => current && applyBasemap(map, styles),
        (error: Error) => current && (callbacks.current.onBasemapError ?? callbacks.current.onError)(error.message),
      )
    }
    return () => {
      current = false
    }
  }, [styleLoaded, rasterBasemap])

  const cameraKey = camera ? `${camera.center[0].toFixed(5)},${camera.center[1].toFixed(5)},${camera.zoom.toFixed(2)}` : null
  useLayoutEffect(() => {
    const map = mapRef.current
    if (!map) return
    if (camera) {
      // The camera the URL asks for; a no-op when the map already rests there (it wrote that camera itself).
      const c = map.getCenter()
      const same = Math.abs(c.lng - camera.center[0]) < 1e-4 && Math.abs(c.lat - camera.center[1]) < 1e-4 && Math.abs(map.getZoom() - camera.zoom) < 0.01
      if (!same || map.getPitch() !== pitch) map.jumpTo({ center: camera.center, zoom: camera.zoom, pitch })
      framed.current = true
      return
    }
    const areaBounds = (focus ?? outline).bounds
    if (!areaBounds) return
    // With the 南海诸岛 inset the main map ends just below 海南岛 (the islands are in the inset) and leaves the
    // lower right, east of 赤尾屿, to the inset.
    const mapWidth = map.getContainer().clientWidth
    const insetShare = (insetWidthFor(mapWidth) + 2 * INSET_MARGIN) / Math.max(1, mapWidth - framePadding.left - framePadding.right)
    const bounds = withInset ? boundsClearOfInset(mainMapBounds(areaBounds), insetShare) : areaBounds
    const target = map.cameraForBounds(bounds, { padding: framePadding })
    framingTarget.current = target?.center && target.zoom !== undefined ? { center: maplibregl.LngLat.convert(target.center).toArray(), zoom: target.zoom } : null
    map.fitBounds(bounds, { padding: framePadding, pitch, animate: framed.current, duration: 1800 })
    framed.current = true
    // cameraKey stands for camera: the object's identity changes on every render that rebuilds the view.
  }, [outline, focus, pitch, cameraKey])

  useLayoutEffect(() => {
    draws.current.request(layers)
    // A layer instance is bound to the Deck that first drew it, and the map (with its Deck) can be
    // recreated while the caller's memoized layers live on: React StrictMode remounts in development.
    // Clones share every prop, data included, so deck.gl still diffs them by id and recomputes nothing.
    overlayRef.current?.setProps({ layers: cloneLayers(layers) })
  }, [layers])

  // Ready as layer-draws.ts defines it.
  useLayoutEffect(() => {
    const map = mapRef.current
    setMapReady(false)
    if (!map || !styleLoaded || (layers.length === 0 && styleLayers.length === 0) || pending) return
    let current = true // false once newer data or layers have superseded these
    void draws.current
      .whenDrawn(map, layers, () => current)
      .then(() => {
        if (current) setMapReady(true)
      })
    return () => {
      current = false
    }
  }, [styleLoaded, outline, drawing, layers, styleLayers, pending])

  return (
    <>
      <div ref={containerRef} className="atlas-map" />
      {withInset && <SouthChinaSeaInsetBox basemap={basemap} mapWidth={mapWidth} />}
    </>
  )
}

/** Lower right over the map, as the convention has it; part of the map, so no panel may cover it. */
function SouthChinaSeaInsetBox({ basemap, mapWidth }: { basemap: BasemapColours; mapWidth: number }) {
  const data = useSouthChinaSeaInsetData()
  const width = insetWidthFor(mapWidth)
  return (
    <div className="south-china-sea-inset-box" style={{ width, right: INSET_MARGIN }}>
      {data && <SouthChinaSeaInset data={data} width={width} palette={insetPaletteOf(basemap)} />}
    </div>
  )
}

/** Where the places nothing may cover are on the page; the screen's stage may be scaled by CSS, so map px are scaled too. */
function placesOnPage(map: maplibregl.Map): PlaceOnPage[] {
  const container = map.getContainer()
  const rect = container.getBoundingClientRect()
  const scale = container.clientWidth > 0 ? rect.width / container.clientWidth : 1
  return PROTECTED_PLACES.map((place) => {
    const { x, y } = map.project([place.lon, place.lat])
    return { name: place.name, x: rect.left + x * scale, y: rect.top + y * scale }
  })
}

/** CSS px between the inset and the map's right edge. */
const INSET_MARGIN = 12

const NO_RASTER: readonly BasemapPart[] = []
const NO_STYLE_LAYERS: readonly StyleLayer[] = []

function sameCamera(a: MapCamera, b: MapCamera, tolerance: number): boolean {
  return Math.abs(a.center[0] - b.center[0]) < tolerance && Math.abs(a.center[1] - b.center[1]) < tolerance && Math.abs(a.zoom - b.zoom) < tolerance * 10
}
const BASEMAP_BELOW_LAYER = 'prefecture-land'

/** Replaces the basemap's sources and layers with `styles`, under the boundaries. */
function applyBasemap(map: maplibregl.Map, styles: readonly BasemapStyle[]): void {
  for (const layer of map.getStyle().layers ?? []) if (layer.id.startsWith(BASEMAP_SOURCE_PREFIX)) map.removeLayer(layer.id)
  for (const id of Object.keys(map.getStyle().sources ?? {})) if (id.startsWith(BASEMAP_SOURCE_PREFIX)) map.removeSource(id)
  for (const style of styles) {
    for (const [id, source] of Object.entries(style.sources)) map.addSource(id, source)
    for (const layer of style.layers) map.addLayer(layer, BASEMAP_BELOW_LAYER)
  }
  // Over a basemap the land fill would hide it: only the outline and boundaries stay.
  if (map.getLayer(BASEMAP_BELOW_LAYER)) map.setPaintProperty(BASEMAP_BELOW_LAYER, 'fill-opacity', styles.length > 0 ? 0 : 1)
}

function cloneLayers(layers: LayersList): LayersList {
  return layers.map((layer) => (Array.isArray(layer) ? cloneLayers(layer) : layer ? layer.clone({}) : layer))
}

function hitOf(info: PickingInfo): MapHit | null {
  if (!info.picked || !info.layer || info.index < 0) return null
  return { layerId: info.layer.id, index: info.index, x: info.x, y: info.y }
}

/** The area under the pointer in the style layers marked `metadata.pickable`, topmost first; null over none. */
function styleHitOf(map: maplibregl.Map, layers: readonly StyleLayer[], info: PickingInfo): MapHit | null {
  const pickable = layers.filter((l) => (l.metadata as { pickable?: boolean } | undefined)?.pickable && map.getLayer(l.id)).map((l) => l.id)
  if (pickable.length === 0 || info.x === undefined || info.y === undefined) return null
  const [feature] = map.queryRenderedFeatures([info.x, info.y], { layers: pickable })
  const code = feature?.properties?.code
  return feature && typeof code === 'string' ? { layerId: feature.layer.id, index: -1, code, x: info.x, y: info.y } : null
}

