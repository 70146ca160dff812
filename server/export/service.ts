// The export service an app uses: one renderer (one Chromium) and one queue per process.
import { ExportQueue } from './queue'
import { ExportRenderer, type RendererOptions } from './renderer'

export interface ExportService {
  renderer: ExportRenderer
  queue: ExportQueue
  baseUrl?: string // where Chromium opens /export; unset: this server's own address, from the request (it must be this app: only it honours its jobs' render credentials)
}

export function createExportService(options: RendererOptions & { baseUrl?: string } = {}): ExportService {
  const renderer = new ExportRenderer(options)
  return { renderer, queue: new ExportQueue(renderer), baseUrl: options.baseUrl }
}

let shared: ExportService | null = null

/** The process's export service, made on first use; Chromium itself starts only with the first job. */
export function sharedExportService(): ExportService {
  shared ??= createExportService()
  return shared
}
