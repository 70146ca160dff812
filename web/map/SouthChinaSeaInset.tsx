// The 南海诸岛 附图 (server/shared/south-china-sea.ts): the islands down to 曾母暗沙 and the 断续国界线 at their own
// scale, framed, with their names, a title and a scale bar — drawn as SVG, so that it is text and lines in a PDF
// and sharp at 300 DPI, in the colours of the map it belongs to. Its data is loaded only when a map needs it.
import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3'
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point } from 'geojson'
import { useEffect, useState } from 'react'
import { INSET_BOUNDS, ISLAND_GROUPS } from '../../server/shared/south-china-sea'
import { scaleBarOf } from '../export/scale-bar'
import { BASEMAP_COLOURS, type BasemapColours } from './offline-style'
import { sphericalWinding } from './spherical-winding'

export interface InsetPalette {
  sea: string
  land: string
  landStroke: string
  line: string
  text: string
  frame: string
}

/** The inset in the colours of the map it belongs to: its background as the sea, its land, boundaries and outline. */
export function insetPaletteOf(basemap: BasemapColours): InsetPalette {
  const text = isDark(basemap.background) ? '#e8eef7' : '#1f2933'
  return { sea: basemap.background, land: basemap.land, landStroke: basemap.boundary, line: text, text, frame: basemap.outline }
}

function isDark(colour: string): boolean {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)?.[1]
  if (!hex) return false
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4
}

type InsetData = FeatureCollection<MultiPolygon | MultiLineString | Point, { kind: 'land' | 'line' | 'label'; name: string; code?: string }>

let loading: Promise<InsetData> | null = null

/** The inset's data (geodata/national/south-china-sea-inset.geojson), fetched once per page and only when `wanted`. */
export function useSouthChinaSeaInsetData(wanted = true): InsetData | null {
  const [data, setData] = useState<InsetData | null>(null)
  useEffect(() => {
    if (!wanted) return
    let live = true
    loading ??= import('../../geodata/national/south-china-sea-inset.geojson?raw').then((m) => JSON.parse(m.default) as InsetData)
    void loading.then((loaded) => live && setData(loaded))
    return () => {
      live = false
    }
  }, [wanted])
  return wanted ? data : null
}

/** The inset's aspect (width / height) on a Web Mercator page: its frame is drawn to this shape. */
export function insetAspect(): number {
  const [west, south, east, north] = INSET_BOUNDS
  const y = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))
  return ((east - west) * Math.PI) / 180 / (y(north) - y(south))
}

const EARTH_RADIUS_M = 6_378_137
const NAMES_BELOW = new Set(ISLAND_GROUPS.filter((g) => g.nameBelow).map((g) => g.name))

export interface SouthChinaSeaInsetProps {
  data: InsetData
  width: number // CSS px of the whole inset, frame included
  palette?: InsetPalette
  fontScale?: number // 1 on a screen at arm's length; larger on a video wall
}

export function SouthChinaSeaInset({ data, width, palette = insetPaletteOf(BASEMAP_COLOURS), fontScale = 1 }: SouthChinaSeaInsetProps) {
  const height = Math.round(width / insetAspect())
  const [west, south, east, north] = INSET_BOUNDS
  const outline = { type: 'Polygon', coordinates: [[[west, south], [west, north], [east, north], [east, south], [west, south]]] } as GeoPermissibleObjects
  const projection = geoMercator().fitExtent([[1, 1], [width - 1, height - 1]], outline)
  const path = geoPath(projection)
  const features = data.features
  const land = features.filter((f): f is Feature<MultiPolygon, InsetData['features'][number]['properties']> => f.properties.kind === 'land')
  const lines = features.filter((f) => f.properties.kind === 'line')
  const labels = features.filter((f): f is Feature<Point, InsetData['features'][number]['properties']> => f.properties.kind === 'label')
  const font = Math.max(9, Math.round(width / 17)) * fontScale
  const metresPerPx = (EARTH_RADIUS_M * Math.cos((12 * Math.PI) / 180)) / projection.scale()
  const bar = scaleBarOf(metresPerPx, width * 0.3)
  const barY = height - font * 0.9
  return (
    <svg className="south-china-sea-inset" width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ width: '100%', height: 'auto' }} role="img" aria-label="南海诸岛附图" data-testid="south-china-sea-inset">
      <rect x={0.5} y={0.5} width={width - 1} height={height - 1} fill={palette.sea} stroke={palette.frame} strokeWidth={1.2} />
      {land.map((f) => <path key={f.properties.code ?? f.properties.name} d={path(sphericalWinding(f.geometry)) ?? ''} fill={palette.land} stroke={palette.landStroke} strokeWidth={0.6} />)}
      {lines.map((f) => <path key={f.properties.name} d={path(f) ?? ''} fill="none" stroke={palette.line} strokeWidth={Math.max(1.2, width / 160)} strokeLinecap="round" />)}
      {labels.map((f) => {
        const [x, y] = projection(f.geometry.coordinates as [number, number]) ?? [0, 0]
        const below = NAMES_BELOW.has(f.properties.name)
        return (
          <text key={f.properties.name} x={below ? x : x + font * 0.3} y={below ? y + font * 1.05 : y - font * 0.3} textAnchor={below ? 'middle' : 'start'} fontSize={font * 0.8} fill={palette.text} stroke={palette.sea} strokeWidth={font * 0.18} paintOrder="stroke">
            {f.properties.name}
          </text>
        )
      })}
      <text x={width - font * 0.6} y={height - font * 0.7} fontSize={font * 1.1} fontWeight={600} textAnchor="end" fill={palette.text}>
        南海诸岛
      </text>
      <g transform={`translate(${font * 0.6}, ${barY})`} fill={palette.text}>
        <rect x={0} y={-font * 0.25} width={bar.pixels} height={font * 0.25} fill={palette.text} />
        <text x={0} y={-font * 0.45} fontSize={font * 0.7}>0</text>
        <text x={bar.pixels} y={-font * 0.45} fontSize={font * 0.7} textAnchor="end">{`${bar.ticks[bar.ticks.length - 1].label} ${bar.unit === 'kilometres' ? '千米' : '米'}`}</text>
      </g>
    </svg>
  )
}
