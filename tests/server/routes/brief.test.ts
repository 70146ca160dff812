// GET /api/brief with a fake renderer (the map figure a 1×1 PNG, the PDF the HTML it was given): the DOCX's
// headings, tables and map, the table against /api/coverage, a bad period, the public version, the audit record,
// and the 督导 section with its photos for signed-in readers only.
import { createHash } from 'node:crypto'
import { unzipSync, strFromU8 } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { DEFAULT_WORK_LIMITS } from '../../../server/auth/work-limits'
import { openTestStore } from '../test-store'
import type { ExportRequest } from '../../../server/export/export-request'
import { ExportQueue } from '../../../server/export/queue'
import type { ExportRenderer, RenderResult } from '../../../server/export/renderer'
import { ADMIN_PASSWORD, jsonRequest, OWN_ORIGIN, signIn, TODAY } from '../demo-app'

const mapPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64') // 1×1
const maps: ExportRequest[] = []
const tokens: (string | undefined)[] = []
const renderer = {
  async render(request: ExportRequest, _baseUrl: string, _onProgress: unknown, token?: string): Promise<RenderResult> {
    maps.push(request)
    tokens.push(token)
    return { bytes: mapPng, pages: 1, widthPx: 1, heightPx: 1, sheets: [request.view.area ?? ''] }
  },
  async printHtml(html: string) {
    return Buffer.from(`%PDF-fake\n${html}`)
  },
  async close() {},
} as unknown as ExportRenderer
const now = () => new Date(`${TODAY}T09:00:00Z`)
const store = openTestStore({ now })
const security = { workLimits: { ...DEFAULT_WORK_LIMITS, briefsPerMinute: 1000 } }
const app = createApp({ store, version: 'test', now, log: () => {}, security, exporter: { renderer, queue: new ExportQueue(renderer), baseUrl: 'http://127.0.0.1:9' } })
let admin = ''
beforeAll(async () => {
  admin = await signIn(app, 'admin', ADMIN_PASSWORD)
})
afterAll(() => store.close())

async function docxOf(answer: Response): Promise<Record<string, string>> {
  const files = unzipSync(new Uint8Array(await answer.arrayBuffer()))
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, name.endsWith('.xml') || name.endsWith('.rels') ? strFromU8(data) : `${data.length} bytes`]))
}

describe('GET /api/brief', () => {
  it('answers a Word document with 标题 1 headings, real tables and the map figure', async () => {
    const answer = await app.request('/api/brief?area=530626&period=2025&format=docx', { headers: { Cookie: admin } })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="brief-530626-2025.docx"')
    const files = await docxOf(answer)
    const document = files['word/document.xml']
    expect(files['word/styles.xml']).toMatch(/w:styleId="BriefHeading1"><w:name w:val="标题 1"\/><w:basedOn w:val="Heading1"\/>/)
    expect(files['word/styles.xml']).toContain('w:eastAsia="仿宋_GB2312"')
    expect(document).toContain('<w:pStyle w:val="BriefHeading1"/></w:pPr><w:r><w:t xml:space="preserve">一、总体情况</w:t>')
    expect(document.match(/<w:tbl>/g)?.length).toBeGreaterThanOrEqual(4)
    expect(document).toContain('绥江县民族团结进步示范创建工作简报（2025年）')
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"')
    expect(Object.keys(files).some((name) => name.startsWith('word/media/') && name.endsWith('.png'))).toBe(true)
    expect(maps.at(-1)?.view).toMatchObject({ area: '530626', year: 2025 })
  })

  it('fills the table by township with the numbers /api/coverage gives for the same area and year', async () => {
    const coverage = await (await app.request('/api/coverage?level=township&parent=530626&year=2025')).json() as { areas: { name: string; total: number; byLevel: Record<string, number> }[] }
    const html = await (await app.request('/api/brief?area=530626&period=2025&format=html', { headers: { Cookie: admin } })).text()
    for (const area of coverage.areas) {
      const cells = [area.name, area.total, area.byLevel.国家级, area.byLevel.省级, area.byLevel.市级, area.byLevel.县级].map((v) => `<td>${v}</td>`).join('')
      expect(html, area.name).toContain(`<tr>${cells}`)
    }
    expect(html).toContain('src="data:image/png;base64,')
  })

  it('prints the PDF from the same HTML', async () => {
    const answer = await app.request('/api/brief?area=530626&period=2025Q3&format=pdf&lang=en', { headers: { Cookie: admin } })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/pdf')
    const text = await answer.text()
    expect(text.startsWith('%PDF-fake\n<!doctype html>')).toBe(true)
    expect(text).toContain('<h2>1. Overview</h2>')
  })

  it('answers 400 naming a bad period, format or language, before any render', async () => {
    const rendered = maps.length
    for (const [query, named] of [['period=2026Q5', '"2026Q5"'], ['period=2025&format=odt', 'format'], ['period=2025&lang=fr', 'lang']]) {
      const answer = await app.request(`/api/brief?area=530626&${query}`, { headers: { Cookie: admin } })
      expect(answer.status, query).toBe(400)
      expect(((await answer.json()) as { error: { message: string } }).error.message, query).toContain(named)
    }
    expect((await app.request('/api/brief?area=530699&period=2025')).status).toBe(404)
    expect(maps.length).toBe(rendered)
  })

  it('gives an anonymous caller the public version, saying so, and its map is rendered without a credential', async () => {
    const html = await (await app.request('/api/brief?area=530600&period=2025&format=html')).text()
    expect(html).toContain('（公开版：敏感类别单位已汇总）')
    expect(tokens.at(-1)).toBeUndefined()
    const religious = store.snapshot().units.filter((u) => u.category === '宗教活动场所').map((u) => u.name)
    expect(religious.filter((name) => html.includes(name))).toEqual([])
    const staff = await (await app.request('/api/brief?area=530600&period=2025&format=html', { headers: { Cookie: admin } })).text()
    expect(staff).not.toContain('公开版')
    expect(tokens.at(-1)).toEqual(expect.any(String))
    expect(religious.some((name) => staff.includes(name))).toBe(true)
  })

  it('records each briefing in the audit trail', async () => {
    await app.request('/api/brief?area=530626&period=2025-09&format=docx', { headers: { Cookie: admin } })
    const records = store.audit.list({ action: 'briefing', limit: 1 })
    expect(records[0]).toMatchObject({ actor: 'admin', action: 'briefing', entity: 'brief', entityId: '530626/2025-09' })
  })
})

