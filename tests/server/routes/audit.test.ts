// The audit trail through the API: sign-in, sign-out, password and export events with their result and the
// client's address; the filters of GET /api/audit; the CSV of GET /api/audit/export; admins only.
import { describe, expect, test } from 'vitest'
import type { AuditEntry } from '../../../server/db/store'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn } from '../demo-app'

type App = ReturnType<typeof demoApp>['app']

const fromPeer = (peer: string) => ({ incoming: { socket: { remoteAddress: peer } } })

async function entries(app: App, cookie: string, query = ''): Promise<AuditEntry[]> {
  const answer = await app.request(`/api/audit${query}`, { headers: { Cookie: cookie } })
  expect(answer.status).toBe(200)
  return ((await answer.json()) as { entries: AuditEntry[] }).entries
}

describe('events of a session are audited with result and address', () => {
  test('a failed sign-in is recorded under the name tried, with the address a trusted proxy forwarded', async () => {
    const { app, store } = demoApp({ trustedProxies: ['10.0.0.1'] })
    const wrong = { username: 'admin', password: 'not-the-password' }
    const headers = { 'X-Forwarded-For': '203.0.113.9' }
    expect((await app.request('/api/auth/login', jsonRequest('POST', wrong, undefined, headers), fromPeer('10.0.0.1'))).status).toBe(401)
    expect((await app.request('/api/auth/login', jsonRequest('POST', { ...wrong, username: 'nobody' }), fromPeer('198.51.100.4'))).status).toBe(401)
    const [unknown, bad] = store.audit.list({ limit: 2, action: 'sign-in' })
    expect(bad).toMatchObject({ actor: 'admin', action: 'sign-in', entity: 'session', result: 'failure', address: '203.0.113.9', after: { reason: 'bad_password' } })
    expect(unknown).toMatchObject({ actor: 'nobody', result: 'failure', address: '198.51.100.4', after: { reason: 'unknown_user' } })
    store.close()
  })

  test('a sign-in, a password change (refused, then made) and a sign-out are recorded', async () => {
    const { app, store } = demoApp()
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    await app.request('/api/auth/password', jsonRequest('POST', { currentPassword: 'nope', newPassword: 'another-good-pw-7' }, cookie))
    const other = await signIn(app, 'admin', ADMIN_PASSWORD)
    await app.request('/api/auth/logout', jsonRequest('POST', {}, other))
    await app.request('/api/auth/password', jsonRequest('POST', { currentPassword: ADMIN_PASSWORD, newPassword: 'another-good-pw-7' }, cookie))
    const trail = store.audit.list({ limit: 6 }).reverse().map((e) => [e.action, e.entity, e.result, e.address])
    expect(trail).toEqual([
      ['sign-in', 'session', 'success', 'unknown'], // app.request without a socket: the address is 'unknown'
      ['change-password', 'user', 'failure', 'unknown'],
      ['sign-in', 'session', 'success', 'unknown'],
      ['sign-out', 'session', 'success', 'unknown'],
      ['update', 'user', 'success', 'unknown'], // the store's own record of the change, with the request's address too
      ['change-password', 'user', 'success', 'unknown'],
    ])
    expect(store.audit.list({ limit: 2, entity: 'user' })[1].after).toMatchObject({ username: 'admin', passwordChanged: true })
    store.close()
  })

  test('a data write is recorded with the address of the request that made it', async () => {
    const { app, store } = demoApp({ trustedProxies: ['10.0.0.1'] })
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    const unit = store.units.get(1)
    if (!unit) throw new Error('the demo has unit 1')
    const edit = jsonRequest('PATCH', { notes: '地址测试' }, cookie, { 'If-Match': `"${unit.version}"`, 'X-Forwarded-For': '203.0.113.77' })
    expect((await app.request(`/api/units/${unit.id}`, edit, fromPeer('10.0.0.1'))).status).toBe(200)
    expect(store.audit.list({ limit: 1, entity: 'unit' })[0]).toMatchObject({ actor: 'admin', action: 'edit', entityId: String(unit.id), address: '203.0.113.77' })
    // Outside a request (the CLI, the seed) there is no address to give.
    store.units.update(unit.id, unit.version + 1, { notes: '命令行' }, { actor: 'cli:test', at: '2026-11-23T10:00:00Z', reason: '' })
    expect(store.audit.list({ limit: 1, entity: 'unit' })[0]).toMatchObject({ actor: 'cli:test', address: null })
    store.close()
  })

  test('a ledger export and a backup download are recorded with who and from where', async () => {
    const { app, store } = demoApp()
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect((await app.request('/api/units/export?format=csv&area=530626', {}, fromPeer('192.0.2.8'))).status).toBe(200)
    expect(store.audit.list({ limit: 1 })[0]).toMatchObject({ actor: 'anonymous', action: 'export', entity: 'units', address: '192.0.2.8', after: { format: 'csv', query: '?format=csv&area=530626' } })
    const backup = await app.request('/api/backup', { headers: { Cookie: cookie } })
    await backup.arrayBuffer()
    expect(store.audit.list({ limit: 2 }).map((e) => [e.actor, e.action, e.entity])).toEqual([['admin', 'download', 'backup'], ['admin', 'backup', 'store']])
    store.close()
  })
})

