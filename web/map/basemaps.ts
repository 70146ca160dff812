// Basemap choices: the offline boundaries-only style (default), 天地图 vector or imagery with the user's own
// key (WMTS, Web Mercator "_w" layers, plus their annotation layer), any XYZ raster URL, or a PMTiles
// archive (one file, read with HTTP range requests; raster or vector tiles). Pure: the style parts for a
// choice, and the choice to and from localStorage text; reading an archive's header is pmtiles-archive.ts.
// 天地图 is in CGCS2000, which matches the atlas's WGS84 data at map scale, so no offset is applied (unlike
// GCJ-02 basemaps such as Amap's).
import type { MapOptions } from 'maplibre-gl'

type StyleSpecification = Exclude<MapOptions['style'], string | undefined>
type SourceSpecification = StyleSpecification['sources'][string]
type LayerSpecification = StyleSpecification['layers'][number]
type FilterSpecification = NonNullable<Extract<LayerSpecification, { type: 'fill' }>['filter']>

export type BasemapChoice =
  | { kind: 'offline' }
  | { kind: 'tianditu'; variant: 'vector' | 'imagery'; key: string }
  | { kind: 'xyz'; url: string }
  | { kind: 'pmtiles'; url: string }

export const OFFLINE_BASEMAP: BasemapChoice = { kind: 'offline' }
export const BASEMAP_STORAGE_KEY = 'unity-atlas.basemap'
/** Ids of the sources and layers a basemap adds; AtlasMap removes them before adding another. */
export const BASEMAP_SOURCE_PREFIX = 'basemap-'

/** A basemap drawn from an XYZ-style tile URL template (天地图, any XYZ server). */
export interface RasterPart {
  kind: 'raster'
  sourceId: string
  tiles: string[]
  attribution: string
  maxzoom: number
}

/**
 * A PMTiles archive: whether it holds raster or vector tiles, and its zooms and bounds, are in its
 * header, so AtlasMap reads that first (pmtiles-archive.ts) and then draws archiveStyle(part, info).
 */
export interface ArchivePart {
  kind: 'pmtiles'
  sourceId: string
  url: string // as the user gave it: https://… or a same-origin /path
  tiles: string[] // the pmtiles:// template MapLibre requests through the registered protocol
}

export type BasemapPart = RasterPart | ArchivePart

/** The sources and layers one part adds, bottom layer first; every id starts with BASEMAP_SOURCE_PREFIX. */
export interface BasemapStyle {
  sources: Record<string, SourceSpecification>
  layers: LayerSpecification[]
}

