// Basemap choices: the offline boundaries-only style (default), 天地图 vector or imagery with the user's own
// key (WMTS, Web Mercator "_w" layers, plus their annotation layer), or any XYZ raster URL. Pure: the style
// parts for a choice, and the choice to and from localStorage text. 天地图 is in CGCS2000, which matches the
// atlas's WGS84 data at map scale, so no offset is applied (unlike GCJ-02 basemaps such as Amap's).

export type BasemapChoice =
  | { kind: 'offline' }
  | { kind: 'tianditu'; variant: 'vector' | 'imagery'; key: string }
  | { kind: 'xyz'; url: string }
  | { kind: 'pmtiles'; url: string }

export const OFFLINE_BASEMAP: BasemapChoice = { kind: 'offline' }
export const BASEMAP_STORAGE_KEY = 'unity-atlas.basemap'
/** Ids of the sources and layers a basemap adds; AtlasMap removes them before adding another. */
export const BASEMAP_SOURCE_PREFIX = 'basemap-'

export interface RasterPart {
  sourceId: string
  tiles: string[]
  attribution: string
  maxzoom: number
}

/** Why a choice cannot be drawn (no key, a URL without {z}/{x}/{y}), or null when it can. */
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
      return 'PMTiles 需要 pmtiles 软件包（未安装）；请改用 XYZ 地址 (PMTiles needs the pmtiles package; use an XYZ URL)'
  }
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

/** The raster sources a choice draws, bottom first; none for the offline basemap or a choice with a problem. */
export function basemapRasterParts(choice: BasemapChoice): RasterPart[] {
  if (basemapProblem(choice) !== null) return []
  switch (choice.kind) {
    case 'tianditu':
      return TIANDITU_LAYERS[choice.variant].map((layer) => ({
        sourceId: `${BASEMAP_SOURCE_PREFIX}tianditu-${layer}`,
        tiles: tiandituTiles(layer, choice.key),
        attribution: '© 天地图 (Tianditu)',
        maxzoom: 18,
      }))
    case 'xyz':
      return [{ sourceId: `${BASEMAP_SOURCE_PREFIX}xyz`, tiles: [choice.url], attribution: '', maxzoom: 19 }]
    default:
      return []
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
