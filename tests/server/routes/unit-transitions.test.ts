// POST /api/units/:id/transitions and /api/units/transitions: the naming workflow through the API — every
// step allowed to its roles and refused to others (403) or from the wrong status (409), naming levels bounded
// by the approver's area, batches all or none, and the edit routes that must not bypass it.
import { describe, expect, test } from 'vitest'
import type { StoredUnit } from '../../../server/db/store'
import { demoAppWithAccounts, jsonRequest } from '../demo-app'

const { app, store, cookies } = demoAppWithAccounts([
  { username: 'sj-editor', role: 'editor', areaScope: '530626' },
  { username: 'sj-approver', role: 'approver', areaScope: '530626' }, // 绥江县: names 县级
  { username: 'zt-approver', role: 'approver', areaScope: '530600' }, // 昭通市: names up to 市级
  { username: 'looker', role: 'viewer', areaScope: null },
])

const snapshot = store.snapshot()
const pointIn = (county: string) => snapshot.units.find((u) => u.lon !== null && (snapshot.unitAreas.get(u.id) ?? '').startsWith(county) && u.category !== '宗教活动场所')!

interface Answer {
  unit: StoredUnit
  units: StoredUnit[]
  moved: number
  error: { code: string; message: string; details?: { current?: StoredUnit } }
}

async function send(method: string, path: string, body: unknown, cookie?: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, jsonRequest(method, body, cookie, headers))
  return { status: response.status, etag: response.headers.get('ETag'), body: (await response.json()) as Answer }
}

let made = 0
/** A new 培育 unit in 绥江县 (or `county`), made by the admin. */
async function cultivated(county = '530626'): Promise<StoredUnit> {
  const at = pointIn(county)
  const { status, body } = await send('POST', '/api/units', { name: `流程测试单位${++made}`, category: '学校', lon: at.lon, lat: at.lat }, cookies.admin)
  expect(status, JSON.stringify(body)).toBe(201)
  return body.unit
}

const step = (unit: StoredUnit, body: Record<string, unknown>, who: string, headers: Record<string, string> = {}) =>
  send('POST', `/api/units/${unit.id}/transitions`, body, cookies[who], headers)

describe('one unit through the whole workflow', () => {
  test('an editor applies; an approver recommends, accepts and names 县级 with its 文号; the history keeps level and document', async () => {
    const unit = await cultivated()
    const applied = await step(unit, { to: '申报' }, 'sj-editor')
    expect(applied.status, JSON.stringify(applied.body)).toBe(200)
    expect(applied.body.unit).toMatchObject({ status: '申报', version: 2 })
    expect(applied.etag).toBe('"2"')

    const byEditor = await step(unit, { to: '推荐' }, 'sj-editor')
    expect(byEditor.status).toBe(403)
    expect(byEditor.body.error.message).toContain('审核推荐（申报 → 推荐）需要审批人或管理员；用户 sj-editor 是编辑')

    expect((await step(unit, { to: '推荐' }, 'sj-approver')).body.unit.status).toBe('推荐')
    expect((await step(unit, { to: '验收' }, 'sj-approver')).body.unit.status).toBe('验收')

    const tooHigh = await step(unit, { to: '命名', level: '市级' }, 'sj-approver')
    expect(tooHigh.status).toBe(403)
    expect(tooHigh.body.error.message).toContain('只能命名县级，不能命名市级')

    const noLevel = await step(unit, { to: '命名' }, 'sj-approver')
    expect(noLevel.status).toBe(400)
    expect(noLevel.body.error.message).toContain('level: 命名授牌要给出命名级别')

    const named = await step(unit, { to: '命名', level: '县级', year: 2026, document: '绥民宗〔2026〕8号', reason: '考核合格' }, 'sj-approver')
    expect(named.status, JSON.stringify(named.body)).toBe(200)
    expect(named.body.unit).toMatchObject({ status: '命名', level: '县级', yearNamed: 2026 })
    const history = store.snapshot().units.find((u) => u.id === unit.id)!.history
    expect(history.map((h) => `${h.from ?? ''}→${h.to}`)).toEqual(['→培育', '培育→申报', '申报→推荐', '推荐→验收', '验收→命名'])
    expect(history.at(-1)).toMatchObject({ by: 'sj-approver', level: '县级', document: '绥民宗〔2026〕8号', reason: '考核合格' })
  })

  test('复查: an approver records a passed review at the same level; a promotion to 市级 needs the prefecture', async () => {
    const unit = await cultivated()
    for (const to of ['申报', '推荐', '验收']) await step(unit, { to }, 'admin')
    await step(unit, { to: '命名', level: '县级', year: 2021 }, 'admin')
    expect((await step(unit, { to: '复查' }, 'sj-editor')).status).toBe(403)
    const passed = await step(unit, { to: '复查', reason: '复查合格' }, 'sj-approver')
    expect(passed.body.unit).toMatchObject({ status: '复查', level: '县级', yearNamed: 2026 })
    expect((await step(unit, { to: '复查', level: '市级' }, 'sj-approver')).status).toBe(400)

    const county = await step(unit, { to: '命名', level: '市级' }, 'sj-approver')
    expect(county.status).toBe(403)
    const prefecture = await step(unit, { to: '命名', level: '市级', year: 2026, document: '昭市民宗〔2026〕3号' }, 'zt-approver')
    expect(prefecture.status, JSON.stringify(prefecture.body)).toBe(200)
    expect(prefecture.body.unit).toMatchObject({ status: '命名', level: '市级' })
    const lower = await step(unit, { to: '命名', level: '县级' }, 'zt-approver')
    expect(lower.status).toBe(409)
  })
})

