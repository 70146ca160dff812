// /api/targets: the targets of an area and of every area within it, each with the progress coverage gives
// it; create, edit and delete by a signed-in writer whose scope holds the target before and after; messages
// that name the bad value and what was expected; and a new target showing in /api/coverage at once.
import { describe, expect, test } from 'vitest'
import type { TargetWithProgress } from '../../../server/geo/target-progress'
import type { CoverageReport } from '../../../server/geo/coverage'
import { demoAppWithAccounts, jsonRequest } from '../demo-app'

const { app, store, cookies } = demoAppWithAccounts()

interface TargetsAnswer {
  year: number
  targets: TargetWithProgress[]
}
interface WriteAnswer {
  target: TargetWithProgress
  deleted?: number
  error: { code: string; message: string; details?: { problems?: string[] } }
}

async function get<T = TargetsAnswer>(path: string, cookie?: string) {
  const response = await app.request(path, cookie ? { headers: { Cookie: cookie } } : {})
  return { status: response.status, body: (await response.json()) as T & { error: { code: string; message: string } } }
}

async function send(method: string, path: string, body: unknown, cookie?: string) {
  const response = await app.request(path, jsonRequest(method, body, cookie))
  return { status: response.status, body: (await response.json()) as WriteAnswer }
}

/** The targets of `code` as GET /api/coverage reports them for its county row. */
async function coverageTargetsOf(code: string) {
  const { body } = await get<CoverageReport>('/api/coverage?level=county&parent=530600')
  return body.areas.find((a) => a.code === code)!.targets
}

const SCHOOLS = { areaCode: '530626', schemeId: 'qijin', category: '学校', minLevel: '县级', count: 30, dueYear: 2028, note: '县级及以上示范学校30所' }

describe('GET /api/targets', () => {
  test('an area: its targets and those of every area within it, each with the progress coverage gives it', async () => {
    const { status, body } = await get('/api/targets?area=530626')
    expect(status).toBe(200)
    expect(body.year).toBe(2026)
    expect(body.targets.map((t) => [t.id, t.areaCode, t.areaName, t.category])).toEqual([
      [2, '530626', '绥江县', '学校'],
      [3, '530626', '绥江县', '宗教活动场所'],
    ])
    expect(body.targets[0].progress).toEqual({ ...(await coverageTargetsOf('530626'))[0] })
    expect(body.targets[0].progress).toMatchObject({ count: 6, achieved: 3, progress: 0.5, met: false, behind: true })

    const city = await get('/api/targets?area=530600')
    expect(city.body.targets.map((t) => t.areaCode)).toEqual(['530600', '530602', '530621', '530626', '530626', '530627'])
    expect(city.body.targets[0]).toMatchObject({ areaName: '昭通市', areaLevel: 'prefecture', progress: { count: 40, met: true } })
  })

  test('anyone may read (no unit names in it); no area: every target; a scheme keeps targets of no scheme', async () => {
    expect((await get('/api/targets')).body.targets).toHaveLength(store.targets.list().length)
    expect((await get('/api/targets?area=530626&scheme=liujin')).body.targets.map((t) => t.id)).toEqual([2, 3]) // schemeId null: every scheme
  })

  test('an unknown area is a 404, a malformed one or an unknown scheme a 400, each naming the value', async () => {
    const unknown = await get('/api/targets?area=530699')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toBe('area: 530699 is not an area in this atlas')
    const malformed = await get('/api/targets?area=abc')
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.message).toContain('area: "abc" is not valid (expected a GB/T 2260 code')
    const scheme = await get('/api/targets?scheme=wujin')
    expect(scheme.status).toBe(400)
    expect(scheme.body.error.message).toContain('"wujin" does not exist (expected one of: qijin')
  })
})

