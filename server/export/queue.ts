// Export jobs, first in first out, one at a time (one browser, two cores: parallel renders only slow
// each other down). Each job reports its place in the queue and its progress; finished jobs are kept a
// while so a client that started one can fetch its file.
import { randomBytes } from 'node:crypto'
import { DomainError } from '../domain-error'
import type { RenderGrant } from '../auth/render-tokens'
import type { ExportRequest } from './export-request'
import type { ExportRenderer, RenderProgress, RenderResult } from './renderer'

export type JobState = 'queued' | 'running' | 'done' | 'failed'

/** A job as any server on the store can read it back: everything but the promise of its end. */
export type StoredExportJob = Omit<ExportJob, 'done'>

export interface ExportJob {
  id: string
  request: ExportRequest
  state: JobState
  progress: RenderProgress
  queuedAt: number
  finishedAt: number | null
  error: string | null
  result: RenderResult | null
  readsAs: string | null // the user whose render credential the job used (only they may see it); null: anonymous
  done: Promise<RenderResult>
}

export interface ExportQueueOptions {
  keepMs?: number // 600 000: how long a finished job's file stays fetchable
  maxQueued?: number // 20: more waiting jobs than this are refused
}

/** More jobs waiting than the queue holds: try again shortly (a 503 with code busy). */
export class QueueFullError extends DomainError {
  constructor(message: string) {
    super('unavailable', message, { code: 'busy' })
  }
}

/**
 * Who the render reads as: `issue` is called when the job starts (not while it waits), the grant's token
 * goes to the page and is revoked when the job ends. Absent: the page reads as an anonymous viewer.
 */
export interface RenderCredential {
  username: string
  issue(): RenderGrant
}

export class ExportQueue {
  private readonly jobs = new Map<string, ExportJob>()
  private tail: Promise<void> = Promise.resolve() // the last job's run: jobs chain on it, in order
  private queued = 0
  private nextId = 1
  private readonly keepMs: number
  private readonly maxQueued: number

  constructor(
    private readonly renderer: ExportRenderer,
    { keepMs = 600_000, maxQueued = 20 }: ExportQueueOptions = {},
  ) {
    this.keepMs = keepMs
    this.maxQueued = maxQueued
  }

  /** Queues a render; the job's `done` settles with its result. */
  enqueue(request: ExportRequest, baseUrl: string, credential?: RenderCredential, onProgress?: (job: ExportJob) => void): ExportJob {
    this.forgetOld()
    if (this.queued >= this.maxQueued) throw new QueueFullError(`the export queue is full (${this.maxQueued} jobs waiting); try again shortly`)
    // Unique across servers on one store, whose jobs are read through any of them (routes/export.ts).
    const id = `${Date.now().toString(36)}-${this.nextId++}-${randomBytes(3).toString('hex')}`
    let settle!: { resolve: (r: RenderResult) => void; reject: (e: Error) => void }
    const done = new Promise<RenderResult>((resolve, reject) => (settle = { resolve, reject }))
    done.catch(() => undefined) // a caller that only polls must not leave an unhandled rejection
    const job: ExportJob = {
      id, request, state: 'queued', progress: { stage: 'starting', done: 0, total: 0 },
      queuedAt: Date.now(), finishedAt: null, error: null, result: null, readsAs: credential?.username ?? null, done,
    }
    this.jobs.set(id, job)
    const run = async () => {
      job.state = 'running'
      onProgress?.(job)
      let grant: RenderGrant | undefined
      try {
        grant = credential?.issue()
        job.result = await this.renderer.render(request, baseUrl, (p) => {
          job.progress = p
          onProgress?.(job)
        }, grant?.token)
        job.state = 'done'
        job.progress = { stage: 'done', done: job.result.pages, total: job.result.pages }
        settle.resolve(job.result)
      } catch (error) {
        job.state = 'failed'
        job.error = (error as Error).message
        settle.reject(error as Error)
      } finally {
        grant?.revoke()
        job.finishedAt = Date.now()
        onProgress?.(job)
      }
    }
    this.queued++
    this.tail = this.tail.then(() => {
      this.queued--
      return run()
    })
    return job
  }

  get(id: string): ExportJob | undefined {
    return this.jobs.get(id)
  }

  /** 0 for the running job, 1 for the next, …; null when finished or unknown. */
  positionOf(id: string): number | null {
    const job = this.jobs.get(id)
    if (!job || job.state === 'done' || job.state === 'failed') return null
    if (job.state === 'running') return 0
    const queued = [...this.jobs.values()].filter((j) => j.state === 'queued')
    return queued.indexOf(job) + 1
  }

  private forgetOld(): void {
    const now = Date.now()
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && now - job.finishedAt > this.keepMs) this.jobs.delete(id)
  }
}
