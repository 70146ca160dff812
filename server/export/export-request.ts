// One export as the server understands it: the format, the page's pixel and paper size, and the query
// the /export page is opened with. Built from URL parameters (GET /api/export) or CLI options, checked
// with the same codecs the page uses, so a bad value is refused before any browser starts.
import { DomainError } from '../domain-error'
import { parseViewState, serializeViewState, ViewStateError, type ViewState } from '../shared/view-state'
import { EXPORT_FORMATS, ExportOptionError, parseExportOptions, serializeExportOptions, type ExportFormat, type ExportOptions } from '../shared/export-options'
import { captureGeometry, pageSizeOf, type CaptureGeometry, type PageSize } from '../shared/paper'

export interface ExportRequest {
  format: ExportFormat // zip: one PNG per page; an atlas asked for as png is a zip
  view: ViewState
  options: ExportOptions
  size: PageSize
  capture: CaptureGeometry
  pageQuery: string // view + options, for /export?render=1&…
}

/** A parameter the caller got wrong: `parameter` names it and the message says what was expected. */
export class ExportRequestError extends DomainError {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super('invalid', message, { details: { parameter } })
  }
}

/**
 * Reads an export from URL parameters. `view` may hold a whole view-state (a URL, "?…" or "k=v&…");
 * view keys given directly (area=…, minLevel=…) are read too, and win.
 */
export function exportRequestOf(params: URLSearchParams, defaultFormat: ExportFormat = 'png'): ExportRequest {
  try {
    const viewText = params.get('view')
    const merged = new URLSearchParams()
    if (viewText) {
      const inner = parseViewState(viewText) // checks it, and names "view" in the error below
      for (const [key, value] of new URLSearchParams(serializeViewState(inner))) merged.set(key, value)
    }
    for (const [key, value] of params) if (key !== 'view') merged.set(key, value)
    const view = parseViewState(merged)
    const options = parseExportOptions(merged)
    const formatText = params.get('format')?.trim().toLowerCase() || defaultFormat
    const format = EXPORT_FORMATS.find((f) => f === formatText)
    if (!format) throw new ExportRequestError('format', `format=${JSON.stringify(formatText)} is not valid (expected one of ${EXPORT_FORMATS.join(', ')})`)
    const size = pageSizeOf(options.page)
    return {
      format: format === 'png' && options.atlasBy !== null ? 'zip' : format,
      view,
      options,
      size,
      capture: captureGeometry(size.widthPx, size.heightPx, size.scale),
      pageQuery: [serializeViewState(view), serializeExportOptions(options)].filter(Boolean).join('&'),
    }
  } catch (error) {
    if (error instanceof ViewStateError || error instanceof ExportOptionError) {
      const inView = params.get('view') !== null && error instanceof ViewStateError && params.get(error.parameter) === null
      throw new ExportRequestError(inView ? 'view' : error.parameter, inView ? `view: ${error.message}` : error.message)
    }
    throw error
  }
}

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  png: 'image/png',
  pdf: 'application/pdf',
  zip: 'application/zip',
}

/** "unity-atlas-530626-A4-300dpi.pdf" */
export function exportFileName(request: ExportRequest, frameCode: string): string {
  const page = request.options.page.kind === 'paper'
    ? `${request.options.page.paper}-${request.options.page.orientation}-${request.options.page.dpi}dpi`
    : `${request.options.page.width}x${request.options.page.height}`
  const atlas = request.options.atlasBy ? `-atlas-${request.options.atlasBy}` : ''
  return `unity-atlas-${frameCode}${atlas}-${page}.${request.format}`
}