describe('POST /api/targets', () => {
  test('anonymous 401, viewer 403, an editor outside their scope 403; nothing is written', async () => {
    const before = store.targets.list().length
    expect((await send('POST', '/api/targets', SCHOOLS)).status).toBe(401)
    expect((await send('POST', '/api/targets', SCHOOLS, cookies.looker)).status).toBe(403)
    const outside = await send('POST', '/api/targets', { ...SCHOOLS, areaCode: '530602' }, cookies.suijiang)
    expect(outside.status).toBe(403)
    expect(outside.body.error.message).toContain('只能编辑绥江县 (530626) 范围内的数据，不能编辑 昭阳区')
    expect(store.targets.list()).toHaveLength(before)
  })

  test('an editor within their scope creates a target: 201 with its progress, audited under their name', async () => {
    const { status, body } = await send('POST', '/api/targets', SCHOOLS, cookies.suijiang)
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.target).toMatchObject({ ...SCHOOLS, areaName: '绥江县', progress: { count: 30, dueYear: 2028, met: false, behind: false } })
    expect(store.targets.get(body.target.id)).toMatchObject(SCHOOLS)
    expect(store.audit.list({ limit: 1, entity: 'target' })[0]).toMatchObject({ actor: 'suijiang', action: 'create', before: null, after: { id: body.target.id, ...SCHOOLS } })
  })

  test('only areaCode, count and dueYear are needed: no scheme, category or level means every one', async () => {
    const { status, body } = await send('POST', '/api/targets', { areaCode: '530626101', count: 1, dueYear: 2027 }, cookies.admin)
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.target).toMatchObject({ schemeId: null, category: null, minLevel: null, note: '', areaLevel: 'township' })
    expect((await get('/api/targets?area=530626')).body.targets.map((t) => t.id)).toContain(body.target.id) // a township within the county
  })

  test('bad values are named with what was expected, all at once', async () => {
    const { status, body } = await send('POST', '/api/targets', { areaCode: '530699', schemeId: 'qijin', category: '医院', count: -3, dueYear: 1850 }, cookies.admin)
    expect(status).toBe(400)
    expect(body.error.details?.problems).toEqual([
      'areaCode: 530699 is not an area in this atlas',
      'category: 医院 is not a category of scheme qijin (expected one of 机关, 企业, 社区, 乡镇, 学校, 连队, 宗教活动场所, or null for every category)',
      'count: -3 is not a count (expected a whole number ≥ 0)',
      'dueYear: 1850 is not a due year (expected 2000–2100)',
    ])
    expect(body.error.message).toBe(body.error.details?.problems?.join('; '))
  })

  test('shapes are checked before anything else: an unknown field, a count that is no number, a missing dueYear', async () => {
    const unknownField = await send('POST', '/api/targets', { ...SCHOOLS, colour: 'red' }, cookies.admin)
    expect(unknownField.status).toBe(400)
    expect(unknownField.body.error.message).toContain('colour')
    const text = await send('POST', '/api/targets', { ...SCHOOLS, count: 'eight' }, cookies.admin)
    expect(text.body.error.message).toBe('count: "eight" is not valid (expected a whole number ≥ 0)')
    const { dueYear: _dueYear, ...noYear } = SCHOOLS
    expect((await send('POST', '/api/targets', noYear, cookies.admin)).body.error.message).toContain('dueYear: expected a year such as 2027')
    const unknownScheme = await send('POST', '/api/targets', { ...SCHOOLS, schemeId: 'wujin' }, cookies.admin)
    expect(unknownScheme.body.error.message).toBe('schemeId: wujin is not a scheme in this atlas (expected one of qijin, liujin, shijin-shicu, or null for every scheme)')
  })
})

