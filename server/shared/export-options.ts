// The export options in a URL: the page size and what the layout prints. Read by the /export page, by
// GET /api/export and by `atlas export`, so all three accept the same keys with the same messages.
// They sit beside the view-state keys (view-state.ts) in one query string.
import { DPIS, ORIENTATIONS, PAPERS, type Dpi, type Orientation, type PageSpec, type PaperName } from './paper'
import { INSET_CORNERS, type InsetCorner } from './south-china-sea'

export const EXPORT_FORMATS = ['png', 'pdf', 'zip'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
export const ATLAS_LEVELS = ['county', 'township'] as const
export type AtlasLevel = (typeof ATLAS_LEVELS)[number]

export interface ExportOptions {
  page: PageSpec // A4 landscape at 300 DPI
  title: string | null // null: "<area>民族团结进步创建示范单位分布图" (in the view's language)
  subtitle: string | null // null: scheme, measure and year
  source: string | null // null: the atlas's own data-source line
  reviewNumber: string | null // 审图号, printed bottom-left; null: the server's ATLAS_MAP_REVIEW_NUMBER (map-review.ts)
  date: string | null // null: today, as 2025年11月
  legendTitle: string | null // null: the measure's own title
  unitsLegendTitle: string | null // null: 示范单位类别（<scheme>）
  table: boolean // false: a coverage table beside the map
  inset: boolean // true: the locator map
  seaInset: InsetCorner // where the 南海诸岛 inset sits on a map that needs it; it cannot be turned off
  transparent: boolean // false: PNG with a transparent page background
  atlasBy: AtlasLevel | null // null: one page; else one page per area of this level inside the view's area
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  page: { kind: 'paper', paper: 'A4', orientation: 'landscape', dpi: 300 },
  title: null,
  subtitle: null,
  source: null,
  reviewNumber: null,
  date: null,
  legendTitle: null,
  unitsLegendTitle: null,
  table: false,
  inset: true,
  seaInset: 'lower-right',
  transparent: false,
  atlasBy: null,
}

export const EXPORT_OPTION_KEYS = [
  'paper', 'orientation', 'dpi', 'size', 'title', 'subtitle', 'source', 'reviewNumber', 'date', 'legendTitle',
  'unitsLegendTitle', 'table', 'inset', 'seaInset', 'transparent', 'atlasBy',
] as const

/** Largest custom page side in px: Chromium and SwiftShader stay within memory below this. */
export const MAX_CUSTOM_SIDE_PX = 8000
const MAX_TEXT = 200

export class ExportOptionError extends Error {
  constructor(
    readonly parameter: string,
    readonly value: string,
    expected: string,
  ) {
    super(`${parameter}=${JSON.stringify(value)} is not valid (expected ${expected})`)
  }
}

export function parseExportOptions(params: URLSearchParams): ExportOptions {
  const text = (key: string): string | null => {
    const value = params.get(key)
    if (value === null || value.trim() === '') return null
    if (value.length > MAX_TEXT) throw new ExportOptionError(key, `${value.slice(0, 40)}…`, `at most ${MAX_TEXT} characters`)
    return value.trim()
  }
  const oneOf = <T extends string | number>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = text(key)
    if (value === null) return fallback
    const found = allowed.find((a) => String(a).toLowerCase() === value.toLowerCase())
    if (found === undefined) throw new ExportOptionError(key, value, `one of ${allowed.join(', ')}`)
    return found
  }
  const flag = (key: string, fallback: boolean): boolean => {
    const value = text(key)
    if (value === null) return fallback
    if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true
    if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false
    throw new ExportOptionError(key, value, '1 or 0')
  }
  const defaults = DEFAULT_EXPORT_OPTIONS.page as Extract<PageSpec, { kind: 'paper' }>
  const paper: PaperName = oneOf('paper', PAPERS, defaults.paper)
  const orientation: Orientation = oneOf('orientation', ORIENTATIONS, defaults.orientation)
  const dpi: Dpi = oneOf('dpi', DPIS, defaults.dpi)
  let page: PageSpec = { kind: 'paper', paper, orientation, dpi }
  const size = text('size')
  if (size !== null) {
    const match = /^(\d{2,5})[x×](\d{2,5})$/i.exec(size)
    const [width, height] = match ? [Number(match[1]), Number(match[2])] : [0, 0]
    if (!match || width < 320 || height < 240 || width > MAX_CUSTOM_SIDE_PX || height > MAX_CUSTOM_SIDE_PX) {
      throw new ExportOptionError('size', size, `WIDTHxHEIGHT in pixels, e.g. 1920x1080, each side 320–${MAX_CUSTOM_SIDE_PX} (240 for the height)`)
    }
    page = { kind: 'pixels', width, height }
  }
  const date = text('date')
  return {
    page,
    title: text('title'),
    subtitle: text('subtitle'),
    source: text('source'),
    reviewNumber: text('reviewNumber'),
    date,
    legendTitle: text('legendTitle'),
    unitsLegendTitle: text('unitsLegendTitle'),
    table: flag('table', DEFAULT_EXPORT_OPTIONS.table),
    inset: flag('inset', DEFAULT_EXPORT_OPTIONS.inset),
    seaInset: oneOf('seaInset', INSET_CORNERS, DEFAULT_EXPORT_OPTIONS.seaInset),
    transparent: flag('transparent', DEFAULT_EXPORT_OPTIONS.transparent),
    atlasBy: params.get('atlasBy') ? oneOf<AtlasLevel>('atlasBy', ATLAS_LEVELS, 'county') : null,
  }
}

/** The options as URL keys, defaults left out. */
export function serializeExportOptions(options: ExportOptions): string {
  const params = new URLSearchParams()
  const d = DEFAULT_EXPORT_OPTIONS
  if (options.page.kind === 'pixels') params.set('size', `${options.page.width}x${options.page.height}`)
  else {
    const dp = d.page as Extract<PageSpec, { kind: 'paper' }>
    if (options.page.paper !== dp.paper) params.set('paper', options.page.paper)
    if (options.page.orientation !== dp.orientation) params.set('orientation', options.page.orientation)
    if (options.page.dpi !== dp.dpi) params.set('dpi', String(options.page.dpi))
  }
  for (const key of ['title', 'subtitle', 'source', 'reviewNumber', 'date', 'legendTitle', 'unitsLegendTitle'] as const) {
    const value = options[key]
    if (value !== null) params.set(key, value)
  }
  for (const key of ['table', 'inset', 'transparent'] as const) if (options[key] !== d[key]) params.set(key, options[key] ? '1' : '0')
  if (options.seaInset !== d.seaInset) params.set('seaInset', options.seaInset)
  if (options.atlasBy !== null) params.set('atlasBy', options.atlasBy)
  return params.toString()
}

/** `search` with the export keys replaced by `options`', other keys kept; no leading "?". */
export function withExportOptions(search: string, options: ExportOptions): string {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)
  for (const key of EXPORT_OPTION_KEYS) params.delete(key)
  return [params.toString(), serializeExportOptions(options)].filter(Boolean).join('&')
}
