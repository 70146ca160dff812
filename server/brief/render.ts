// A briefing rendered to a file: the map figure from the export renderer (queued like any map export, read as
// the requester), then the DOCX (docx package) or the PDF (the HTML printed by the same Chromium). I/O.
import { exportRequestOf } from '../export/export-request'
import type { RenderCredential } from '../export/queue'
import type { ExportService } from '../export/service'
import type { BriefContent } from './content'
import { briefDocx, type MapFigure } from './docx'
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

export async function renderBrief(renderer: BriefRenderer, content: BriefContent, brief: BriefDocument, format: BriefFormat): Promise<Buffer> {
  const map = await mapFigure(renderer, content, brief)
  if (format === 'docx') return briefDocx(brief, map)
  const html = briefHtml(brief, map)
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
