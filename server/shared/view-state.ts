// The map view as URL state: what a link, an export job (`atlas export --view …`) or a reload needs to
// show the same map. Pure and versioned: `v=1` is written first; a missing `v` reads as 1. Defaults are
// omitted when writing, so the default view is the empty string and links stay short. Keys this codec
// does not know are ignored, so the export page can keep its own options in the same query string.
//
// Still version 1: the analyst dashboard added optional keys (categories, status, overlays, opacity, unit).
// A v1 link written before them reads exactly as before (each new key absent = its old behaviour), and
// an older reader ignores the new keys, so no version bump was needed. Bump `v` only when an existing
// key changes meaning.
import { HONOUR_LEVELS, UNIT_STATUSES, type HonourLevel, type UnitStatus } from './domain'

export const VIEW_STATE_VERSION = 1

/** The measures a view may colour by (web/data/measures.ts defines how each is computed and coloured). */
export const VIEW_MEASURE_IDS = ['total', 'categoriesCovered', 'per10kPeople', 'per100km2', 'childCoverage'] as const
export type MeasureId = (typeof VIEW_MEASURE_IDS)[number]

/** The layers a view can show or hide, in drawing order. */
export const VIEW_LAYER_IDS = ['choropleth', 'units', 'labels'] as const
export type ViewLayerId = (typeof VIEW_LAYER_IDS)[number]

/**
 * Layers added by the analyst dashboard, off unless listed in `overlays`. Kept apart from `layers` so a
 * v1 link's `layers=` keeps its meaning (it never listed these).
 */
export const VIEW_OVERLAY_IDS = ['columns', 'hexagons', 'heatmap', 'corridors'] as const
export type ViewOverlayId = (typeof VIEW_OVERLAY_IDS)[number]

/** Layers whose opacity a view may set (percent, 0–100); absent = the layer's default opacity. */
export const VIEW_OPACITY_IDS = ['choropleth', 'units', 'columns', 'hexagons', 'heatmap', 'corridors'] as const
export type ViewOpacityId = (typeof VIEW_OPACITY_IDS)[number]

export const VIEW_LANGUAGES = ['zh', 'en'] as const
export type ViewLanguage = (typeof VIEW_LANGUAGES)[number]

export interface ViewState {
  area: string | null // null: the store's first prefecture; else a GB/T 2260 code of 6, 9 or 12 digits
  scheme: string | null // null: the store's default scheme; else a scheme id such as qijin
  minLevel: HonourLevel // 县级: the lowest honour level counted
  measure: MeasureId // total: what colours the areas
  year: number | null // null: this year
  layers: Record<ViewLayerId, boolean> // every layer shown
  center: [number, number] | null // null: the map frames the area; else [lon, lat]
  zoom: number | null // null: the map frames the area; only read together with center
  lang: ViewLanguage // zh
  // Optional keys (absent = the behaviour before they existed):
  categories?: string[] // absent: every category of the scheme; else only these (never empty)
  status?: UnitStatus[] // absent: the named statuses (命名, 复查); else the statuses counted
  overlays?: ViewOverlayId[] // absent: none of the dashboard's extra layers
  opacity?: Partial<Record<ViewOpacityId, number>> // 0..1 per layer; absent: the layer's default
  unit?: number // a unit whose detail panel is open
}

export const DEFAULT_VIEW_STATE: ViewState = {
  area: null,
  scheme: null,
  minLevel: '县级',
  measure: 'total',
  year: null,
  layers: { choropleth: true, units: true, labels: true },
  center: null,
  zoom: null,
  lang: 'zh',
}

/** The URL keys this codec reads and writes, in the order they are written. */
export const VIEW_STATE_KEYS = [
  'v', 'area', 'scheme', 'minLevel', 'measure', 'year', 'layers', 'center', 'zoom', 'lang',
  'categories', 'status', 'overlays', 'opacity', 'unit',
] as const

/** A view-state parameter that cannot be read; `parameter` names it, the message says what was expected. */
export class ViewStateError extends Error {
  constructor(
    readonly parameter: string,
    readonly value: string,
    expected: string,
  ) {
    super(`view state: ${parameter}=${JSON.stringify(value)} is not valid (expected ${expected})`)
  }
}

