// GET /api/brief?area=CODE&period=2026|2026H2|2026Q3|2026-09&format=docx|pdf|html&lang=zh|en[&scheme=ID]: the
// 工作简报 of an area for a period. Counted as costly work (a map render and a document), audited as a
// briefing, and shown to the caller's audience: anonymous and screen-token callers get the public version,
// which its source line names, and its map is drawn as they may see it.
import { Hono } from 'hono'
import { z } from 'zod'
import { briefContent } from '../brief/content'
import { briefDocument } from '../brief/layout'
import { parsePeriod } from '../brief/period'
import { BRIEF_CONTENT_TYPES, BRIEF_FORMATS, briefFileName, renderBrief } from '../brief/render'
import type { ExportService } from '../export/service'
import { auditRequest } from '../http/audit-event'
import type { AppEnv } from '../http/env'
import { areaCodeParam, schemeParam } from '../http/params'
import { ownOrigin, renderCredentialOf } from '../http/render-credential'
import { validated } from '../http/validate'
import { costlyWork } from '../http/work-limits'

const briefQuery = z.object({
  area: areaCodeParam,
  period: z.string({ error: 'expected a period such as 2026, 2026H2, 2026Q3 or 2026-09' }),
  format: z.enum(BRIEF_FORMATS, { error: `expected one of ${BRIEF_FORMATS.join(', ')}` }).default('docx'),
  lang: z.enum(['zh', 'en'], { error: 'expected zh or en' }).default('zh'),
  scheme: schemeParam.optional(),
})

export function briefRoutes(exporter: () => ExportService) {
  return new Hono<AppEnv>().get('/', costlyWork('brief'), validated('query', briefQuery), async (c) => {
    const query = c.req.valid('query')
    const period = parsePeriod(query.period)
    const content = briefContent(c.var.store.snapshot(), { area: query.area, period, today: c.var.today, schemeId: query.scheme }, c.var.audience)
    const brief = briefDocument(content, query.lang)
    const service = exporter()
    const bytes = await renderBrief({ exporter: service, baseUrl: service.baseUrl ?? ownOrigin(c), credential: renderCredentialOf(c) }, content, brief, query.format, (sha256) => c.var.store.photos.data(sha256))
    auditRequest(c, { action: 'briefing', entity: 'brief', entityId: `${content.area.code}/${period.id}`, result: 'success', detail: { format: query.format, lang: query.lang, public: content.redacted } })
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': BRIEF_CONTENT_TYPES[query.format],
      'Content-Disposition': `${query.format === 'html' ? 'inline' : 'attachment'}; filename="${briefFileName(content, query.format)}"`,
      'Cache-Control': 'no-store',
    })
  })
}