describe('PATCH /api/targets/:id', () => {
  test('an editor changes a target in their scope: only the fields sent, audited with before and after', async () => {
    const before = store.targets.get(2)!
    const { status, body } = await send('PATCH', '/api/targets/2', { count: 5, note: '调整为5所' }, cookies.suijiang)
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.target).toMatchObject({ ...before, count: 5, note: '调整为5所', progress: { count: 5, achieved: 3 } })
    expect(store.audit.list({ limit: 1, entity: 'target' })[0]).toMatchObject({ actor: 'suijiang', action: 'update', before, after: { ...before, count: 5, note: '调整为5所' } })
  })

  test('scope before and after: moving a target from 530626 to 530602 is refused, and so is touching one in 530602', async () => {
    const moved = await send('PATCH', '/api/targets/2', { areaCode: '530602' }, cookies.suijiang)
    expect(moved.status).toBe(403)
    expect(moved.body.error.message).toContain('不能编辑 昭阳区')
    expect(store.targets.get(2)!.areaCode).toBe('530626')
    const outside = await send('PATCH', '/api/targets/6', { count: 1 }, cookies.suijiang)
    expect(outside.status).toBe(403)
    expect(store.targets.get(6)!.count).toBe(12)
    expect((await send('PATCH', '/api/targets/2', { count: 1 })).status).toBe(401)
    expect((await send('PATCH', '/api/targets/2', { count: 1 }, cookies.looker)).status).toBe(403)
  })

  test('an admin may move it; the merged target is checked: a category outside the new scheme is a 400', async () => {
    expect((await send('PATCH', '/api/targets/6', { areaCode: '530626' }, cookies.admin)).status).toBe(200)
    expect((await send('PATCH', '/api/targets/6', { areaCode: '530602' }, cookies.admin)).status).toBe(200)
    const wrongScheme = await send('PATCH', '/api/targets/3', { schemeId: 'liujin', count: 2.5 }, cookies.admin)
    expect(wrongScheme.status).toBe(400)
    expect(wrongScheme.body.error.details?.problems).toEqual([
      'category: 宗教活动场所 is not a category of scheme liujin (expected one of 社区, 乡村, 学校, 企事业单位, 机关, 军营, or null for every category)',
      'count: 2.5 is not a count (expected a whole number ≥ 0)',
    ])
    expect(store.targets.get(3)).toMatchObject({ schemeId: null, count: 2 })
  })

  test('an unknown target is a 404; a malformed id a 400', async () => {
    const missing = await send('PATCH', '/api/targets/999', { count: 1 }, cookies.admin)
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toBe('target 999 does not exist')
    expect((await send('PATCH', '/api/targets/abc', { count: 1 }, cookies.admin)).status).toBe(400)
  })
})

describe('DELETE /api/targets/:id', () => {
  test('anonymous 401, an editor outside their scope 403, inside 200 and audited; then 404', async () => {
    const created = (await send('POST', '/api/targets', { ...SCHOOLS, count: 1 }, cookies.admin)).body.target
    expect((await send('DELETE', `/api/targets/${created.id}`, {})).status).toBe(401)
    expect((await send('DELETE', '/api/targets/6', {}, cookies.suijiang)).status).toBe(403)
    expect(store.targets.get(6)).not.toBeNull()
    const deleted = await send('DELETE', `/api/targets/${created.id}`, {}, cookies.suijiang)
    expect(deleted.status).toBe(200)
    expect(deleted.body.deleted).toBe(created.id)
    expect(store.targets.get(created.id)).toBeNull()
    const { id: _id, areaName: _name, areaLevel: _level, progress: _progress, ...stored } = created
    expect(store.audit.list({ limit: 1, entity: 'target' })[0]).toMatchObject({ actor: 'suijiang', action: 'delete', before: { id: created.id, ...stored }, after: null })
    expect((await send('DELETE', `/api/targets/${created.id}`, {}, cookies.admin)).status).toBe(404)
  })
})

describe('a target written through the API reaches the coverage the dashboard and the screen show', () => {
  test('POST adds it to /api/coverage with its progress; PATCH changes it there; DELETE takes it away', async () => {
    const before = await coverageTargetsOf('530626')
    const created = (await send('POST', '/api/targets', { areaCode: '530626', category: '学校', count: 100, dueYear: 2025, note: '示范学校100所' }, cookies.admin)).body.target
    const after = await coverageTargetsOf('530626')
    expect(after).toHaveLength(before.length + 1)
    const shown = after.find((t) => t.id === created.id)
    expect(shown).toEqual(created.progress)
    expect(shown).toMatchObject({ category: '学校', count: 100, met: false, behind: true })

    await send('PATCH', `/api/targets/${created.id}`, { count: 1, dueYear: 2030 }, cookies.admin)
    expect((await coverageTargetsOf('530626')).find((t) => t.id === created.id)).toMatchObject({ count: 1, met: true, behind: false, progress: 1 })

    await send('DELETE', `/api/targets/${created.id}`, {}, cookies.admin)
    expect(await coverageTargetsOf('530626')).toEqual(before)
  })
})
