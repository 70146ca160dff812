// /api/corridors: the demo's corridors by area, redaction of sensitive stops for anonymous callers and
// screen tokens, writes for editors in scope (401/403), validation messages, and the audit trail.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hashPassword } from '../../../server/auth/passwords'
import { tokenHash } from '../../../server/auth/tokens'
import type { Corridor } from '../../../server/geo/corridors'
import { demoDataset } from '../../../server/seed/demo'
import { readDemoGeodata } from '../../../server/seed/seed-store'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn, TODAY } from '../demo-app'

const { app, store } = demoApp()
afterAll(() => store.close())

const PASSWORD = 'corridor-password-1'
for (const [username, role, areaScope] of [
  ['suijiang', 'editor', '530626'], // 绥江县 only
  ['anywhere', 'editor', null],
  ['looker', 'viewer', null],
] as const) {
  store.accounts.createUser({ username, passwordHash: hashPassword(PASSWORD), role, areaScope }, 'test')
}
const SCREEN_TOKEN = 'corridor-screen-token-0123456789abcdefghijkl'
store.screenTokens.create(tokenHash(SCREEN_TOKEN), '走廊测试大屏', 'test')

const cookies: Record<string, string> = {}
beforeAll(async () => {
  cookies.admin = await signIn(app, 'admin', ADMIN_PASSWORD)
  for (const name of ['suijiang', 'anywhere', 'looker']) cookies[name] = await signIn(app, name, PASSWORD)
})

const snapshot = store.snapshot()
const located = (county: string, sensitive: boolean) =>
  snapshot.units.filter(
    (u) => (snapshot.unitAreas.get(u.id) ?? '').startsWith(county) && u.lon !== null && (u.category === '宗教活动场所') === sensitive,
  )
const [temple] = located('530626', true) // a 宗教活动场所 in 绥江县
const [suijiangA, suijiangB] = located('530626', false)
const [shuifu] = located('530681', false) // 水富市: outside the 绥江 editor's scope

async function getJson<T>(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; body: T; response: Response }> {
  const response = await app.request(path, { headers })
  const text = await response.text()
  return { status: response.status, text, body: JSON.parse(text) as T, response }
}

const asCookie = (name: string) => ({ Cookie: cookies[name] })

describe('GET /api/corridors', () => {
  test('lists the demo’s sample corridors, each a line through its stops in order', async () => {
    const { status, body, response } = await getJson<{ corridors: Corridor[] }>('/api/corridors')
    expect(status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-cache')
    expect(response.headers.get('vary')).toContain('Cookie')
    const { corridors } = body
    // The seed's own corridors (tests/server/seed/corridors.test.ts checks what they are), as stored.
    const seeded = demoDataset(readDemoGeodata(), TODAY).corridors ?? []
    expect(corridors.map((c) => [c.name, c.stops.map((s) => s.unitId)])).toEqual(seeded.map((c) => [c.name, c.unitIds]))
    for (const corridor of corridors) {
      expect(corridor.sample).toBe(true)
      expect(corridor.path).toEqual(corridor.stops.map((s) => s.position))
      const units = corridor.stops.map((s) => snapshot.units.find((u) => u.id === s.unitId))
      expect(corridor.stops.map((s) => s.name)).toEqual(units.map((u) => u?.name))
      expect(corridor.stops.map((s) => s.position)).toEqual(units.map((u) => [u?.lon, u?.lat]))
      const lons = corridor.path.map(([lon]) => lon)
      expect(lons).toEqual([...lons].sort((a, b) => a - b)) // drawn west to east
    }
    expect(corridors[0].stops[0]).toEqual({
      unitId: expect.any(Number),
      name: expect.any(String),
      category: expect.any(String),
      level: expect.any(String),
      areaCode: expect.stringMatching(/^530626\d{3}$/),
      position: [expect.any(Number), expect.any(Number)],
    })
  })

  test('?area= keeps the corridors with a stop in that area or below it', async () => {
    const names = async (area: string) =>
      (await getJson<{ corridors: Corridor[] }>(`/api/corridors?area=${area}`)).body.corridors.map((c) => c.name)
    expect(await names('530681')).toEqual(['示例：金沙江沿线民族团结示范走廊'])
    expect(await names('530626')).toEqual(['示例：金沙江沿线民族团结示范走廊', '示例：绥江县城民族团结进步示范街区'])
    expect(await names('530626101')).toEqual(['示例：金沙江沿线民族团结示范走廊', '示例：绥江县城民族团结进步示范街区'])
    expect(await names('530602')).toEqual(['示例：昭阳区民族乡民族团结示范带'])
    expect(await names('530600')).toHaveLength(3)
    expect(await names('530627')).toEqual([]) // 镇雄县: none
  })

  test('an unknown area is a 404, a malformed one a 400 naming the parameter', async () => {
    const unknown = await getJson<{ error: { code: string; message: string } }>('/api/corridors?area=999999')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toBe('area: 999999 does not exist in the store')
    const bad = await getJson<{ error: { code: string; message: string } }>('/api/corridors?area=suijiang')
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^area: "suijiang" is not valid \(expected a GB\/T 2260 code/) })
  })
})

