// A briefing rendered to a file: the map figure from the export renderer (queued like any map export, read as
// the requester), then the DOCX (docx package) or the PDF (the HTML printed by the same Chromium). I/O.
import { exportRequestOf } from '../export/export-request'
import type { RenderCredential } from '../export/queue'
import type { ExportService } from '../export/service'
import type { BriefContent } from './content'
import { briefDocx, type BriefPictures, type MapFigure } from './docx'
import { briefHtml } from './html'
import type { BriefDocument } from './layout'

export const BRIEF_FORMATS = ['docx', 'pdf', 'html'] as const
export type BriefFormat = (typeof BRIEF_FORMATS)[number]

export const BRIEF_CONTENT_TYPES: Readonly<Record<BriefFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
}

export interface BriefRenderer {
  exporter: ExportService
  baseUrl: string // where Chromium opens /export for the map figure
  credential?: RenderCredential // absent: the map is drawn for an anonymous reader
}

/** "brief-530626-2026Q3.docx" */
export function briefFileName(content: BriefContent, format: BriefFormat): string {
  return `brief-${content.area.code}-${content.period.id}.${format}`
}

/** A visit's photo's bytes by its hash (the store's), or null when the store lacks it. */
export type PhotoBytes = (sha256: string) => Uint8Array | null

export async function renderBrief(renderer: BriefRenderer, content: BriefContent, brief: BriefDocument, format: BriefFormat, photoBytes: PhotoBytes): Promise<Buffer> {
  const pictures: BriefPictures = { map: await mapFigure(renderer, content, brief), photos: photosOf(content, photoBytes) }
  if (format === 'docx') return briefDocx(brief, pictures)
  const html = briefHtml(brief, pictures)
  return format === 'html' ? Buffer.from(html, 'utf8') : renderer.exporter.renderer.printHtml(html)
}

/**
 * The area's choropleth as the map export draws it (legend, scale bar, north arrow, 审图号 when set), A4
 * landscape at 150 DPI, the year of the period, with the briefing's own source line.
 */
async function mapFigure({ exporter, baseUrl, credential }: BriefRenderer, content: BriefContent, brief: BriefDocument): Promise<MapFigure> {
  const params = new URLSearchParams({
    format: 'png', area: content.area.code, scheme: content.scheme.id, year: String(content.period.year),
    lang: brief.lang, paper: 'A4', orientation: 'landscape', dpi: '150', source: brief.source,
  })
  const job = exporter.queue.enqueue(exportRequestOf(params), baseUrl, credential)
  const result = await job.done
  return { png: result.bytes, widthPx: result.widthPx, heightPx: result.heightPx }
}

function photosOf(content: BriefContent, photoBytes: PhotoBytes): ReadonlyMap<string, Uint8Array> {
  return new Map(content.photos.flatMap((photo) => {
    const data = photoBytes(photo.sha256)
    return data ? [[photo.sha256, data] as const] : []
  }))
}