describe('GET /api/audit and /api/audit/export', () => {
  async function appWithEvents() {
    const { app, store } = demoApp()
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    await app.request('/api/users', jsonRequest('POST', { username: 'viewer2', password: 'a-good-password-9', role: 'viewer' }, cookie))
    await app.request('/api/auth/login', jsonRequest('POST', { username: '=HYPERLINK("x")', password: 'p' }))
    return { app, store, cookie }
  }

  test('filters by user, type, object and date', async () => {
    const { app, store, cookie } = await appWithEvents()
    expect((await entries(app, cookie, '?action=sign-in')).map((e) => [e.actor, e.result])).toEqual([['=HYPERLINK("x")', 'failure'], ['admin', 'success']])
    expect((await entries(app, cookie, '?actor=admin&entity=user')).map((e) => [e.action, e.after])).toEqual([['create', expect.objectContaining({ username: 'viewer2' })]])
    const created = (await entries(app, cookie, '?entity=user&action=create'))[0]
    expect(await entries(app, cookie, `?entity=user&entityId=${created.entityId}`)).toHaveLength(1)
    // The demo's clock is 2026-11-23T09:00Z: every record is of that day.
    const all = await entries(app, cookie, '?limit=10000')
    expect(await entries(app, cookie, '?from=2026-11-23&to=2026-11-23&limit=10000')).toEqual(all)
    expect(await entries(app, cookie, '?from=2026-11-24')).toEqual([])
    expect(await entries(app, cookie, '?to=2026-11-22')).toEqual([])
    store.close()
  })

  test('bad filters are named', async () => {
    const { app, store, cookie } = await appWithEvents()
    const bad = async (query: string) => ((await (await app.request(`/api/audit${query}`, { headers: { Cookie: cookie } })).json()) as { error: { message: string } }).error.message
    expect(await bad('?from=2026-02-30')).toContain('expected a date that exists')
    expect(await bad('?from=2026-11-24&to=2026-11-01')).toContain('expected from on or before to')
    store.close()
  })

  test('the CSV export: BOM, header, one row per record selected, formula-looking text kept as text; the export is itself audited', async () => {
    const { app, store, cookie } = await appWithEvents()
    const selected = await entries(app, cookie, '?action=sign-in')
    const csv = await app.request('/api/audit/export?action=sign-in', { headers: { Cookie: cookie } })
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="atlas-audit.csv"')
    // Response.text() drops a BOM, so read the bytes: Excel needs the BOM to see UTF-8.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer())
    expect(text.startsWith('\uFEFFid,at,actor,action,entity,entityId,result,address,before,after,hash\r\n')).toBe(true)
    const rows = text.trimEnd().split('\r\n').slice(1)
    expect(rows).toHaveLength(selected.length)
    expect(rows[0]).toBe(`${selected[1].id},2026-11-23T09:00:00.000Z,admin,sign-in,session,${selected[1].entityId},success,unknown,,,${selected[1].hash}`)
    expect(rows[1]).toContain(`,"'=HYPERLINK(""x"")",sign-in,session,,failure,unknown,,"{""reason"":""unknown_user""}",`)
    expect(store.audit.list({ limit: 1 })[0]).toMatchObject({ actor: 'admin', action: 'export', entity: 'audit_log', after: { records: 2 } })
    store.close()
  })

  test('only admins read or export the trail', async () => {
    const { app, store } = await appWithEvents()
    expect((await app.request('/api/audit')).status).toBe(401)
    expect((await app.request('/api/audit/export')).status).toBe(401)
    const viewer = await signIn(app, 'viewer2', 'a-good-password-9')
    expect((await app.request('/api/audit/export', { headers: { Cookie: viewer } })).status).toBe(403)
    store.close()
  })
})