describe('GET /api/brief: the 督导 section', () => {
  // A JPEG's header as the server reads it (SOI, APP0, SOF0 of 1600×1200), different per visit: the photo store keys by hash.
  const jpeg = (mark: number) => Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array(13).fill(0), mark, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x04, 0xb0, 0x06, 0x40, 0x03, ...new Array(9).fill(0)])
  const photos = { ordinary: jpeg(1), sensitive: jpeg(2) }
  const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
  const mediaOf = (files: Record<string, string>) => Object.keys(files).filter((name) => name.startsWith('word/media/'))

  beforeAll(async () => {
    const units = store.snapshot().unitsInArea.get('530626') ?? []
    const visited = { ordinary: units.find((u) => u.category === '机关')!, sensitive: units.find((u) => u.category === '宗教活动场所')! }
    for (const kind of ['ordinary', 'sensitive'] as const) {
      const clientId = `brief-visit-${kind}`
      const body = { clientId, unit: visited[kind].id, date: '2025-08-10', inspectors: ['张三'], checklist: [{ item: '宣传教育', result: '达标', note: '' }], rating: '良好', findings: '', followUp: '', followUpDue: null }
      expect((await app.request('/api/inspections', jsonRequest('POST', body, admin))).status).toBe(201)
      const put = await app.request(`/api/photos/${hashOf(photos[kind])}?visit=${clientId}`, { method: 'PUT', body: photos[kind], headers: { Cookie: admin, Origin: OWN_ORIGIN, 'Content-Type': 'image/jpeg' } })
      expect(put.status).toBe(201)
    }
  })

  it('writes the visits in figures and, for a signed-in reader, the photos into the DOCX and the PDF', async () => {
    const files = await docxOf(await app.request('/api/brief?area=530626&period=2025Q3&format=docx', { headers: { Cookie: admin } }))
    const document = files['word/document.xml']
    expect(document).toContain('六、督导检查情况')
    expect(document).toMatch(/2025年第三季度共开展督导 \d+ 次，涉及单位 \d+ 个；截至2025年9月30日，应督导单位 \d+ 个，本期已督导其中 \d+ 个/)
    expect(document).toContain('总体评价')
    expect(document).toContain('图2　督导现场照片（选登 2 张）')
    const jpegs = mediaOf(files).filter((name) => name.endsWith('.jpg') || name.endsWith('.jpeg'))
    expect(jpegs).toHaveLength(2)
    expect(jpegs.map((name) => files[name]).sort()).toEqual([`${photos.ordinary.length} bytes`, `${photos.sensitive.length} bytes`])

    const pdf = await (await app.request('/api/brief?area=530626&period=2025Q3&format=pdf', { headers: { Cookie: admin } })).text()
    expect(pdf).toContain('督导现场照片（选登 2 张）')
    for (const bytes of Object.values(photos)) expect(pdf).toContain(`src="data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}"`)
  })

  it('gives the public version the figures and no photo at all, of sensitive units or any other', async () => {
    const files = await docxOf(await app.request('/api/brief?area=530626&period=2025Q3&format=docx'))
    expect(files['word/document.xml']).toContain('共开展督导')
    expect(files['word/document.xml']).not.toContain('督导现场照片')
    expect(mediaOf(files).filter((name) => !name.endsWith('.png'))).toEqual([]) // the map alone
    const pdf = await (await app.request('/api/brief?area=530626&period=2025Q3&format=pdf')).text()
    expect(pdf).not.toContain('data:image/jpeg')
    expect(pdf).not.toContain('督导现场照片')
  })
})
