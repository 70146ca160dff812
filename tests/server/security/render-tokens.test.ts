// Export render credentials: a signed-in user's export job gets a short-lived, read-only token for its
// run, so the page (here: the fake renderer, calling the API as the page would) reads as that user —
// sensitive units with their location — and can change nothing; the token dies with the job or its TTL.
// Also: a screen token sent as Bearer reads a private atlas, redacted.
import { describe, expect, test } from 'vitest'
import { createApp } from '../../../server/app'
import { hashPassword } from '../../../server/auth/passwords'
import { RenderTokens } from '../../../server/auth/render-tokens'
import { writeRefusal } from '../../../server/auth/roles'
import { openTestStore } from '../test-store'
import type { ExportRequest } from '../../../server/export/export-request'
import { ExportQueue } from '../../../server/export/queue'
import type { ExportRenderer, RenderResult } from '../../../server/export/renderer'
import type { CoverageReport } from '../../../server/geo/coverage'
import type { UnitCollection } from '../../../server/shared/unit-columns'
import { ADMIN_PASSWORD, jsonRequest, OWN_ORIGIN, signIn, TODAY } from '../demo-app'

const SENSITIVE = '宗教活动场所'
const TTL_MS = 300_000

/** The demo atlas with a clock the test moves and a renderer that hands each job's token to `during`. */
function exportApp({ requireLogin = false } = {}) {
  let clock = new Date(`${TODAY}T09:00:00Z`)
  const now = () => clock
  const store = openTestStore({ now })
  const renderTokens = new RenderTokens({ ttlMs: TTL_MS })
  const tokens: (string | undefined)[] = []
  let during: (token: string | undefined) => Promise<void> = async () => {}
  const renderer = {
    async render(request: ExportRequest, _baseUrl: string, _onProgress: unknown, token?: string): Promise<RenderResult> {
      tokens.push(token)
      await during(token)
      return { bytes: Buffer.from(`fake ${request.format}`), pages: 1, widthPx: request.size.widthPx, heightPx: request.size.heightPx, sheets: ['530600'] }
    },
    async close() {},
  } as unknown as ExportRenderer
  const app = createApp({
    store, version: 'test', now, log: () => {}, security: { requireLogin }, renderTokens,
    exporter: { renderer, queue: new ExportQueue(renderer), baseUrl: 'http://127.0.0.1:9' },
  })
  return {
    app, store, renderTokens, tokens,
    /** What the next render does with its token, while the job runs. */
    whileRendering(f: (token: string | undefined) => Promise<void>) {
      during = f
    },
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms)
    },
  }
}

const bearer = (token: string | undefined) => ({ headers: { Authorization: `Bearer ${token}` } })

async function unitsAs(app: ReturnType<typeof exportApp>['app'], init?: RequestInit) {
  const answer = await app.request(`/api/units?category=${encodeURIComponent(SENSITIVE)}`, init)
  return { status: answer.status, body: answer.status === 200 ? ((await answer.json()) as UnitCollection) : null }
}