describe('refusals', () => {
  test('a step the workflow does not have is a 409 naming from → to and what is possible', async () => {
    const unit = await cultivated()
    const skip = await step(unit, { to: '命名', level: '县级' }, 'admin')
    expect(skip.status).toBe(409)
    expect(skip.body.error.message).toBe(`单位 #${unit.id}“${unit.name}”为培育：培育 → 命名 不是命名流程中的一步（从培育可以：申报 → 申报、撤销 → 撤销）`)
  })

  test('撤销 needs a reason; an editor may withdraw an application but not a named unit', async () => {
    const unit = await cultivated()
    const bare = await step(unit, { to: '撤销' }, 'sj-editor')
    expect(bare.status).toBe(400)
    expect(bare.body.error.message).toContain('reason: 撤销（培育 → 撤销）要写明原因')
    expect((await step(unit, { to: '撤销', reason: '单位合并' }, 'sj-editor')).body.unit.status).toBe('撤销')
    expect((await step(unit, { to: '培育', reason: '恢复' }, 'sj-editor')).status).toBe(403)
    expect((await step(unit, { to: '培育', reason: '恢复' }, 'sj-approver')).body.unit.status).toBe('培育')

    const named = await cultivated()
    for (const to of ['申报', '推荐', '验收']) await step(named, { to }, 'admin')
    await step(named, { to: '命名', level: '县级' }, 'admin')
    const byEditor = await send('DELETE', `/api/units/${named.id}`, { reason: '复查不合格' }, cookies['sj-editor'], { 'If-Match': '"5"' })
    expect(byEditor.status).toBe(403)
    expect(byEditor.body.error.message).toContain('撤销（推荐/验收/命名/复查 → 撤销）需要审批人或管理员')
    expect((await send('DELETE', `/api/units/${named.id}`, { reason: '复查不合格' }, cookies['sj-approver'], { 'If-Match': '"5"' })).body.unit.status).toBe('撤销')
  })

  test('an approver outside their area is refused as any writer is; viewers and anonymous callers too', async () => {
    const shuifu = await cultivated('530681')
    const outside = await step(shuifu, { to: '申报' }, 'sj-approver')
    expect(outside.status).toBe(403)
    expect(outside.body.error.message).toContain('只能编辑绥江县 (530626) 范围内的数据')
    expect((await step(shuifu, { to: '申报' }, 'looker')).status).toBe(403)
    expect((await step(shuifu, { to: '申报' }, 'nobody')).status).toBe(401)
    expect((await step(shuifu, { to: '申报' }, 'zt-approver')).status).toBe(200)
  })

  test('If-Match is optional on a step, but a stale one is a 412 with the current unit', async () => {
    const unit = await cultivated()
    await send('PATCH', `/api/units/${unit.id}`, { contact: '王老师' }, cookies.admin, { 'If-Match': '"1"' })
    const stale = await step(unit, { to: '申报' }, 'admin', { 'If-Match': '"1"' })
    expect(stale.status).toBe(412)
    expect(stale.body.error.details?.current).toMatchObject({ version: 2, contact: '王老师' })
    expect((await step(unit, { to: '申报' }, 'admin', { 'If-Match': '"2"' })).status).toBe(200)
  })
})

