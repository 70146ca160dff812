// A small map of where a unit lies, for the unit form: the atlas's offline basemap with the framed area's
// boundaries (web/map/offline-map.ts, loadFrame) and the unit's point as a draggable marker. A click places
// the point when there is none; dropping the marker moves it. Either way `onPick` gets the point with 6
// decimals; the form owns the point, so a typed coordinate moves the marker too.
import * as maplibregl from 'maplibre-gl'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { boundsOf } from '../data/area-geometry'
import type { AreaFeature } from '../api/responses'
import { areaList, loadFrame } from '../map/area-frame'
import { recordPageError, setMapReady } from '../map/map-status'
import { createOfflineMap, showAreas } from '../map/offline-map'
import { coordinateText, type LonLat } from './unit-location'
import './unit-map.css'

export interface UnitLocationMapProps {
  frame: string | null // the area shown around the point (a county); null: the store's first prefecture
  focus?: string | null // an area drawn inside the frame that the camera fits instead (null: the whole frame)
  point: LonLat | null // the unit's point, null: none yet (a click places it)
  onPick(lon: string, lat: string): void // the point clicked or dropped, as the form's text
}

const FRAME_PADDING = 12 // pixels kept around the framed area
const MARKER_COLOUR = '#c8102e' // the atlas's red: stands out on the grey basemap and its boundaries

export function UnitLocationMap({ frame, focus = null, point, onPick }: UnitLocationMapProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<maplibregl.Map | null>(null)
  const markerRef = useRef<maplibregl.Marker | null>(null)
  const latest = useRef({ point, onPick })
  const [styleLoaded, setStyleLoaded] = useState(false)
  const [areas, setAreas] = useState<FramedAreas | null>(null)
  const [error, setError] = useState<string | null>(null)

  useLayoutEffect(() => {
    latest.current = { point, onPick }
  }, [point, onPick])

  useLayoutEffect(() => {
    const container = containerRef.current
    if (!container) return
    const map = createOfflineMap(container, { controls: true })
    const pick = ({ lng, lat }: maplibregl.LngLat) => latest.current.onPick(coordinateText(lng), coordinateText(lat))
    map.on('load', () => setStyleLoaded(true))
    map.on('click', (event) => {
      if (latest.current.point === null) pick(event.lngLat)
    })
    map.on('error', (event) => {
      recordPageError(`MapLibre: ${event.error.message}`)
      setError(event.error.message)
    })
    const marker = new maplibregl.Marker({ draggable: true, color: MARKER_COLOUR })
    marker.getElement().dataset.testid = 'unit-marker'
    marker.getElement().setAttribute('aria-label', '单位位置（可拖动）')
    marker.on('dragend', () => pick(marker.getLngLat()))
    mapRef.current = map
    markerRef.current = marker
    return () => {
      marker.remove()
      map.remove()
      mapRef.current = null
      markerRef.current = null
      setStyleLoaded(false)
      setMapReady(false)
    }
  }, [])

  useEffect(() => {
    let current = true
    framedAreas(frame).then(
      (loaded) => current && setAreas(loaded),
      (e: Error) => current && setError(e.message),
    )
    return () => {
      current = false
    }
  }, [frame])

  // The framed area's boundaries, the camera on it, and "ready" once MapLibre has drawn them.
  useEffect(() => {
    const map = mapRef.current
    setMapReady(false)
    if (!map || !styleLoaded || !areas) return
    showAreas(map, areas.outline, areas.boundaries)
    const bounds = boundsOf([areas.boundaries.find((area) => area.properties.code === focus) ?? areas.outline])
    if (bounds) map.fitBounds(bounds, { padding: FRAME_PADDING, animate: false })
    const at = latest.current.point
    if (at && !map.getBounds().contains(at)) map.jumpTo({ center: at })
    let current = true
    map.once('idle', () => current && setMapReady(true))
    map.triggerRepaint()
    return () => {
      current = false
    }
  }, [styleLoaded, areas, focus])

  // The marker follows the form's point.
  const [lon, lat] = point ?? [null, null]
  useEffect(() => {
    const map = mapRef.current
    const marker = markerRef.current
    if (!map || !marker) return
    if (lon === null || lat === null) {
      marker.remove()
      return
    }
    marker.setLngLat([lon, lat])
    if (!marker.getElement().isConnected) marker.addTo(map)
    if (styleLoaded && !map.getBounds().contains([lon, lat])) map.panTo([lon, lat])
  }, [lon, lat, styleLoaded])

  return (
    <div className="unit-map" data-testid="unit-map">
      <div ref={containerRef} className="unit-map-canvas" />
      {point === null && <p className="unit-map-hint">点击地图放置单位位置</p>}
      {error && <p className="notice-inline unit-form-error" role="alert">地图：{error}</p>}
    </div>
  )
}

interface FramedAreas {
  outline: AreaFeature // the framed area, drawn strongest
  boundaries: AreaFeature[] // its children and its neighbours (same parent), so a point moved across a line shows it
}

/** The area `code` frames; one the store lacks (a code typed by hand, a remapped county) falls back to the first prefecture. */
async function framedAreas(code: string | null): Promise<FramedAreas> {
  const frame = await loadFrame(code).catch(() => loadFrame(null))
  const { code: own, parent } = frame.area.properties
  const siblings = parent === null ? [] : await areaList(frame.level, parent).catch(() => [])
  return { outline: frame.area, boundaries: [...siblings.filter((area) => area.properties.code !== own), ...frame.children] }
}