describe('sensitive stops', () => {
  let id = 0
  beforeAll(async () => {
    expect(temple && suijiangA && suijiangB).toBeTruthy()
    const created = await app.request('/api/corridors', jsonRequest('POST', { name: '经过宗教场所的走廊', unitIds: [suijiangA.id, temple.id, suijiangB.id] }, cookies.admin))
    expect(created.status).toBe(201)
    id = ((await created.json()) as { corridor: Corridor }).corridor.id
  })

  const ofTemple = (corridors: Corridor[]) => corridors.find((c) => c.id === id)

  for (const [caller, headers] of [
    ['an anonymous caller', () => ({})],
    ['a screen token', () => ({ Authorization: `Bearer ${SCREEN_TOKEN}` })],
  ] as const) {
    test(`${caller} gets the stop without name or position, and a path around it`, async () => {
      for (const path of ['/api/corridors?area=530626', `/api/corridors/${id}`]) {
        const { status, text, body } = await getJson<{ corridors?: Corridor[]; corridor?: Corridor }>(path, headers())
        expect(status).toBe(200)
        const corridor = body.corridor ?? ofTemple(body.corridors ?? [])
        expect(corridor?.stops.map((s) => s.unitId)).toEqual([suijiangA.id, temple.id, suijiangB.id])
        expect(corridor?.stops[1]).toEqual({
          unitId: temple.id,
          name: '宗教活动场所（不公开）',
          category: '宗教活动场所',
          level: temple.level,
          areaCode: snapshot.unitAreas.get(temple.id)?.slice(0, 9),
          position: null,
          redacted: true,
        })
        expect(corridor?.path).toEqual([[suijiangA.lon, suijiangA.lat], [suijiangB.lon, suijiangB.lat]])
        expect(text).not.toContain(String(temple.lon))
        expect(text).not.toContain(String(temple.lat))
        expect(text).not.toContain(temple.name)
      }
    })
  }

  test('a signed-in user, even a viewer, sees it in place', async () => {
    const { text, body } = await getJson<{ corridor: Corridor }>(`/api/corridors/${id}`, asCookie('looker'))
    expect(body.corridor.stops[1]).toMatchObject({ name: temple.name, position: [temple.lon, temple.lat] })
    expect(body.corridor.stops[1].redacted).toBeUndefined()
    expect(body.corridor.path).toHaveLength(3)
    expect(text).toContain(String(temple.lon))
  })

  test('ATLAS_SENSITIVE_CATEGORIES is honoured: with none configured nothing is redacted', async () => {
    const open = demoApp({ sensitiveCategories: [] })
    const created = open.store.corridors.create({ name: '走廊', note: '', unitIds: [suijiangA.id, temple.id] }, 'test')
    const { body } = await (async () => {
      const response = await open.app.request(`/api/corridors/${created.id}`)
      return { body: (await response.json()) as { corridor: Corridor } }
    })()
    expect(body.corridor.stops[1].name).toBe(temple.name)
    expect(body.corridor.path).toHaveLength(2)
    open.store.close()
  })
})