describe('a batch moves together', () => {
  test("a county's 申报 list: every unit moves, or none when one cannot", async () => {
    const units = [await cultivated(), await cultivated(), await cultivated()]
    const ids = units.map((u) => u.id)
    await step(units[2], { to: '申报' }, 'admin') // already moved: the batch from 培育 cannot take it
    const refused = await send('POST', '/api/units/transitions', { ids, to: '申报' }, cookies['sj-editor'])
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain(`单位 #${units[2].id}`)
    expect(ids.slice(0, 2).map((id) => store.units.get(id)!.status)).toEqual(['培育', '培育'])

    const moved = await send('POST', '/api/units/transitions', { ids: ids.slice(0, 2), to: '申报', reason: '2026年度申报' }, cookies['sj-editor'])
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.moved).toBe(2)
    expect(ids.map((id) => store.units.get(id)!.status)).toEqual(['申报', '申报', '申报'])
    const audit = store.audit.list({ limit: 1000, entity: 'unit' }).filter((e) => e.action === 'transition' && ids.slice(0, 2).includes(Number(e.entityId)))
    expect(audit).toHaveLength(2)
    expect(audit[0]).toMatchObject({ actor: 'sj-editor', before: { status: '培育' }, after: { status: '申报', reason: '2026年度申报' } })
  })

  test('a batch with one unit outside the scope moves none', async () => {
    const inside = await cultivated()
    const outside = await cultivated('530681')
    const refused = await send('POST', '/api/units/transitions', { ids: [inside.id, outside.id], to: '申报' }, cookies['sj-editor'])
    expect(refused.status).toBe(403)
    expect(store.units.get(inside.id)!.status).toBe('培育')
    expect((await send('POST', '/api/units/transitions', { ids: [], to: '申报' }, cookies.admin)).status).toBe(400)
    expect((await send('POST', '/api/units/transitions', { ids: [999999], to: '申报' }, cookies.admin)).status).toBe(404)
  })
})

describe('the edit routes do not bypass the workflow', () => {
  test('PATCH cannot change the status; a naming level or year only by someone who could give it', async () => {
    const unit = await cultivated()
    const status = await send('PATCH', `/api/units/${unit.id}`, { status: '命名' }, cookies.admin, { 'If-Match': '"1"' })
    expect(status.status).toBe(400)
    expect(status.body.error.message).toContain('POST /api/units/:id/transitions { "to": "命名" }')
    const level = await send('PATCH', `/api/units/${unit.id}`, { level: '国家级' }, cookies['sj-editor'], { 'If-Match': '"1"' })
    expect(level.status).toBe(403)
    expect(level.body.error.message).toContain('不能命名国家级')
    expect((await send('PATCH', `/api/units/${unit.id}`, { level: '县级' }, cookies['sj-approver'], { 'If-Match': '"1"' })).status).toBe(200)
  })

  test('POST creates at 培育 or 申报 for an editor; a named unit needs whoever could name it', async () => {
    const at = pointIn('530626')
    const body = { name: '直接命名的单位', category: '学校', lon: at.lon, lat: at.lat, status: '命名', level: '县级', yearNamed: 2020 }
    const byEditor = await send('POST', '/api/units', body, cookies['sj-editor'])
    expect(byEditor.status).toBe(403)
    expect(byEditor.body.error.message).toContain('不能新建状态为命名的单位')
    expect((await send('POST', '/api/units', { ...body, status: '申报', level: null, yearNamed: null }, cookies['sj-editor'])).status).toBe(201)
    const byApprover = await send('POST', '/api/units', body, cookies['sj-approver'])
    expect(byApprover.status, JSON.stringify(byApprover.body)).toBe(201)
    expect(store.snapshot().units.find((u) => u.id === byApprover.body.unit.id)!.history).toMatchObject([{ from: null, to: '命名', level: '县级' }])
  })

  test('the plan’s promote to 申报 is the workflow’s step: a viewer is refused, 培育 units move, 申报 ones stay', async () => {
    const units = [await cultivated(), await cultivated()]
    await step(units[1], { to: '申报' }, 'admin')
    expect((await send('POST', '/api/plan/promote', { unitIds: units.map((u) => u.id) }, cookies.looker)).status).toBe(403)
    const promoted = await send('POST', '/api/plan/promote', { unitIds: units.map((u) => u.id) }, cookies['sj-editor'])
    expect(promoted.status).toBe(200)
    expect(units.map((u) => store.units.get(u.id)!.status)).toEqual(['申报', '申报'])
    expect(store.units.get(units[1].id)!.version).toBe(2) // not moved again
  })
})
