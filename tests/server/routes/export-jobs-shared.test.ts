// Export jobs through another server on the same store (migration 20): a job queued on A is polled and
// fetched through B, which never renders it. Run on SQLite and, in the postgres project, on PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import type { ExportRequest } from '../../../server/export/export-request'
import { ExportQueue } from '../../../server/export/queue'
import type { ExportRenderer, RenderResult } from '../../../server/export/renderer'
import { openTestStore } from '../test-store'

function renderer(name: string): ExportRenderer {
  return {
    async render(request: ExportRequest, _baseUrl: string, onProgress: (p: { stage: 'drawing'; done: number; total: number }) => void): Promise<RenderResult> {
      if (name === 'B') throw new Error('server B was asked to render a job it did not take')
      onProgress({ stage: 'drawing', done: 0, total: 1 })
      await new Promise((resolve) => setTimeout(resolve, 50))
      return { bytes: Buffer.from(`rendered by ${name}: ${request.format}`), pages: 1, widthPx: request.size.widthPx, heightPx: request.size.heightPx, sheets: ['530600'] }
    },
    async close() {},
  } as unknown as ExportRenderer
}

const store = openTestStore()
afterAll(() => store.close())
const serverOn = (name: string) => {
  const r = renderer(name)
  return createApp({ store, version: 'test', log: () => {}, exporter: { renderer: r, queue: new ExportQueue(r), baseUrl: 'http://127.0.0.1:9' } })
}

describe('export jobs on a store several servers share', () => {
  it('a job queued through A is followed and fetched through B', async () => {
    const a = serverOn('A')
    const b = serverOn('B')
    const queued = await a.request('/api/export/jobs?format=png', { method: 'POST' })
    expect(queued.status).toBe(202)
    const { id } = (await queued.json()) as { id: string }
    const early = (await (await b.request(`/api/export/jobs/${id}`)).json()) as { state: string }
    expect(['queued', 'running']).toContain(early.state)
    expect((await b.request(`/api/export/jobs/${id}/file`)).status).toBe(409)

    let state = early.state
    for (let i = 0; i < 100 && state !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      state = ((await (await b.request(`/api/export/jobs/${id}`)).json()) as { state: string }).state
    }
    expect(state).toBe('done')
    const file = await b.request(`/api/export/jobs/${id}/file`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(await file.text()).toBe('rendered by A: png')
    expect((await b.request('/api/export/jobs/no-such-job')).status).toBe(404)
  })
})