describe('writes', () => {
  const body = (unitIds: number[], name = '测试走廊') => ({ name, unitIds })

  test('anonymous callers get 401, viewers and screen tokens 403, whatever the body', async () => {
    expect((await app.request('/api/corridors', jsonRequest('POST', body([suijiangA.id, suijiangB.id])))).status).toBe(401)
    expect((await app.request('/api/corridors', jsonRequest('POST', { nonsense: true }))).status).toBe(401)
    expect((await app.request('/api/corridors/1', jsonRequest('PUT', body([suijiangA.id, suijiangB.id])))).status).toBe(401)
    expect((await app.request('/api/corridors/1', jsonRequest('DELETE', {}))).status).toBe(401)
    const viewer = await app.request('/api/corridors', jsonRequest('POST', body([suijiangA.id, suijiangB.id]), cookies.looker))
    expect(viewer.status).toBe(403)
    expect((await viewer.json()).error.code).toBe('forbidden')
    const token = await app.request('/api/corridors', jsonRequest('POST', body([suijiangA.id, suijiangB.id]), undefined, { Authorization: `Bearer ${SCREEN_TOKEN}` }))
    expect(token.status).toBe(403)
    expect((await app.request('/api/corridors/1', jsonRequest('DELETE', {}, cookies.looker))).status).toBe(403)
  })

  test('an editor scoped to 绥江县 writes corridors of 绥江 units only', async () => {
    const outside = await app.request('/api/corridors', jsonRequest('POST', body([suijiangA.id, shuifu.id]), cookies.suijiang))
    expect(outside.status).toBe(403)
    expect((await outside.json()).error.message).toContain('530626')

    const inside = await app.request('/api/corridors', jsonRequest('POST', body([suijiangB.id, suijiangA.id], '绥江县内走廊'), cookies.suijiang))
    expect(inside.status).toBe(201)
    const { corridor } = (await inside.json()) as { corridor: Corridor }
    expect(corridor).toMatchObject({ name: '绥江县内走廊', note: '', sample: false })
    expect(corridor.stops.map((s) => s.unitId)).toEqual([suijiangB.id, suijiangA.id])

    // Moving its own corridor to take in a 水富 unit, or touching the demo's corridor that crosses into 水富: 403.
    expect((await app.request(`/api/corridors/${corridor.id}`, jsonRequest('PUT', body([suijiangA.id, shuifu.id]), cookies.suijiang))).status).toBe(403)
    const riverside = store.corridors.list().find((c) => c.name.startsWith('示例：金沙江'))
    expect(riverside).toBeDefined()
    expect((await app.request(`/api/corridors/${riverside?.id}`, jsonRequest('PUT', body([suijiangA.id, suijiangB.id]), cookies.suijiang))).status).toBe(403)
    expect((await app.request(`/api/corridors/${riverside?.id}`, jsonRequest('DELETE', {}, cookies.suijiang))).status).toBe(403)
    expect(store.corridors.get(riverside?.id ?? 0)?.unitIds).toEqual(riverside?.unitIds)

    const renamed = await app.request(`/api/corridors/${corridor.id}`, jsonRequest('PUT', { name: '绥江县城走廊', note: '改线', unitIds: [suijiangA.id, suijiangB.id] }, cookies.suijiang))
    expect(renamed.status).toBe(200)
    expect((await renamed.json()).corridor).toMatchObject({ id: corridor.id, name: '绥江县城走廊', note: '改线' })
    expect((await app.request(`/api/corridors/${corridor.id}`, jsonRequest('DELETE', {}, cookies.suijiang))).status).toBe(200)
    expect((await app.request(`/api/corridors/${corridor.id}`)).status).toBe(404)
  })

  test('an unscoped editor writes anywhere; an update keeps a sample corridor marked as sample', async () => {
    const riverside = store.corridors.list().find((c) => c.name.startsWith('示例：金沙江'))
    const answer = await app.request(`/api/corridors/${riverside?.id}`, jsonRequest('PUT', { name: riverside?.name, unitIds: [shuifu.id, suijiangA.id] }, cookies.anywhere))
    expect(answer.status).toBe(200)
    const { corridor } = (await answer.json()) as { corridor: Corridor }
    expect(corridor.sample).toBe(true)
    expect(corridor.note).toBe('') // PUT replaces: an omitted note is empty
    expect(corridor.stops.map((s) => s.unitId)).toEqual([shuifu.id, suijiangA.id])
  })

  test('validation names the bad value and what was expected', async () => {
    const message = async (method: string, path: string, payload: unknown) => {
      const answer = await app.request(path, jsonRequest(method, payload, cookies.admin))
      expect(answer.status).toBe(400)
      const { error } = (await answer.json()) as { error: { code: string; message: string } }
      expect(error.code).toBe('bad_request')
      return error.message
    }
    expect(await message('POST', '/api/corridors', body([suijiangA.id, 99999]))).toBe('unitIds[1]: unit 99999 does not exist')
    expect(await message('POST', '/api/corridors', body([suijiangA.id, suijiangB.id, 99999, suijiangA.id]))).toBe(
      `unitIds[2]: unit 99999 does not exist; unitIds[3]: unit ${suijiangA.id} is already stop unitIds[0] (expected each unit once)`,
    )
    expect(await message('POST', '/api/corridors', body([suijiangA.id]))).toBe(
      `unitIds: [${suijiangA.id}] is not valid (expected at least 2 unit ids: a corridor joins two or more units)`,
    )
    expect(await message('POST', '/api/corridors', { name: '走廊' })).toMatch(/^unitIds: expected an array of unit ids/)
    expect(await message('POST', '/api/corridors', { name: '走廊', unitIds: [1, 'two'] })).toMatch(/^unitIds\.1: "two" is not valid \(expected a unit id/)
    expect(await message('POST', '/api/corridors', { name: '  ', unitIds: [suijiangA.id, suijiangB.id] })).toMatch(/^name: .*expected a corridor name/)
    expect(await message('PUT', '/api/corridors/abc', body([suijiangA.id, suijiangB.id]))).toMatch(/^id: "abc" is not valid \(expected a corridor id/)
    expect((await app.request('/api/corridors/abc')).status).toBe(400)
  })

  test('an unknown corridor is a 404 to read, update and delete', async () => {
    const read = await app.request('/api/corridors/424242')
    expect(read.status).toBe(404)
    expect((await read.json()).error).toEqual({ code: 'not_found', message: 'corridor 424242 does not exist' })
    expect((await app.request('/api/corridors/424242', jsonRequest('PUT', body([suijiangA.id, suijiangB.id]), cookies.admin))).status).toBe(404)
    expect((await app.request('/api/corridors/424242', jsonRequest('DELETE', {}, cookies.admin))).status).toBe(404)
  })

  test('each write is in the audit log under its actor, with before and after', async () => {
    const created = await app.request('/api/corridors', jsonRequest('POST', { name: '审计走廊', note: '初版', unitIds: [suijiangA.id, suijiangB.id] }, cookies.anywhere))
    const { corridor } = (await created.json()) as { corridor: Corridor }
    await app.request(`/api/corridors/${corridor.id}`, jsonRequest('PUT', { name: '审计走廊', note: '二版', unitIds: [suijiangB.id, suijiangA.id] }, cookies.admin))
    await app.request(`/api/corridors/${corridor.id}`, jsonRequest('DELETE', {}, cookies.suijiang))
    const audit = await app.request('/api/audit?entity=corridor&limit=50', { headers: asCookie('admin') })
    expect(audit.status).toBe(200)
    const entries = ((await audit.json()) as { entries: { actor: string; action: string; entityId: string; before: unknown; after: unknown }[] }).entries
      .filter((e) => e.entityId === String(corridor.id))
      .reverse()
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['anywhere', 'create'],
      ['admin', 'update'],
      ['suijiang', 'delete'],
    ])
    expect(entries[1].before).toMatchObject({ note: '初版', unitIds: [suijiangA.id, suijiangB.id] })
    expect(entries[1].after).toMatchObject({ note: '二版', unitIds: [suijiangB.id, suijiangA.id], updatedBy: 'admin' })
    expect(entries[2].after).toBeNull()
  })
})