describe('an export render credential', () => {
  test('reads like its user: sensitive units with their location, where an anonymous caller gets them redacted', async () => {
    const { app, tokens, whileRendering, renderTokens } = exportApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const anonymous = await unitsAs(app)
    expect(anonymous.body!.features.length).toBeGreaterThan(0)
    expect(anonymous.body!.features.every((f) => f.geometry === null && f.properties.redacted)).toBe(true)
    let asRenderer: Awaited<ReturnType<typeof unitsAs>> | null = null
    let coverage: CoverageReport | null = null
    whileRendering(async (token) => {
      asRenderer = await unitsAs(app, bearer(token))
      coverage = (await (await app.request('/api/coverage?level=county', bearer(token))).json()) as CoverageReport
    })
    const answer = await app.request('/api/export?format=png&dpi=150', { headers: { Cookie: admin } })
    expect(answer.status).toBe(200)
    expect(tokens).toHaveLength(1)
    expect(tokens[0]).toMatch(/^[\w-]{43}$/)
    expect(asRenderer!.status).toBe(200)
    const features = asRenderer!.body!.features
    expect(features.length).toBe(anonymous.body!.features.length)
    expect(features.every((f) => f.geometry !== null && !f.properties.redacted)).toBe(true)
    expect(features.map((f) => f.properties.name)).toEqual((await unitsAs(app, { headers: { Cookie: admin } })).body!.features.map((f) => f.properties.name))
    expect(coverage!.areas.length).toBeGreaterThan(0)
    expect(renderTokens.size, 'revoked when the job ends').toBe(0)
  })

  test('is revoked when its job ends, failed or not', async () => {
    const { app, tokens, whileRendering, renderTokens } = exportApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect((await app.request('/api/export?format=pdf&dpi=150', { headers: { Cookie: admin } })).status).toBe(200)
    const after = await app.request('/api/units', bearer(tokens[0]))
    expect(after.status).toBe(401)
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('bad_token')

    whileRendering(async () => {
      throw new Error('the page broke')
    })
    const job = (await (await app.request('/api/export/jobs?format=png&dpi=150', { method: 'POST', headers: { Cookie: admin, Origin: OWN_ORIGIN } })).json()) as { status: string }
    let state = ''
    for (let i = 0; i < 50 && state !== 'failed'; i++) {
      state = ((await (await app.request(job.status, { headers: { Cookie: admin } })).json()) as { state: string }).state
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(state).toBe('failed')
    expect((await app.request('/api/units', bearer(tokens[1]))).status).toBe(401)
    expect(renderTokens.size).toBe(0)
  })

  test('expires after its TTL even while its job still runs', async () => {
    const { app, whileRendering, advance } = exportApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const statuses: number[] = []
    whileRendering(async (token) => {
      statuses.push((await app.request('/api/units', bearer(token))).status)
      advance(TTL_MS - 1000)
      statuses.push((await app.request('/api/units', bearer(token))).status)
      advance(1000)
      statuses.push((await app.request('/api/units', bearer(token))).status)
    })
    expect((await app.request('/api/export?format=png&dpi=150', { headers: { Cookie: admin } })).status).toBe(200)
    expect(statuses).toEqual([200, 200, 401])
  })

  test('never writes: every method but GET/HEAD is refused, admin-only reads too, and it cannot start another export', async () => {
    const { app, tokens, whileRendering } = exportApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const refused: Record<string, number> = {}
    let nested: Promise<Response> | null = null
    whileRendering(async (token) => {
      if (tokens.length > 1) return // the nested export below
      const auth = { Authorization: `Bearer ${token}` }
      const attempts: [string, string, unknown][] = [
        ['POST', '/api/screen-tokens', { label: '偷偷建的' }],
        ['PUT', '/api/screen-profiles/hall', { name: 'hall', config: {} }],
        ['DELETE', '/api/screen-profiles/hall', {}],
        ['POST', '/api/plan/promote', { unitIds: [1], reason: 'x' }],
        ['POST', '/api/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: 'another-long-password-2' }],
        ['POST', '/api/auth/logout', {}],
        ['POST', '/api/export/jobs?format=png', {}],
        ['POST', '/api/users', { username: 'mallory', password: 'mallory-password-1', role: 'admin' }],
      ]
      for (const [method, path, body] of attempts) refused[`${method} ${path}`] = (await app.request(path, jsonRequest(method, body, undefined, auth))).status
      refused['GET /api/screen-tokens'] = (await app.request('/api/screen-tokens', { headers: auth })).status
      refused['GET /api/users'] = (await app.request('/api/users', { headers: auth })).status
      // Queued behind this job (one render at a time): awaited once this job is done.
      nested = Promise.resolve(app.request('/api/export?format=png&dpi=150', { headers: auth }))
    })
    expect((await app.request('/api/export?format=png&dpi=150', { headers: { Cookie: admin } })).status).toBe(200)
    expect(Object.keys(refused)).toHaveLength(10)
    for (const [attempt, status] of Object.entries(refused)) expect([401, 403], attempt).toContain(status)
    expect(refused['POST /api/screen-tokens']).toBe(403)
    // A nested export renders, but as an anonymous viewer: no credential is passed on.
    expect((await nested!).status).toBe(200)
    expect(tokens).toHaveLength(2)
    expect(tokens[1]).toBeUndefined()
    // The password still works: nothing changed.
    await signIn(app, 'admin', ADMIN_PASSWORD)
  })

  test('writeRefusal refuses a read-only user, whatever the role', () => {
    const areas = new Map()
    expect(writeRefusal({ id: 1, username: 'admin', role: 'admin', areaScope: null, readOnly: true }, null, areas)?.kind).toBe('forbidden')
    expect(writeRefusal({ id: 1, username: 'admin', role: 'admin', areaScope: null }, null, areas)).toBeNull()
  })

  test('stops reading as a user who is disabled while the job runs', async () => {
    const { app, store, whileRendering } = exportApp()
    const editor = store.accounts.createUser({ username: 'editor1', passwordHash: hashPassword('editor-password-9'), role: 'editor', areaScope: null }, 'test')
    const cookie = await signIn(app, 'editor1', 'editor-password-9')
    const statuses: number[] = []
    whileRendering(async (token) => {
      statuses.push((await unitsAs(app, bearer(token))).status)
      store.accounts.updateUser(editor.id, { disabled: true }, 'admin')
      statuses.push((await unitsAs(app, bearer(token))).status)
    })
    expect((await app.request('/api/export?format=png&dpi=150', { headers: { Cookie: cookie } })).status).toBe(200)
    expect(statuses).toEqual([200, 401])
  })

  test('an anonymous export gets no credential; on a private atlas anonymous callers cannot export at all', async () => {
    const open = exportApp()
    expect((await open.app.request('/api/export?format=png&dpi=150')).status).toBe(200)
    expect(open.tokens).toEqual([undefined])
    const closed = exportApp({ requireLogin: true })
    expect((await closed.app.request('/api/export?format=png&dpi=150')).status).toBe(401)
    expect(closed.tokens).toEqual([])
  })

  test('on a private atlas a signed-in export reads as its user', async () => {
    const { app, whileRendering } = exportApp({ requireLogin: true })
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    let read: Awaited<ReturnType<typeof unitsAs>> | null = null
    whileRendering(async (token) => {
      read = await unitsAs(app, bearer(token))
    })
    expect((await app.request('/api/export?format=png&dpi=150', { headers: { Cookie: admin } })).status).toBe(200)
    expect(read!.status).toBe(200)
    expect(read!.body!.features.every((f) => f.geometry !== null)).toBe(true)
    expect((await unitsAs(app)).status).toBe(401)
  })

  test('a job rendered as a user is that user’s: others get 404 for its status and its file', async () => {
    const { app, store } = exportApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    store.accounts.createUser({ username: 'viewer1', passwordHash: hashPassword('viewer-password-9'), role: 'viewer', areaScope: null }, 'test')
    const viewer = await signIn(app, 'viewer1', 'viewer-password-9')
    const started = (await (await app.request('/api/export/jobs?format=png&dpi=150', { method: 'POST', headers: { Cookie: admin, Origin: OWN_ORIGIN } })).json()) as { status: string; file: string }
    let state = ''
    for (let i = 0; i < 50 && state !== 'done'; i++) {
      state = ((await (await app.request(started.status, { headers: { Cookie: admin } })).json()) as { state: string }).state
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(state).toBe('done')
    expect((await app.request(started.file, { headers: { Cookie: admin } })).status).toBe(200)
    for (const headers of [{}, { Cookie: viewer }] as Record<string, string>[]) {
      expect((await app.request(started.status, { headers })).status).toBe(404)
      expect((await app.request(started.file, { headers })).status).toBe(404)
    }
    // An anonymous job stays fetchable by anyone who has its address, as before.
    const anonymous = (await (await app.request('/api/export/jobs?format=png&dpi=150', { method: 'POST' })).json()) as { status: string }
    expect((await app.request(anonymous.status, { headers: { Cookie: viewer } })).status).toBe(200)
  })
})

describe('RenderTokens (unit)', () => {
  test('issues distinct tokens, resolves them until revoked or expired, and forgets expired ones', () => {
    const tokens = new RenderTokens({ ttlMs: 1000 })
    const t0 = new Date('2026-01-01T00:00:00Z')
    const a = tokens.issue({ id: 1, username: 'admin' }, t0)
    const b = tokens.issue({ id: 2, username: 'editor1' }, t0)
    expect(a.token).not.toBe(b.token)
    expect(tokens.holderOf(a.token, new Date(t0.getTime() + 999))).toEqual({ userId: 1, username: 'admin' })
    expect(tokens.holderOf(a.token, new Date(t0.getTime() + 1000))).toBeNull()
    b.revoke()
    expect(tokens.holderOf(b.token, t0)).toBeNull()
    expect(tokens.holderOf('x'.repeat(300), t0)).toBeNull()
    tokens.issue({ id: 1, username: 'admin' }, new Date(t0.getTime() + 5000))
    expect(tokens.size).toBe(1)
  })
})

describe('a screen token as Bearer on a private atlas', () => {
  test('reads coverage and units, with sensitive units redacted', async () => {
    const { app } = exportApp({ requireLogin: true })
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const { token } = (await (await app.request('/api/screen-tokens', jsonRequest('POST', { label: '一楼大厅' }, admin))).json()) as { token: string }
    expect((await app.request('/api/coverage?level=county')).status).toBe(401)
    const coverage = await app.request('/api/coverage?level=county', bearer(token))
    expect(coverage.status).toBe(200)
    expect(((await coverage.json()) as CoverageReport).areas.length).toBeGreaterThan(0)
    const units = await unitsAs(app, bearer(token))
    expect(units.status).toBe(200)
    expect(units.body!.features.length).toBeGreaterThan(0)
    expect(units.body!.features.every((f) => f.geometry === null && f.properties.redacted)).toBe(true)
    expect((await app.request('/api/units', bearer('not-a-live-token'))).status).toBe(401)
  })
})