/**
 * Reads a view from a full URL ("http://host/?area=530626"), a query string ("?area=530626") or bare
 * "key=value&…" text. Throws ViewStateError naming the first bad parameter.
 */
export function parseViewState(input: string | URLSearchParams): ViewState {
  const params = typeof input === 'string' ? searchParamsOf(input) : input
  const text = (key: string): string | null => {
    const value = params.get(key)
    return value === null || value.trim() === '' ? null : value.trim()
  }

  const version = text('v')
  if (version !== null && version !== String(VIEW_STATE_VERSION)) {
    throw new ViewStateError('v', version, `${VIEW_STATE_VERSION}, the only view-state version so far`)
  }
  const state: ViewState = { ...DEFAULT_VIEW_STATE, layers: { ...DEFAULT_VIEW_STATE.layers } }

  const area = text('area')
  if (area !== null) {
    if (!/^(\d{6}|\d{9}|\d{12})$/.test(area)) throw new ViewStateError('area', area, 'a GB/T 2260 code of 6, 9 or 12 digits, e.g. 530626')
    state.area = area
  }
  const scheme = text('scheme')
  if (scheme !== null) {
    if (!/^[a-z0-9-]{1,40}$/.test(scheme)) throw new ViewStateError('scheme', scheme, 'a scheme id such as qijin')
    state.scheme = scheme
  }
  const minLevel = text('minLevel')
  if (minLevel !== null) {
    const level = HONOUR_LEVELS.find((l) => l === minLevel)
    if (!level) throw new ViewStateError('minLevel', minLevel, `one of ${HONOUR_LEVELS.join(', ')}`)
    state.minLevel = level
  }
  const measure = text('measure')
  if (measure !== null) {
    const id = VIEW_MEASURE_IDS.find((m) => m === measure)
    if (!id) throw new ViewStateError('measure', measure, `one of ${VIEW_MEASURE_IDS.join(', ')}`)
    state.measure = id
  }
  const year = text('year')
  if (year !== null) {
    const n = Number(year)
    if (!/^\d{4}$/.test(year) || n < 1949 || n > 2100) throw new ViewStateError('year', year, 'a year from 1949 to 2100, e.g. 2024')
    state.year = n
  }
  const layers = params.get('layers')
  if (layers !== null) {
    const ids = layers.split(',').map((l) => l.trim()).filter(Boolean)
    const unknown = ids.find((id) => !(VIEW_LAYER_IDS as readonly string[]).includes(id))
    if (unknown !== undefined) throw new ViewStateError('layers', layers, `a comma-separated list of ${VIEW_LAYER_IDS.join(', ')} (or empty for none)`)
    for (const id of VIEW_LAYER_IDS) state.layers[id] = ids.includes(id)
  }
  const center = text('center')
  if (center !== null) {
    const parts = center.split(',').map(Number)
    const [lon, lat] = parts
    if (parts.length !== 2 || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 85) {
      throw new ViewStateError('center', center, 'lon,lat in degrees, e.g. 103.72,27.34')
    }
    state.center = [lon, lat]
  }
  const zoom = text('zoom')
  if (zoom !== null) {
    const z = Number(zoom)
    if (!Number.isFinite(z) || z < 0 || z > 22) throw new ViewStateError('zoom', zoom, 'a zoom level from 0 to 22, e.g. 8.5')
    state.zoom = z
  }
  if ((state.center === null) !== (state.zoom === null)) {
    const [key, value] = state.center === null ? ['zoom', zoom ?? ''] : ['center', center ?? '']
    throw new ViewStateError(key, value, 'center and zoom together, or neither')
  }
  const lang = text('lang')
  if (lang !== null) {
    const language = VIEW_LANGUAGES.find((l) => l === lang)
    if (!language) throw new ViewStateError('lang', lang, `one of ${VIEW_LANGUAGES.join(', ')}`)
    state.lang = language
  }
  const categories = text('categories')
  if (categories !== null) {
    const names = uniqueItems(categories)
    if (names.length === 0 || names.some((n) => n.length > 40)) throw new ViewStateError('categories', categories, 'a comma-separated list of category names, e.g. 学校,社区')
    state.categories = names
  }
  const status = text('status')
  if (status !== null) {
    const items = uniqueItems(status)
    const statuses = UNIT_STATUSES.filter((s) => items.includes(s))
    if (items.length === 0 || statuses.length !== items.length) {
      throw new ViewStateError('status', status, `a comma-separated list of ${UNIT_STATUSES.join(', ')}`)
    }
    state.status = statuses
  }
  const overlays = params.get('overlays')
  if (overlays !== null) {
    const items = uniqueItems(overlays)
    const known = VIEW_OVERLAY_IDS.filter((id) => items.includes(id))
    if (known.length !== items.length) throw new ViewStateError('overlays', overlays, `a comma-separated list of ${VIEW_OVERLAY_IDS.join(', ')} (or empty for none)`)
    if (known.length > 0) state.overlays = known
  }
  const opacity = text('opacity')
  if (opacity !== null) {
    const result: Partial<Record<ViewOpacityId, number>> = {}
    for (const item of uniqueItems(opacity)) {
      const [id, percent] = item.split(':')
      const layer = VIEW_OPACITY_IDS.find((l) => l === id)
      const n = Number(percent)
      if (!layer || !/^\d{1,3}$/.test(percent ?? '') || n > 100) {
        throw new ViewStateError('opacity', opacity, `layer:percent pairs, e.g. choropleth:60,units:100 (layers: ${VIEW_OPACITY_IDS.join(', ')})`)
      }
      result[layer] = n / 100
    }
    state.opacity = result
  }
  const unit = text('unit')
  if (unit !== null) {
    if (!/^\d{1,9}$/.test(unit) || Number(unit) < 1) throw new ViewStateError('unit', unit, 'a unit id, a whole number from 1')
    state.unit = Number(unit)
  }
  return state
}

