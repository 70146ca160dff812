// Screen profiles (public reads, admin writes, audited) and the ETag/304 answers the polling screen relies on.
import { afterAll, describe, expect, test } from 'vitest'
import { hashPassword } from '../../../server/auth/passwords'
import { screenConfigSchema } from '../../../server/routes/screen-profiles'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn } from '../demo-app'

const { app, store } = demoApp()
afterAll(() => store.close())

const EDITOR_PASSWORD = 'editor-password-long-1'
store.accounts.createUser({ username: 'ed', passwordHash: hashPassword(EDITOR_PASSWORD), role: 'editor', areaScope: null }, 'test')

describe('ETag and If-None-Match on what the screen polls', () => {
  for (const path of [
    '/api/coverage?level=county&parent=530600&year=2025',
    '/api/units?area=530600&status=命名,复查&year=2026',
    '/api/screen-profiles',
  ]) {
    test(`${path.split('?')[0]}: 200 with an ETag, then 304 with no body for the same ETag`, async () => {
      const first = await app.request(path)
      expect(first.status).toBe(200)
      const tag = first.headers.get('etag')
      expect(tag).toMatch(/^"[0-9a-f]+"$/)
      const again = await app.request(path, { headers: { 'If-None-Match': tag as string } })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')
      expect(again.headers.get('etag')).toBe(tag)
      const other = await app.request(path, { headers: { 'If-None-Match': '"stale"' } })
      expect(other.status).toBe(200)
    })
  }

  test('a different query has a different ETag', async () => {
    const a = await app.request('/api/coverage?level=county&parent=530600&year=2020')
    const b = await app.request('/api/coverage?level=county&parent=530600&year=2026')
    expect(a.headers.get('etag')).not.toBe(b.headers.get('etag'))
  })
})

describe('screen profiles', () => {
  test('anyone lists and reads; an unknown id is 404; a bad id is 400', async () => {
    expect(await (await app.request('/api/screen-profiles')).json()).toEqual({ profiles: [] })
    expect((await app.request('/api/screen-profiles/nope')).status).toBe(404)
    const bad = await app.request('/api/screen-profiles/Not%20A%20Slug')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toMatch(/^id: /)
  })

  test('writes need an admin: 401 anonymous, 403 editor', async () => {
    const body = { name: '大厅' }
    expect((await app.request('/api/screen-profiles/hall', jsonRequest('PUT', body))).status).toBe(401)
    const editor = await signIn(app, 'ed', EDITOR_PASSWORD)
    expect((await app.request('/api/screen-profiles/hall', jsonRequest('PUT', body, editor))).status).toBe(403)
    expect((await app.request('/api/screen-profiles/hall', jsonRequest('DELETE', {}, editor))).status).toBe(403)
  })

  test('an admin creates (201), updates (200) and deletes a profile; each change is audited', async () => {
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const created = await app.request(
      '/api/screen-profiles/hall-a',
      jsonRequest('PUT', { name: '一楼大厅', config: { title: '绥江态势', refreshSeconds: 10, tour: ['530626'] } }, admin),
    )
    expect(created.status).toBe(201)
    const { profile } = await created.json()
    expect(profile).toMatchObject({ id: 'hall-a', name: '一楼大厅', updatedBy: 'admin' })
    expect(profile.config).toEqual({ ...screenConfigSchema.parse({}), title: '绥江态势', refreshSeconds: 10, tour: ['530626'] })
    expect(profile.config.aggregateSensitive).toBe(true)

    const updated = await app.request(
      '/api/screen-profiles/hall-a',
      jsonRequest('PUT', { name: '一楼大厅', config: { aggregateSensitive: false, theme: 'navy' } }, admin),
    )
    expect(updated.status).toBe(200)
    const read = await (await app.request('/api/screen-profiles/hall-a')).json()
    expect(read.profile.config).toMatchObject({ aggregateSensitive: false, theme: 'navy', title: '昭通市民族团结进步创建工作态势' })
    expect((await (await app.request('/api/screen-profiles')).json()).profiles.map((p: { id: string }) => p.id)).toEqual(['hall-a'])

    expect((await app.request('/api/screen-profiles/hall-a', jsonRequest('DELETE', {}, admin))).status).toBe(200)
    expect((await app.request('/api/screen-profiles/hall-a')).status).toBe(404)
    expect((await app.request('/api/screen-profiles/hall-a', jsonRequest('DELETE', {}, admin))).status).toBe(404)

    const audit = store.audit.list({ limit: 10, entity: 'screen_profile' })
    expect(audit.map((e) => [e.action, e.entityId, e.actor])).toEqual([
      ['delete', 'hall-a', 'admin'],
      ['update', 'hall-a', 'admin'],
      ['create', 'hall-a', 'admin'],
    ])
    expect(audit[1].before).toMatchObject({ config: { title: '绥江态势' } })
  })

  test('an invalid config is a 400 that names the field', async () => {
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const answer = await app.request('/api/screen-profiles/x', jsonRequest('PUT', { name: 'x', config: { refreshSeconds: 0 } }, admin))
    expect(answer.status).toBe(400)
    expect((await answer.json()).error.message).toMatch(/config\.refreshSeconds/)
  })

  test('a profile changed after a 304 gets a new ETag and a 200', async () => {
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    await app.request('/api/screen-profiles/wall', jsonRequest('PUT', { name: '屏', config: {} }, admin))
    const first = await app.request('/api/screen-profiles/wall')
    const tag = first.headers.get('etag') as string
    expect((await app.request('/api/screen-profiles/wall', { headers: { 'If-None-Match': tag } })).status).toBe(304)
    await app.request('/api/screen-profiles/wall', jsonRequest('PUT', { name: '屏', config: { title: '新标题' } }, admin))
    const changed = await app.request('/api/screen-profiles/wall', { headers: { 'If-None-Match': tag } })
    expect(changed.status).toBe(200)
    expect((await changed.json()).profile.config.title).toBe('新标题')
  })
})
