// Export jobs in the store (migration 20): each server writes its jobs' state through as they run, so a client
// polling through another server behind the same proxy reads the job's progress and then its file.
import type { StoredExportJob } from '../export/queue'
import type { SqlDatabase } from './sql'
import type { ExportJobRepository } from './store'

interface JobRow {
  id: string
  reads_as: string | null
  request: string
  state: StoredExportJob['state']
  progress: string
  queued_at: string
  finished_at: string | null
  error: string | null
  result: string | null
  file: Uint8Array | null
}

export function sqliteExportJobs(db: SqlDatabase): ExportJobRepository {
  return {
    put(job) {
      const { bytes, ...result } = job.result ?? { bytes: null }
      db.prepare(`INSERT INTO export_jobs (id, reads_as, request, state, progress, queued_at, finished_at, error, result, file)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET state = excluded.state, progress = excluded.progress, finished_at = excluded.finished_at,
            error = excluded.error, result = excluded.result, file = excluded.file`)
        .run(job.id, job.readsAs, JSON.stringify(job.request), job.state, JSON.stringify(job.progress), new Date(job.queuedAt).toISOString(),
          job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(), job.error, job.result ? JSON.stringify(result) : null, bytes)
    },
    get(id) {
      const row = db.prepare('SELECT * FROM export_jobs WHERE id = ?').get(id) as JobRow | undefined
      if (row === undefined) return null
      return {
        id: row.id,
        readsAs: row.reads_as,
        request: JSON.parse(row.request),
        state: row.state,
        progress: JSON.parse(row.progress),
        queuedAt: Date.parse(row.queued_at),
        finishedAt: row.finished_at === null ? null : Date.parse(row.finished_at),
        error: row.error,
        result: row.result === null || row.file === null ? null : { ...JSON.parse(row.result), bytes: Buffer.from(row.file) },
      }
    },
    forgetFinishedBefore(at) {
      db.prepare('DELETE FROM export_jobs WHERE finished_at IS NOT NULL AND finished_at < ?').run(at.toISOString())
    },
  }
}
