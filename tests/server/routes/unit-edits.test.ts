// POST/PATCH/DELETE /api/units: create, edit and revoke with ETag/If-Match (428 without, 412 with the current
// unit when stale), validation naming the field and value, the area from the point, scope before and after,
// and every write kept in unit_changes and the audit log.
import { describe, expect, test } from 'vitest'
import type { StoredUnit } from '../../../server/db/store'
import { demoAppWithAccounts, jsonRequest } from '../demo-app'

const { app, store, cookies } = demoAppWithAccounts()

// Points inside 绥江县 (530626) and 水富市 (530681), found from the demo's own located units.
const snapshot = store.snapshot()
const inCounty = (county: string) => snapshot.units.find((u) => u.lon !== null && (snapshot.unitAreas.get(u.id) ?? '').startsWith(county) && u.category !== '宗教活动场所')!
const suijiang = inCounty('530626')
const shuifu = inCounty('530681')

interface UnitAnswer {
  unit: StoredUnit
  warnings: string[]
}
interface ErrorAnswer {
  error: { code: string; message: string; details?: { current?: StoredUnit; problems?: string[] } }
}

async function send(method: string, path: string, body: unknown, cookie?: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, jsonRequest(method, body, cookie, headers))
  return { status: response.status, etag: response.headers.get('ETag'), body: (await response.json()) as UnitAnswer & ErrorAnswer }
}

const NEW_SCHOOL = { name: '绥江县示例新建学校', category: '学校', lon: suijiang.lon, lat: suijiang.lat, address: '中城镇' }

describe('POST /api/units', () => {
  test('an admin adds a unit at a point: the area is found by point-in-polygon, the answer has version 1 as its ETag', async () => {
    const { status, etag, body } = await send('POST', '/api/units', NEW_SCHOOL, cookies.admin)
    expect(status, JSON.stringify(body)).toBe(201)
    expect(etag).toBe('"1"')
    expect(body.unit).toMatchObject({ name: '绥江县示例新建学校', category: '学校', status: '培育', version: 1, sample: false })
    expect(body.unit.areaCode).toBe(snapshot.unitAreas.get(suijiang.id))
    expect(store.snapshot().units.some((u) => u.id === body.unit.id)).toBe(true)
    expect(store.units.changes(body.unit.id)).toMatchObject([{ action: 'create', by: 'admin', before: null }])
  })

  test('bad values are named with what was expected, all at once', async () => {
    const { status, body } = await send('POST', '/api/units', { name: ' ', category: '学堂', lon: 1031.2, lat: 28.4, yearNamed: 1900 }, cookies.admin)
    expect(status).toBe(400)
    const message = body.error.message
    expect(message).toContain('name: empty')
    expect(message).toContain('category: “学堂” is not a category of any scheme (expected one of')
    expect(message).toContain('经度 1031.2 超出范围')
    expect(message).toContain('yearNamed: 1900 (expected a year from 1988 to')
    expect(body.error.details?.problems?.length).toBeGreaterThanOrEqual(4)
  })

  test('an unknown field, a point with one coordinate, an area that disagrees with the point', async () => {
    expect((await send('POST', '/api/units', { ...NEW_SCHOOL, colour: 'red' }, cookies.admin)).status).toBe(400)
    const half = await send('POST', '/api/units', { name: '半个坐标', category: '学校', lon: 104.1 }, cookies.admin)
    expect(half.body.error.message).toContain('lat: missing beside lon 104.1')
    const elsewhere = await send('POST', '/api/units', { ...NEW_SCHOOL, areaCode: '530681' }, cookies.admin)
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.body.error.message).toMatch(/lies in 530626\d* .*not in 530681 水富市 \(areaCode\)/)
  })

  test('anonymous 401, viewer 403, an editor outside their scope 403, inside 201', async () => {
    expect((await send('POST', '/api/units', NEW_SCHOOL)).status).toBe(401)
    expect((await send('POST', '/api/units', NEW_SCHOOL, cookies.looker)).status).toBe(403)
    const outside = await send('POST', '/api/units', { ...NEW_SCHOOL, lon: shuifu.lon, lat: shuifu.lat }, cookies.suijiang)
    expect(outside.status).toBe(403)
    expect((await send('POST', '/api/units', NEW_SCHOOL, cookies.suijiang)).status).toBe(201)
  })
})

