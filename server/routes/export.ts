// GET /api/export/settings: the configured 审图号 and unreviewed marking.
// GET /api/export?format=png|pdf|zip&paper=&orientation=&dpi=&size=&view=&atlasBy=&title=&reviewNumber=…
// renders in the server's Chromium and answers the file; POST /api/export/jobs queues the same render
// and answers at once, so a page can show the job's progress (GET /jobs/:id) and then fetch its file.
// The render reads as the requester: a signed-in user's job gets a read-only render credential for its
// run (server/auth/render-tokens.ts), so it draws what they may see; an anonymous one reads anonymously.
import type { Context } from 'hono'
import { Hono } from 'hono'
import { DomainError } from '../domain-error'
import { isWithin, levelOfCode } from '../shared/area-codes'
import { CONTENT_TYPES, exportFileName, exportRequestOf, ExportRequestError, type ExportRequest } from '../export/export-request'
import type { ExportJob, StoredExportJob } from '../export/queue'
import type { ExportJobRepository } from '../db/store'
import type { ExportService } from '../export/service'
import { jsonError } from '../http/errors'
import { auditRequest } from '../http/audit-event'
import type { AppEnv } from '../http/env'
import { NO_MAP_REVIEW_SETTINGS, type MapReviewSettings } from '../shared/map-review'
import { costlyWork } from '../http/work-limits'
import { ownOrigin, renderCredentialOf } from '../http/render-credential'

export function exportRoutes(service: () => ExportService, mapReview: MapReviewSettings = NO_MAP_REVIEW_SETTINGS) {
  return new Hono<AppEnv>()
    // What every export prints about its 审图号 when its layout sets none (server/shared/map-review.ts): the
    // /export page asks, so the server's render and the composer's preview print the same.
    .get('/settings', (c) => c.json({ mapReview }, 200))
    .get('/', costlyWork('export'), async (c) => {
      const { request, frameCode } = checkedRequest(c)
      const job = enqueue(c, service(), request)
      await job.done
      return fileAnswer(c, job, frameCode)
    })
    .post('/jobs', costlyWork('export'), (c) => {
      const job = enqueue(c, service(), checkedRequest(c).request)
      return c.json({ id: job.id, status: `/api/export/jobs/${job.id}`, file: `/api/export/jobs/${job.id}/file` }, 202)
    })
    .get('/jobs/:id', (c) => {
      const job = jobFor(c, service())
      if (!job) throw new DomainError('not_found', `id: no export job ${c.req.param('id')} (finished jobs are kept 10 minutes)`)
      return c.json(
        {
          id: job.id,
          state: job.state,
          progress: job.progress,
          position: service().queue.positionOf(job.id),
          pages: job.result?.pages ?? null,
          error: job.error,
        },
        200,
      )
    })
    .get('/jobs/:id/file', (c) => {
      const job = jobFor(c, service())
      if (!job) throw new DomainError('not_found', `id: no export job ${c.req.param('id')} (finished jobs are kept 10 minutes)`)
      if (job.state === 'failed') return jsonError(c, 500, 'export_failed', job.error ?? 'the export failed')
      if (job.state !== 'done') return jsonError(c, 409, 'not_ready', `export job ${job.id} is ${job.state}; poll /api/export/jobs/${job.id}`)
      return fileAnswer(c, job, job.result?.sheets.length === 1 ? job.result.sheets[0] : job.request.view.area ?? 'atlas')
    })
}

/** The request checked against the store before any rendering; an error naming the bad parameter if not. */
function checkedRequest(c: Context<AppEnv>): { request: ExportRequest; frameCode: string } {
  const request = exportRequestOf(new URL(c.req.url).searchParams)
  const snapshot = c.var.store.snapshot()
  const area = request.view.area
  if (area !== null && !snapshot.areasByCode.has(area)) {
    throw new DomainError('not_found', `area: ${area} is not an area in the store`, { details: { parameter: 'area' } })
  }
  const scheme = request.view.scheme
  if (scheme !== null && !snapshot.schemes.some((s) => s.id === scheme)) {
    throw new ExportRequestError('scheme', `scheme: "${scheme}" is not a scheme in the store (expected one of ${snapshot.schemes.map((s) => s.id).join(', ')})`)
  }
  const frameCode = area ?? snapshot.areas.find((a) => a.level === 'prefecture' && a.geometry)?.code ?? 'atlas'
  const atlasBy = request.options.atlasBy
  if (atlasBy !== null) {
    const within = snapshot.areas.filter((a) => a.level === atlasBy && a.geometry && a.code !== frameCode && isWithin(a.code, frameCode))
    if (within.length === 0) {
      const level = levelOfCode(frameCode)
      throw new ExportRequestError('atlasBy', `atlasBy: "${atlasBy}" gives no pages inside ${frameCode} (a ${level}); choose an area above that level`)
    }
  }
  return { request, frameCode }
}

function enqueue(c: Context<AppEnv>, service: ExportService, request: ExportRequest): ExportJob {
  const job = service.queue.enqueue(request, service.baseUrl ?? ownOrigin(c), renderCredentialOf(c), writtenThrough(c.var.store.exportJobs))
  c.var.store.exportJobs.put(job)
  auditRequest(c, { action: 'export', entity: 'map', entityId: job.id, result: 'success', detail: { query: new URL(c.req.url).search } })
  return job
}

/** How long a finished job stays readable through any server: as long as the queue keeps it. */
const FINISHED_JOBS_KEPT_MS = 600_000
/** Progress is written through at most this often; a change of state always. */
const PROGRESS_WRITE_MS = 1_000

/**
 * Writes a job's state to the store as it runs (migration 20), so that another server on the same store answers
 * its progress and its file: behind a proxy, the client's next poll may reach any of them.
 */
function writtenThrough(jobs: ExportJobRepository): (job: ExportJob) => void {
  let written = { state: '', at: 0 }
  return (job) => {
    const now = Date.now()
    if (job.state === written.state && now - written.at < PROGRESS_WRITE_MS) return
    written = { state: job.state, at: now }
    jobs.put(job)
    if (job.finishedAt !== null) jobs.forgetFinishedBefore(new Date(now - FINISHED_JOBS_KEPT_MS))
  }
}

/**
 * The job, for its requester: this server's, or another's on the same store. One rendered as a user is that
 * user's alone (others get the same 404 as for no job).
 */
function jobFor(c: Context<AppEnv>, service: ExportService): StoredExportJob | undefined {
  const id = c.req.param('id') ?? ''
  const job = service.queue.get(id) ?? c.var.store.exportJobs.get(id) ?? undefined
  return job && (job.readsAs === null || job.readsAs === c.var.user?.username) ? job : undefined
}

function fileAnswer(c: Context<AppEnv>, job: StoredExportJob, frameCode: string) {
  const result = job.result
  if (!result) return jsonError(c, 500, 'export_failed', 'the export finished without a file')
  const name = exportFileName(job.request, frameCode)
  return c.body(new Uint8Array(result.bytes), 200, {
    'Content-Type': CONTENT_TYPES[job.request.format],
    'Content-Disposition': `attachment; filename="${name}"`,
    'X-Atlas-Pages': String(result.pages),
    'X-Atlas-Pixels': `${result.widthPx}x${result.heightPx}`,
  })
}