function uniqueItems(list: string): string[] {
  return [...new Set(list.split(',').map((x) => x.trim()).filter(Boolean))]
}

/** "v=1&area=…" with every default left out; the default view is "". No leading "?". */
export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams()
  const d = DEFAULT_VIEW_STATE
  if (state.area !== d.area && state.area !== null) params.set('area', state.area)
  if (state.scheme !== null) params.set('scheme', state.scheme)
  if (state.minLevel !== d.minLevel) params.set('minLevel', state.minLevel)
  if (state.measure !== d.measure) params.set('measure', state.measure)
  if (state.year !== null) params.set('year', String(state.year))
  if (VIEW_LAYER_IDS.some((id) => !state.layers[id])) params.set('layers', VIEW_LAYER_IDS.filter((id) => state.layers[id]).join(','))
  if (state.center !== null && state.zoom !== null) {
    params.set('center', state.center.map((c) => String(Number(c.toFixed(5)))).join(','))
    params.set('zoom', String(Number(state.zoom.toFixed(2))))
  }
  if (state.lang !== d.lang) params.set('lang', state.lang)
  if (state.categories !== undefined && state.categories.length > 0) params.set('categories', state.categories.join(','))
  if (state.status !== undefined && state.status.length > 0) params.set('status', state.status.join(','))
  if (state.overlays !== undefined && state.overlays.length > 0) params.set('overlays', VIEW_OVERLAY_IDS.filter((id) => state.overlays?.includes(id)).join(','))
  const opacity = VIEW_OPACITY_IDS.flatMap((id) => {
    const value = state.opacity?.[id]
    return value === undefined ? [] : [`${id}:${Math.round(Math.min(1, Math.max(0, value)) * 100)}`]
  })
  if (opacity.length > 0) params.set('opacity', opacity.join(','))
  if (state.unit !== undefined) params.set('unit', String(state.unit))
  const body = params.toString()
  return body === '' ? '' : `v=${VIEW_STATE_VERSION}&${body}`
}

/** `search` with the view keys replaced by `state`'s, other keys kept in place; no leading "?". */
export function withViewState(search: string, state: ViewState): string {
  const params = searchParamsOf(search)
  for (const key of VIEW_STATE_KEYS) params.delete(key)
  const rest = params.toString()
  const view = serializeViewState(state)
  return [view, rest].filter(Boolean).join('&')
}

/** The query of a full URL, a "?…" string or bare "k=v&…" text. */
function searchParamsOf(input: string): URLSearchParams {
  const trimmed = input.trim()
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return new URL(trimmed).searchParams
  const query = trimmed.includes('?') ? trimmed.slice(trimmed.indexOf('?') + 1) : trimmed
  return new URLSearchParams(query.split('#')[0])
}
