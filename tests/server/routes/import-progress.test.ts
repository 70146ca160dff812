// POST /api/import/units|areas with progress: `?progress=1` or `Accept: application/x-ndjson` streams
// progress events and ends with the plain answer's body (or its error); without either, plain JSON.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { PROJECT_ROOT } from '../../../server/paths'
import type { ImportStreamEvent } from '../../../server/shared/import-progress'
import { ADMIN_PASSWORD, demoApp, OWN_ORIGIN, signIn } from '../demo-app'

const LEDGER = readFileSync(join(PROJECT_ROOT, 'tests/fixtures/import/ledger-utf8-bom.csv'))
const TOWNSHIPS = readFileSync(join(PROJECT_ROOT, 'tests/fixtures/import/areas/suijiang-townships-gk.zip'))

function upload(bytes: Uint8Array | Buffer | string, fileName: string, fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  const form = new FormData()
  form.set('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], fileName))
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  return { method: 'POST', body: form, headers }
}

/** Every event of an NDJSON answer, in order. */
async function eventsOf(answer: Response): Promise<ImportStreamEvent<unknown>[]> {
  const text = await answer.text()
  expect(text.endsWith('\n')).toBe(true)
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ImportStreamEvent<unknown>)
}

const progressOf = (events: ImportStreamEvent<unknown>[]) => events.filter((e) => e.type === 'progress')

/** A ledger of `rows` new schools in 中城镇, placed by area code: all accepted, none a duplicate. */
function largeLedger(rows: number): string {
  const lines = ['单位名称,类别,命名级别,命名年份,行政区划代码']
  for (let i = 1; i <= rows; i++) lines.push(`绥江县进度测试学校${String(i).padStart(5, '0')},学校,县级,二〇二一年,530626101`)
  return `${lines.join('\n')}\n`
}

describe('POST /api/import/units with progress', () => {
  test('?progress=1: parse and check events, then the body the plain answer has', async () => {
    const { app } = demoApp()
    const plain = await (await app.request('/api/import/units', upload(LEDGER, '台账.csv', {}))).json()
    const answer = await app.request('/api/import/units?progress=1', upload(LEDGER, '台账.csv', {}))
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
    const events = await eventsOf(answer)
    expect(events.at(-1)).toEqual({ type: 'result', status: 200, body: plain })
    const progress = progressOf(events)
    expect(progress[0]).toEqual({ type: 'progress', phase: 'parse', done: 0, total: null })
    expect(progress).toContainEqual({ type: 'progress', phase: 'check', done: 28, total: 28 })
    expect(progress.some((e) => e.phase === 'write')).toBe(false) // a dry run writes nothing
    expect(events.filter((e) => e.type !== 'progress')).toHaveLength(1)
  })

  test('Accept: application/x-ndjson on a commit: rows parsed (of the line count), checked and written', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const before = store.snapshot().units.length
    const answer = await app.request(
      '/api/import/units',
      upload(largeLedger(3000), '大台账.csv', { dryRun: 'false' }, { Cookie: admin, Origin: OWN_ORIGIN, Accept: 'application/x-ndjson' }),
    )
    const events = await eventsOf(answer)
    const last = events.at(-1)
    expect(last?.type).toBe('result')
    const body = (last as { body: { report: { totals: { accepted: number } }; batch: { inserted: number } } }).body
    expect(body.report.totals.accepted).toBe(3000)
    expect(body.batch.inserted).toBe(3000)
    expect(store.snapshot().units.length).toBe(before + 3000)

    const progress = progressOf(events)
    const phases = progress.map((e) => e.phase)
    expect(phases).toEqual([...phases].sort((a, b) => ['parse', 'check', 'write'].indexOf(a) - ['parse', 'check', 'write'].indexOf(b)))
    // The worker reports as it splits the CSV, against the file's line count; the phase ends with the rows read.
    expect(progress).toContainEqual({ type: 'progress', phase: 'parse', done: 3001, total: 3001 })
    expect(progress).toContainEqual({ type: 'progress', phase: 'check', done: 3000, total: 3000 })
    expect(progress).toContainEqual({ type: 'progress', phase: 'write', done: 0, total: 3000 })
    expect(progress.at(-1)).toEqual({ type: 'progress', phase: 'write', done: 3000, total: 3000 })
    for (const e of progress) if (e.total !== null) expect(e.done).toBeLessThanOrEqual(e.total)
  })

  test('a file that cannot be read: the stream ends with the 400 the plain answer gives; nothing is written', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])
    const headers = { Cookie: admin, Origin: OWN_ORIGIN }
    const plain = await app.request('/api/import/units', upload(xls, '旧台账.xls', { dryRun: 'false' }, headers))
    expect(plain.status).toBe(400)
    const answer = await app.request('/api/import/units?progress=1', upload(xls, '旧台账.xls', { dryRun: 'false' }, headers))
    expect(answer.status).toBe(200) // sent before the file was read
    const last = (await eventsOf(answer)).at(-1)
    expect(last).toEqual({ type: 'error', status: 400, body: await plain.json() })
    expect(store.imports.list()).toEqual([])
  })

  test('what is refused before the file is read keeps its own status, progress or not', async () => {
    const { app } = demoApp()
    const anonymous = await app.request('/api/import/units?progress=1', upload(LEDGER, '台账.csv', { dryRun: 'false' }))
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toContain('application/json')
    const badMapping = await app.request('/api/import/units?progress=1', upload(LEDGER, '台账.csv', { mapping: '{"colour": 1}' }))
    expect(badMapping.status).toBe(400)
  })
})

describe('POST /api/import/areas with progress', () => {
  test('features parsed and checked, then the plain body', async () => {
    const { app } = demoApp()
    const plain = await (await app.request('/api/import/areas', upload(TOWNSHIPS, '乡镇界.zip', { level: 'township' }))).json()
    const events = await eventsOf(await app.request('/api/import/areas?progress=1', upload(TOWNSHIPS, '乡镇界.zip', { level: 'township' })))
    expect(events.at(-1)).toEqual({ type: 'result', status: 200, body: plain })
    expect(progressOf(events)).toEqual([
      { type: 'progress', phase: 'parse', done: 0, total: null },
      { type: 'progress', phase: 'parse', done: 5, total: 5 },
      { type: 'progress', phase: 'check', done: 0, total: 5 },
      { type: 'progress', phase: 'check', done: 5, total: 5 },
    ])
  })
})
