// GET /api/export and the job endpoints, with a fake renderer: validation, content types, the queue.
import { describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import type { ExportRequest } from '../../../server/export/export-request'
import { ExportQueue } from '../../../server/export/queue'
import type { ExportRenderer, RenderResult } from '../../../server/export/renderer'
import { seedDemo } from '../../../server/seed/seed-store'
import type { MapReviewSettings } from '../../../server/shared/map-review'
import { TODAY } from '../demo-app'

function appWithFakeRenderer(mapReview?: MapReviewSettings) {
  const calls: { request: ExportRequest; baseUrl: string }[] = []
  const renderer = {
    async render(request: ExportRequest, baseUrl: string, onProgress: (p: { stage: 'drawing'; done: number; total: number }) => void): Promise<RenderResult> {
      calls.push({ request, baseUrl })
      onProgress({ stage: 'drawing', done: 0, total: 1 })
      await new Promise((resolve) => setTimeout(resolve, 20))
      return { bytes: Buffer.from(`fake ${request.format}`), pages: 1, widthPx: request.size.widthPx, heightPx: request.size.heightPx, sheets: ['530600'] }
    },
    async close() {},
  } as unknown as ExportRenderer
  const store = openSqliteStore(':memory:')
  seedDemo(store, TODAY)
  const app = createApp({ store, version: 'test', log: () => {}, exporter: { renderer, queue: new ExportQueue(renderer), baseUrl: 'http://127.0.0.1:9' }, ...(mapReview ? { mapReview } : {}) })
  return { app, calls }
}

describe('GET /api/export', () => {
  it('answers 400 naming the bad parameter', async () => {
    const { app, calls } = appWithFakeRenderer()
    const cases: [string, string][] = [
      ['paper=A5', 'paper'],
      ['dpi=72', 'dpi'],
      ['format=gif', 'format'],
      ['orientation=sideways', 'orientation'],
      ['view=area%3D12', 'view'],
      ['minLevel=%E4%B9%A1%E7%BA%A7', 'minLevel'],
      ['size=10x10', 'size'],
      ['area=530626101&atlasBy=township', 'atlasBy'],
      ['lang=fr', 'lang'],
    ]
    for (const [query, parameter] of cases) {
      const answer = await app.request(`/api/export?${query}`)
      expect(answer.status, query).toBe(400)
      const body = (await answer.json()) as { error: { code: string; message: string; details: { parameter: string } } }
      expect(body.error.details.parameter, query).toBe(parameter)
      expect(body.error.message, query).toContain(parameter)
    }
    expect(calls).toEqual([])
  })

  it('answers 404 for an area the store does not hold', async () => {
    const { app } = appWithFakeRenderer()
    const answer = await app.request('/api/export?view=area%3D530699')
    expect(answer.status).toBe(404)
    expect(await answer.text()).toContain('530699')
  })

  it('renders through the renderer with the right content type, size headers and file name', async () => {
    const { app, calls } = appWithFakeRenderer()
    const png = await app.request('/api/export?format=png&paper=A3&dpi=300&view=' + encodeURIComponent('http://x/?area=530626&minLevel=市级'))
    expect(png.status).toBe(200)
    expect(png.headers.get('content-type')).toBe('image/png')
    expect(png.headers.get('x-atlas-pixels')).toBe('4961x3508')
    expect(png.headers.get('content-disposition')).toContain('unity-atlas-530626-A3-landscape-300dpi.png')
    expect(calls[0].request.pageQuery).toContain('area=530626')
    expect(calls[0].request.view.minLevel).toBe('市级')
    expect(calls[0].baseUrl).toBe('http://127.0.0.1:9')

    const pdf = await app.request('/api/export?format=pdf&dpi=150')
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const atlas = await app.request('/api/export?format=png&atlasBy=county')
    expect(atlas.headers.get('content-type')).toBe('application/zip')
  })

  it('renders in English with lang=en, the texts typed kept for the page', async () => {
    const { app, calls } = appWithFakeRenderer()
    const title = 'Units in Suijiang'
    const answer = await app.request(`/api/export?format=png&dpi=150&area=530626&lang=en&overlays=columns&title=${encodeURIComponent(title)}&unitsLegendTitle=Categories`)
    expect(answer.status).toBe(200)
    const params = new URLSearchParams(calls[0].request.pageQuery)
    expect(params.get('lang')).toBe('en')
    expect(params.get('overlays')).toBe('columns')
    expect(params.get('title')).toBe(title)
    expect(params.get('unitsLegendTitle')).toBe('Categories')
    expect(calls[0].request.view.lang).toBe('en')
  })

  it('queues jobs and reports their progress', async () => {
    const { app } = appWithFakeRenderer()
    const started = await app.request('/api/export/jobs?format=pdf&atlasBy=county', { method: 'POST' })
    expect(started.status).toBe(202)
    const { id, status, file } = (await started.json()) as { id: string; status: string; file: string }
    const second = (await (await app.request('/api/export/jobs?format=png', { method: 'POST' })).json()) as { id: string }
    const waiting = (await (await app.request(`/api/export/jobs/${second.id}`)).json()) as { state: string; position: number }
    expect(waiting).toMatchObject({ state: 'queued', position: 1 })
    expect((await app.request(file)).status).toBe(409)
    let state = ''
    for (let i = 0; i < 50 && state !== 'done'; i++) {
      state = ((await (await app.request(status)).json()) as { state: string }).state
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(state).toBe('done')
    const answer = await app.request(file)
    expect(answer.headers.get('content-type')).toBe('application/pdf')
    expect(await answer.text()).toBe('fake pdf')
    expect((await app.request(`/api/export/jobs/${id}x`)).status).toBe(404)
  })
})

describe('GET /api/export/settings', () => {
  it('answers the configured 审图号 and marking, none by default', async () => {
    expect(await (await appWithFakeRenderer().app.request('/api/export/settings')).json()).toEqual({ mapReview: { reviewNumber: null, unreviewedMarking: null } })
    const mapReview = { reviewNumber: 'GS(2024)1234号', unreviewedMarking: '内部资料' }
    const answer = await appWithFakeRenderer(mapReview).app.request('/api/export/settings')
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({ mapReview })
  })
})