describe('PATCH and DELETE /api/units/:id', () => {
  async function created(cookie = cookies.admin): Promise<StoredUnit> {
    return (await send('POST', '/api/units', NEW_SCHOOL, cookie)).body.unit
  }

  test('GET /api/units/:id carries the version as ETag; an edit with it succeeds and bumps it', async () => {
    const unit = await created()
    const read = await app.request(`/api/units/${unit.id}`)
    expect(read.headers.get('ETag')).toBe('"1"')
    const edit = await send('PATCH', `/api/units/${unit.id}`, { name: '绥江县示例新建学校（更名）', reason: '更名' }, cookies.admin, { 'If-Match': '"1"' })
    expect(edit.status, JSON.stringify(edit.body)).toBe(200)
    expect(edit.etag).toBe('"2"')
    expect(edit.body.unit).toMatchObject({ name: '绥江县示例新建学校（更名）', version: 2 })
    expect(store.units.changes(unit.id).at(-1)).toMatchObject({ action: 'edit', before: { name: '绥江县示例新建学校' }, after: { name: '绥江县示例新建学校（更名）' }, reason: '更名' })
  })

  test('no If-Match is a 428; a stale one a 412 whose body is the current unit; nothing is lost', async () => {
    const unit = await created()
    const missing = await send('PATCH', `/api/units/${unit.id}`, { notes: 'A' }, cookies.admin)
    expect(missing.status).toBe(428)
    expect(missing.body.error.message).toContain('If-Match: missing')
    const first = await send('PATCH', `/api/units/${unit.id}`, { notes: '甲的修改' }, cookies.admin, { 'If-Match': '"1"' })
    expect(first.status).toBe(200)
    const second = await send('PATCH', `/api/units/${unit.id}`, { notes: '乙的修改' }, cookies.admin, { 'If-Match': '"1"' })
    expect(second.status).toBe(412)
    expect(second.body.error.code).toBe('stale_version')
    expect(second.body.error.details?.current).toMatchObject({ id: unit.id, notes: '甲的修改', version: 2 })
    expect(store.units.get(unit.id)?.notes).toBe('甲的修改')
    expect((await send('PATCH', `/api/units/${unit.id}`, { notes: 'x' }, cookies.admin, { 'If-Match': 'version 2' })).status).toBe(400)
  })

  test('the store refuses a stale write even when the route’s check has passed (two writers racing)', () => {
    const unit = store.units.create({ ...store.units.get(suijiang.id)!, name: '并发测试单位' }, { actor: 'test', at: '2026-11-23T00:00:00Z', reason: '' })
    store.units.update(unit.id, 1, { notes: 'first' }, { actor: 'a', at: '2026-11-23T00:00:01Z', reason: '' })
    expect(() => store.units.update(unit.id, 1, { notes: 'second' }, { actor: 'b', at: '2026-11-23T00:00:02Z', reason: '' })).toThrow(/at version 2, not 1/)
    expect(store.units.get(unit.id)?.notes).toBe('first')
  })

  test('dragging the point to another township moves the area with it, and says so', async () => {
    const unit = await created()
    const other = snapshot.units.find((u) => u.lon !== null && snapshot.unitAreas.get(u.id) !== unit.areaCode && (snapshot.unitAreas.get(u.id) ?? '').startsWith('530626'))!
    const moved = await send('PATCH', `/api/units/${unit.id}`, { lon: other.lon, lat: other.lat }, cookies.admin, { 'If-Match': '"1"' })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.unit.areaCode).toBe(snapshot.unitAreas.get(other.id))
    expect(moved.body.warnings.join()).toContain('areaCode: follows the point')
  })

  test('an edit cannot change the status; a scoped editor cannot move a unit out of their county', async () => {
    const unit = await created(cookies.suijiang)
    const status = await send('PATCH', `/api/units/${unit.id}`, { status: '命名' }, cookies.suijiang, { 'If-Match': '"1"' })
    expect(status.status).toBe(400)
    expect(status.body.error.message).toContain('status: an edit does not change the status')
    const out = await send('PATCH', `/api/units/${unit.id}`, { lon: shuifu.lon, lat: shuifu.lat }, cookies.suijiang, { 'If-Match': '"1"' })
    expect(out.status).toBe(403)
    expect(store.units.get(unit.id)?.lon).toBe(unit.lon)
    const theirs = await send('PATCH', `/api/units/${shuifu.id}`, { notes: 'x' }, cookies.suijiang, { 'If-Match': '"1"' })
    expect(theirs.status).toBe(403)
  })

  test('DELETE revokes (撤销) with a reason: the unit stays, with the change in its status history', async () => {
    const unit = await created()
    expect((await send('DELETE', `/api/units/${unit.id}`, {}, cookies.admin, { 'If-Match': '"1"' })).status).toBe(400) // no reason
    const revoked = await send('DELETE', `/api/units/${unit.id}`, { reason: '复查不合格' }, cookies.admin, { 'If-Match': '"1"' })
    expect(revoked.status).toBe(200)
    expect(revoked.body.unit).toMatchObject({ status: '撤销', version: 2 })
    const kept = store.snapshot().units.find((u) => u.id === unit.id)!
    expect(kept.history.at(-1)).toMatchObject({ from: '培育', to: '撤销', by: 'admin', reason: '复查不合格' })
    expect((await send('DELETE', `/api/units/${unit.id}`, { reason: '再次' }, cookies.admin, { 'If-Match': '"2"' })).status).toBe(409)
    expect((await send('DELETE', '/api/units/999999', { reason: 'x' }, cookies.admin, { 'If-Match': '"1"' })).status).toBe(404)
  })

  test('every write is in the audit log with before and after', async () => {
    const unit = await created()
    await send('PATCH', `/api/units/${unit.id}`, { contact: '张老师' }, cookies.admin, { 'If-Match': '"1"' })
    const entries = store.audit.list({ limit: 500, entity: 'unit' }).filter((e) => e.entityId === String(unit.id))
    expect(entries.map((e) => e.action).sort()).toEqual(['create', 'edit'])
    expect(entries.find((e) => e.action === 'edit')).toMatchObject({ before: { contact: '' }, after: { contact: '张老师' } })
  })

  test('GET /api/units/:id/history: status changes and edits; anonymous callers see no people', async () => {
    const unit = await created()
    await send('PATCH', `/api/units/${unit.id}`, { contact: '李老师 138…', reason: '补充联系人' }, cookies.admin, { 'If-Match': '"1"' })
    const read = async (cookie?: string) => (await (await app.request(`/api/units/${unit.id}/history`, cookie ? { headers: { Cookie: cookie } } : {})).json()) as {
      changes: { action: string; by: string; after: Record<string, unknown> }[]
    }
    const admins = await read(cookies.admin)
    expect(admins.changes.map((c) => c.action)).toEqual(['create', 'edit'])
    expect(admins.changes[1]).toMatchObject({ by: 'admin', after: { contact: '李老师 138…' } })
    const anonymous = await read()
    expect(anonymous.changes[1].by).toBe('')
    expect(JSON.stringify(anonymous)).not.toContain('李老师')
    expect((await app.request('/api/units/999999/history')).status).toBe(404)
  })
})
