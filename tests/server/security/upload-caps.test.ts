// Hostile uploads from anonymous callers are refused quickly, with a 4xx that names the limit and the value
// found, while the event loop stays free (issue 19, items 9–11). The files are built in the test, small:
// see tests/fixtures/hostile-uploads.ts. Limits: server/limits.ts.
import { beforeAll, describe, expect, test } from 'vitest'
import { parseUnitFile } from '../../../server/import'
import { deepJsonField, hugeSheetXlsx, hugeShapefileZip, lyingShapefileZip, manyMembersZip, wideCsv } from '../../fixtures/hostile-uploads'
import { ADMIN_PASSWORD, demoApp, signIn } from '../demo-app'

const FAST_MS = 5_000 // "answers within a few seconds"; a test fails at 15 s rather than hang
const TIMEOUT_MS = 15_000
const LOOP_GAP_MS = 500 // the longest the event loop may stall: reading any of these files on it takes seconds

function upload(bytes: Uint8Array, fileName: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}): RequestInit {
  const form = new FormData()
  form.set('file', new File([new Uint8Array(bytes)], fileName))
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  return { method: 'POST', body: form, headers }
}

/** The answer to `request`, how long it took, and the longest the event loop went without running a 10 ms timer meanwhile. */
async function timed(request: () => Response | Promise<Response>): Promise<{ answer: Response; elapsed: number; loopGap: number }> {
  let loopGap = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    loopGap = Math.max(loopGap, now - last)
    last = now
  }, 10)
  const started = performance.now()
  try {
    const answer = await request()
    const elapsed = performance.now() - started
    return { answer, elapsed, loopGap: Math.max(loopGap, performance.now() - last) }
  } finally {
    clearInterval(timer)
  }
}

/** The message of a refusal with `status`, checked to have come fast and without blocking the event loop. */
async function refused(request: () => Response | Promise<Response>, status: number): Promise<string> {
  const { answer, elapsed, loopGap } = await timed(request)
  const body = await answer.json()
  expect({ status: answer.status, body }).toMatchObject({ status, body: { error: { message: expect.any(String) } } })
  expect(elapsed).toBeLessThan(FAST_MS)
  expect(loopGap).toBeLessThan(LOOP_GAP_MS)
  return body.error.message as string
}

/** The demo app with its snapshot built, as a running server has it, so that a test times only its request. */
function warmApp() {
  const demo = demoApp()
  demo.store.snapshot()
  return demo
}