/** Why a choice cannot be drawn (no key, an XYZ URL without {z}/{x}/{y}, a PMTiles URL that is neither http(s) nor a /path), or null when it can. */
export function basemapProblem(choice: BasemapChoice): string | null {
  switch (choice.kind) {
    case 'offline':
      return null
    case 'tianditu':
      return /^[0-9a-f]{32}$/i.test(choice.key.trim()) ? null : '天地图密钥应为 32 位十六进制字符 (a Tianditu key is 32 hex characters)'
    case 'xyz':
      if (!/^https?:\/\//i.test(choice.url)) return 'XYZ 地址应以 http:// 或 https:// 开头'
      return ['{z}', '{x}', '{y}'].every((p) => choice.url.includes(p)) ? null : 'XYZ 地址须包含 {z}、{x}、{y}'
    case 'pmtiles':
      return pmtilesUrlProblem(choice.url.trim())
  }
}

function pmtilesUrlProblem(url: string): string | null {
  if (url === '') return '请填写 PMTiles 文件地址 (enter the URL of a .pmtiles file)'
  // A same-origin path, but not "//host/…", which is another host without a scheme.
  if (!/^https?:\/\/[^/\s]/i.test(url) && !/^\/(?!\/)/.test(url)) {
    return `PMTiles 地址应以 http://、https:// 或 / 开头，而不是 ${JSON.stringify(url.slice(0, 40))} (a PMTiles URL starts with http://, https:// or /)`
  }
  if (/\s/.test(url)) return 'PMTiles 地址不能含空格 (the URL has a space in it)'
  if (/\{[zxy]\}/.test(url)) return 'PMTiles 是单个文件，地址不含 {z}/{x}/{y}；瓦片目录请选 XYZ (a PMTiles URL is one file, without {z}/{x}/{y})'
  return null
}

const TIANDITU_LAYERS = { vector: ['vec', 'cva'], imagery: ['img', 'cia'] } as const

function tiandituTiles(layer: string, key: string): string[] {
  // Eight mirror hosts t0…t7; WMTS KVP with the Web Mercator matrix set "w".
  return Array.from(
    { length: 8 },
    (_, i) =>
      `https://t${i}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key.trim())}`,
  )
}

/** What a choice draws, bottom first; none for the offline basemap or a choice with a problem. */
export function basemapParts(choice: BasemapChoice): BasemapPart[] {
  if (basemapProblem(choice) !== null) return []
  switch (choice.kind) {
    case 'tianditu':
      return TIANDITU_LAYERS[choice.variant].map((layer) => ({
        kind: 'raster',
        sourceId: `${BASEMAP_SOURCE_PREFIX}tianditu-${layer}`,
        tiles: tiandituTiles(layer, choice.key),
        attribution: '© 天地图 (Tianditu)',
        maxzoom: 18,
      }))
    case 'xyz':
      return [{ kind: 'raster', sourceId: `${BASEMAP_SOURCE_PREFIX}xyz`, tiles: [choice.url], attribution: '', maxzoom: 19 }]
    case 'pmtiles': {
      const url = choice.url.trim()
      // The protocol takes everything between "pmtiles://" and the last /z/x/y as the archive's URL,
      // so a same-origin path works too ("pmtiles:///tiles/a.pmtiles/{z}/{x}/{y}").
      return [{ kind: 'pmtiles', sourceId: `${BASEMAP_SOURCE_PREFIX}pmtiles`, url, tiles: [`pmtiles://${url}/{z}/{x}/{y}`] }]
    }
    default:
      return []
  }
}

/** The dashboard's name for basemapParts, from when every basemap was raster tiles. */
export const basemapRasterParts = basemapParts

/** A raster part as one raster source and layer; 256 px tiles, as XYZ servers and 天地图 send. */
export function rasterStyle(part: RasterPart): BasemapStyle {
  return {
    sources: { [part.sourceId]: { type: 'raster', tiles: part.tiles, tileSize: 256, maxzoom: part.maxzoom, attribution: part.attribution } },
    layers: [{ id: part.sourceId, type: 'raster', source: part.sourceId }],
  }
}

/** What a PMTiles header and metadata say about the archive (pmtiles-archive.ts reads them). */
export interface ArchiveInfo {
  tileType: 'mvt' | 'mlt' | 'png' | 'jpeg' | 'webp' | 'avif' | 'unknown'
  minZoom: number
  maxZoom: number
  bounds: [number, number, number, number] | null // [west, south, east, north]; null when the header's are not a box
  attribution: string // the metadata's, or ''
  vectorLayers: readonly VectorLayerInfo[] // the metadata's vector_layers; [] for raster tiles
}

export interface VectorLayerInfo {
  id: string
  minzoom?: number
  maxzoom?: number
}

/** The parts of an archive's JSON metadata the map uses; anything malformed is left out, not thrown. */
export function archiveMetadataOf(metadata: unknown): Pick<ArchiveInfo, 'attribution' | 'vectorLayers'> {
  const record = isRecord(metadata) ? metadata : {}
  const layers = Array.isArray(record.vector_layers) ? record.vector_layers : []
  return {
    attribution: typeof record.attribution === 'string' ? record.attribution : '',
    vectorLayers: layers.filter(isRecord).flatMap((layer) =>
      typeof layer.id === 'string' && layer.id !== ''
        ? [{ id: layer.id, ...(typeof layer.minzoom === 'number' ? { minzoom: layer.minzoom } : {}), ...(typeof layer.maxzoom === 'number' ? { maxzoom: layer.maxzoom } : {}) }]
        : [],
    ),
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The generic look of a vector archive: the offline style has no glyphs or sprites, so no labels or icons. */
export const VECTOR_BASEMAP_COLOURS = {
  fill: '#f1f2f3', // polygons (land use, water, buildings…): very light grey
  line: '#b3b8bf', // lines (roads, rivers, borders): grey
} as const

const RASTER_TILE_TYPES: readonly ArchiveInfo['tileType'][] = ['png', 'jpeg', 'webp', 'avif']
const POLYGONS: FilterSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false]
const LINES: FilterSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false]

/**
 * A PMTiles archive as MapLibre sources and layers: raster tiles as one raster layer; vector tiles as a
 * light grey fill and a grey line layer per entry of vector_layers (all fills under all lines). Throws,
 * naming the archive, when it holds something the map cannot draw.
 */
export function archiveStyle(part: ArchivePart, info: ArchiveInfo): BasemapStyle {
  const { sourceId } = part
  const extent = { minzoom: info.minZoom, maxzoom: info.maxZoom, ...(info.bounds ? { bounds: info.bounds } : {}), attribution: info.attribution }
  if (RASTER_TILE_TYPES.includes(info.tileType)) {
    return {
      // The header does not say the tile size; 256 px is what raster archives (from XYZ or MBTiles) hold.
      sources: { [sourceId]: { type: 'raster', tiles: part.tiles, tileSize: 256, ...extent } },
      layers: [{ id: sourceId, type: 'raster', source: sourceId }],
    }
  }
  if (info.tileType !== 'mvt' && info.tileType !== 'mlt') {
    throw new Error(`${part.url}: PMTiles 瓦片类型未知，无法显示 (the archive's tile type is unknown)`)
  }
  if (info.vectorLayers.length === 0) {
    throw new Error(`${part.url}: 矢量 PMTiles 的元数据缺少 vector_layers (the vector archive's metadata has no vector_layers)`)
  }
  const zooms = (layer: VectorLayerInfo) => ({
    ...(layer.minzoom !== undefined ? { minzoom: layer.minzoom } : {}),
    ...(layer.maxzoom !== undefined && layer.maxzoom < info.maxZoom ? { maxzoom: layer.maxzoom + 1 } : {}), // maxzoom is exclusive in a style
  })
  const fills: LayerSpecification[] = info.vectorLayers.map((layer) => ({
    id: `${sourceId}-fill-${layer.id}`,
    type: 'fill',
    source: sourceId,
    'source-layer': layer.id,
    filter: POLYGONS,
    ...zooms(layer),
    paint: { 'fill-color': VECTOR_BASEMAP_COLOURS.fill },
  }))
  const lines: LayerSpecification[] = info.vectorLayers.map((layer) => ({
    id: `${sourceId}-line-${layer.id}`,
    type: 'line',
    source: sourceId,
    'source-layer': layer.id,
    filter: LINES,
    ...zooms(layer),
    paint: { 'line-color': VECTOR_BASEMAP_COLOURS.line, 'line-width': 0.7 },
  }))
  return {
    sources: { [sourceId]: { type: 'vector', tiles: part.tiles, ...(info.tileType === 'mlt' ? { encoding: 'mlt' } : {}), ...extent } },
    layers: [...fills, ...lines],
  }
}

export function serializeBasemap(choice: BasemapChoice): string {
  return JSON.stringify(choice)
}

/** The stored choice; anything unreadable falls back to the offline basemap. */
export function parseBasemap(text: string | null): BasemapChoice {
  if (!text) return OFFLINE_BASEMAP
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || !('kind' in value)) return OFFLINE_BASEMAP
    const v = value as Record<string, unknown>
    if (v.kind === 'tianditu' && (v.variant === 'vector' || v.variant === 'imagery') && typeof v.key === 'string') {
      return { kind: 'tianditu', variant: v.variant, key: v.key }
    }
    if ((v.kind === 'xyz' || v.kind === 'pmtiles') && typeof v.url === 'string') return { kind: v.kind, url: v.url }
    return OFFLINE_BASEMAP
  } catch {
    return OFFLINE_BASEMAP
  }
}

/** localStorage, when the browser allows it (a private window or a file: page may not). */
export function loadStoredBasemap(): BasemapChoice {
  try {
    return parseBasemap(window.localStorage.getItem(BASEMAP_STORAGE_KEY))
  } catch {
    return OFFLINE_BASEMAP
  }
}

export function storeBasemap(choice: BasemapChoice): void {
  try {
    window.localStorage.setItem(BASEMAP_STORAGE_KEY, serializeBasemap(choice))
  } catch {
    // Not persisted; the choice still applies to this page.
  }
}
