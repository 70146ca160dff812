// Read-only screen tokens: created and revoked by admins (audited), shown once, stored hashed; they let
// an unattended display read a private atlas (ATLAS_REQUIRE_LOGIN=1) and never write.
import { describe, expect, test } from 'vitest'
import { tokenHash } from '../../../server/auth/tokens'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn } from '../demo-app'

async function privateAtlas() {
  const { app, store } = demoApp({ requireLogin: true })
  const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
  const created = await app.request('/api/screen-tokens', jsonRequest('POST', { label: '一楼大厅' }, admin))
  expect(created.status).toBe(201)
  const body = (await created.json()) as { token: string; screenToken: { id: string; label: string; revokedAt: null } }
  return { app, store, admin, token: body.token, id: body.screenToken.id, body }
}

describe('managing screen tokens', () => {
  test('an admin creates one: the token is shown once and only its hash is stored; the list never shows it', async () => {
    const { app, store, admin, token, id, body } = await privateAtlas()
    expect(token).toMatch(/^[\w-]{43}$/)
    expect(body.screenToken).toMatchObject({ label: '一楼大厅', createdBy: 'admin', revokedAt: null })
    expect(id).toBe(tokenHash(token).slice(0, 16))
    const list = await app.request('/api/screen-tokens', { headers: { Cookie: admin } })
    const text = await list.text()
    expect(JSON.parse(text).tokens).toEqual([body.screenToken])
    expect(text).not.toContain(token)
    expect(store.screenTokens.byHash(tokenHash(token))?.id).toBe(id)
  })

  test('only admins: anonymous 401, a viewer 403, a screen token 401 (it is not a session)', async () => {
    const { app, store, token } = await privateAtlas()
    const { hashPassword } = await import('../../../server/auth/passwords')
    store.accounts.createUser({ username: 'viewer1', passwordHash: hashPassword('viewer-password-9'), role: 'viewer', areaScope: null }, 'test')
    const viewer = await signIn(app, 'viewer1', 'viewer-password-9')
    expect((await app.request('/api/screen-tokens')).status).toBe(401)
    expect((await app.request('/api/screen-tokens', { headers: { Cookie: viewer } })).status).toBe(403)
    expect((await app.request('/api/screen-tokens', jsonRequest('POST', { label: 'x' }, viewer))).status).toBe(403)
    expect((await app.request('/api/screen-tokens', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401)
  })

  test('a label is required and bounded; an unknown id is a 404', async () => {
    const { app, admin } = await privateAtlas()
    const blank = await app.request('/api/screen-tokens', jsonRequest('POST', { label: '  ' }, admin))
    expect(blank.status).toBe(400)
    expect((await blank.json()).error.message).toMatch(/label/)
    expect((await app.request('/api/screen-tokens', jsonRequest('POST', { label: 'x'.repeat(61) }, admin))).status).toBe(400)
    expect((await app.request('/api/screen-tokens/AAAAAAAAAAAAAAAA', jsonRequest('DELETE', {}, admin))).status).toBe(404)
    expect((await app.request('/api/screen-tokens/short', jsonRequest('DELETE', {}, admin))).status).toBe(400)
  })

  test('creation and revocation are audited, without the token', async () => {
    const { app, admin, token, id } = await privateAtlas()
    expect((await app.request(`/api/screen-tokens/${id}`, jsonRequest('DELETE', {}, admin))).status).toBe(200)
    const audit = await (await app.request('/api/audit?entity=screen_token', { headers: { Cookie: admin } })).text()
    const entries = JSON.parse(audit).entries as { action: string; actor: string; entityId: string }[]
    expect(entries.map((e) => [e.action, e.actor, e.entityId])).toEqual([
      ['revoke', 'admin', id],
      ['create', 'admin', id],
    ])
    expect(audit).not.toContain(token)
  })
})

describe('reading with a screen token', () => {
  test('ATLAS_REQUIRE_LOGIN=1: no token 401; Bearer or ?token= reads', async () => {
    const { app, token } = await privateAtlas()
    expect((await app.request('/api/coverage?level=county')).status).toBe(401)
    expect((await app.request('/api/coverage?level=county', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200)
    expect((await app.request(`/api/coverage?level=county&token=${token}`)).status).toBe(200)
    expect((await app.request(`/api/units?area=530626&token=${token}`)).status).toBe(200)
    expect((await app.request(`/api/screen-profiles?token=${token}`)).status).toBe(200)
  })

  test('a token never writes: 403 even where anonymous callers may POST, and admin reads stay closed', async () => {
    const { app, token } = await privateAtlas()
    const bearer = { Authorization: `Bearer ${token}` }
    expect((await app.request('/api/screen-profiles/hall', jsonRequest('PUT', { name: 'x' }, undefined, bearer))).status).toBe(403)
    expect((await app.request('/api/plan', jsonRequest('POST', { area: '530626', sites: 1 }, undefined, bearer))).status).toBe(403)
    expect((await app.request(`/api/screen-tokens?token=${token}`, jsonRequest('POST', { label: 'more' }))).status).toBe(403)
    expect((await app.request('/api/users', { headers: bearer })).status).toBe(401)
    expect((await app.request('/api/audit', { headers: bearer })).status).toBe(401)
  })

  test('a revoked token, an unknown one and an over-long one are refused, on an open atlas too', async () => {
    const { app, admin, token, id } = await privateAtlas()
    expect((await app.request(`/api/screen-tokens/${id}`, jsonRequest('DELETE', {}, admin))).status).toBe(200)
    const revoked = await app.request('/api/coverage', { headers: { Authorization: `Bearer ${token}` } })
    expect(revoked.status).toBe(401)
    expect((await revoked.json()).error.code).toBe('bad_token')
    expect((await app.request(`/api/coverage?token=${token}`)).status).toBe(401)
    expect((await app.request('/api/coverage?token=not-a-token')).status).toBe(401)
    expect((await app.request(`/api/coverage?token=${'a'.repeat(5000)}`)).status).toBe(401)
    // The list still shows the token, as revoked; revoking again changes nothing.
    const list = (await (await app.request('/api/screen-tokens', { headers: { Cookie: admin } })).json()).tokens
    expect(list[0].revokedAt).not.toBeNull()
    const again = await (await app.request(`/api/screen-tokens/${id}`, jsonRequest('DELETE', {}, admin))).json()
    expect(again.screenToken.revokedAt).toBe(list[0].revokedAt)
    const open = demoApp()
    expect((await open.app.request('/api/coverage?token=not-a-token')).status).toBe(401)
    expect((await open.app.request('/api/coverage')).status).toBe(200)
  })

  test('health and sign-in stay open whatever token is sent; a signed-in user is not affected by one', async () => {
    const { app, admin } = await privateAtlas()
    expect((await app.request('/api/health?token=junk')).status).toBe(200)
    expect((await app.request('/api/coverage?token=junk', { headers: { Cookie: admin } })).status).toBe(200)
    // Exact open paths: a screen profile called "health" is not open on a private atlas.
    expect((await app.request('/api/screen-profiles/health')).status).toBe(401)
  })
})