describe('hostile uploads, anonymous dry runs', () => {
  // The upload worker starts with the first file (~1 s, off the event loop); time the refusals, not that.
  beforeAll(() => parseUnitFile(new TextEncoder().encode('a,b\n'), 'warm.csv'), 30_000)

  test('a CSV 1 000 000 columns wide is a 413 naming columnsPerRow and the count found', async () => {
    const { app } = warmApp()
    const request = upload(wideCsv(1_000_000), 'wide.csv')
    const message = await refused(() => app.request('/api/import/units', request), 413)
    expect(message).toContain('columnsPerRow')
    expect(message).toContain('1,000,003') // the columns found
    expect(message).toContain('1,000') // the limit
  }, TIMEOUT_MS)

  test('a zip whose directory declares a 1.2 GB .shp is a 413 naming memberBytes, before inflating', async () => {
    const { app } = warmApp()
    const request = upload(hugeShapefileZip(1200), '乡镇.zip', { level: 'township' })
    const message = await refused(() => app.request('/api/import/areas', request), 413)
    expect(message).toContain('memberBytes')
    expect(message).toContain('乡镇1.shp')
    expect(message).toContain(String(1200 * 2 ** 20).replace(/\B(?=(\d{3})+$)/g, ',')) // the size declared
  }, TIMEOUT_MS)

  test('three members of 100 MiB each are a 413 naming unzippedBytes', async () => {
    const { app } = warmApp()
    const request = upload(hugeShapefileZip(100, 3), '乡镇.zip', { level: 'township' })
    const message = await refused(() => app.request('/api/import/areas', request), 413)
    expect(message).toContain('unzippedBytes')
  }, TIMEOUT_MS)

  test('a zip whose directory lies (1 000 bytes declared, 1.2 GB inside) is refused while inflating', async () => {
    const { app } = warmApp()
    const request = upload(lyingShapefileZip(1200), '乡镇.zip', { level: 'township' })
    const message = await refused(() => app.request('/api/import/areas', request), 413)
    expect(message).toContain('乡镇.shp')
    expect(message).toContain('1,000') // what its directory declared
    expect(message).toContain('目录')
  }, TIMEOUT_MS)

  test('a zip of 5 000 members is a 413 naming zipMembers', async () => {
    const { app } = warmApp()
    const request = upload(manyMembersZip(5000), '乡镇.zip', { level: 'township' })
    const message = await refused(() => app.request('/api/import/areas', request), 413)
    expect(message).toContain('zipMembers')
    expect(message).toContain('5,000')
  }, TIMEOUT_MS)

  test('an XLSX whose sheet XML inflates to 1 GiB is a 413 naming memberBytes', async () => {
    const { app } = warmApp()
    const request = upload(hugeSheetXlsx(1024), '台账.xlsx')
    const message = await refused(() => app.request('/api/import/units', request), 413)
    expect(message).toContain('memberBytes')
    expect(message).toContain('sheet1.xml')
  }, TIMEOUT_MS)

  test('an anonymous upload over 5 MiB is a 413 that says to sign in for bigger files; signed in, it is read', async () => {
    const { app } = warmApp()
    const big = new TextEncoder().encode(`单位名称,经度,纬度,备注\n${`示范单位,103.7,27.3,${'备注'.repeat(12)}\n`.repeat(100_000)}`) // 9.5 MB
    const request = upload(big, 'big.csv')
    const message = await refused(() => app.request('/api/import/units', request), 413)
    expect(message).toMatch(/5 MiB/)
    expect(message).toMatch(/sign in/i)
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const answer = await app.request('/api/import/units', upload(big, 'big.csv', {}, { Cookie: admin, Origin: 'http://localhost' }))
    expect(answer.status).toBe(200)
  }, 60_000)

  test('the form is read as it streams: a text field over 64 KiB is a 400; the file keeps its UTF-8 name', async () => {
    const { app } = warmApp()
    const csv = new TextEncoder().encode('单位名称,经度,纬度\n示范单位,103.7,27.3\n')
    const long = await app.request('/api/import/units', upload(csv, 'a.csv', { mapping: 'x'.repeat(70_000) }))
    expect(long.status).toBe(400)
    expect((await long.json()).error.message).toBe('mapping: longer than 65536 bytes')
    const named = await app.request('/api/import/units', upload(csv, '绥江县 台账（2026）.csv'))
    expect(named.status).toBe(200)
    expect((await named.json()).report.fileName).toBe('绥江县 台账（2026）.csv')
  }, TIMEOUT_MS)

  test('anonymous uploads are limited per address and minute: a 429 with Retry-After that says to sign in', async () => {
    const { app } = warmApp()
    const csv = new TextEncoder().encode('单位名称,经度,纬度\n示范单位,103.7,27.3\n')
    const from = (address: string) => app.request('/api/import/units', upload(csv, 'a.csv'), { incoming: { socket: { remoteAddress: address } } })
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await from('10.0.0.1')).status)
    expect(statuses).toEqual(Array(10).fill(200))
    const limited = await from('10.0.0.1')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await limited.json()).error.message).toMatch(/sign in/i)
    expect((await from('10.0.0.2')).status).toBe(200)
  }, 60_000)
})

describe('JSON nested 100 000 deep', () => {
  const routes: [string, string, string][] = [
    ['POST', '/api/auth/login', 'username'],
    ['POST', '/api/plan', 'area'],
    ['POST', '/api/corridors', 'name'],
    ['POST', '/api/users', 'username'],
    ['POST', '/api/plan/scenarios', 'name'],
  ]
  test.each(routes)('%s %s is a 400 naming jsonDepth, not a 500 (%s nested 100 000 deep)', async (method, path, field) => {
    const { app } = warmApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const body = deepJsonField(field, 100_000)
    const message = await refused(() => app.request(path, { method, headers: { 'Content-Type': 'application/json', Cookie: admin, Origin: 'http://localhost' }, body }), 400)
    expect(message).toContain('jsonDepth')
    expect(message).toContain('100,001') // the array, and the body around it
  }, TIMEOUT_MS)
})
