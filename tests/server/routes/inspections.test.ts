// GET/POST/PATCH /api/inspections through app.request: lists newest first with a unit's visits due, writes by
// editors in scope (401 anonymous, 403 viewer or outside scope), validation naming the field and value, ETag and
// If-Match (428 without, 412 with the current inspection when stale), follow-ups closed by a PATCH, and what
// anonymous callers may read: no inspections of sensitive units, no inspectors' names.
import { beforeAll, describe, expect, test } from 'vitest'
import type { ListedInspection } from '../../../server/geo/inspection-list'
import type { VisitsDue } from '../../../server/geo/visits-due'
import { demoAppWithAccounts, jsonRequest, TODAY } from '../demo-app'

const { app, store, cookies } = demoAppWithAccounts()

const snapshot = store.snapshot()
const namedIn = (county: string, sensitive = false) =>
  snapshot.units.find((u) => u.status === '命名' && (snapshot.unitAreas.get(u.id) ?? '').startsWith(county) && (u.category === '宗教活动场所') === sensitive)!
const suijiang = namedIn('530626')
const shuifu = namedIn('530681')
const temple = snapshot.units.find((u) => u.category === '宗教活动场所' && u.status === '命名')!

interface Answer {
  inspection: ListedInspection
  inspections: ListedInspection[]
  visits?: VisitsDue | null
  asOf: string
  error: { code: string; message: string; details?: { current?: ListedInspection; problems?: string[] } }
}

async function send(method: string, path: string, body: unknown, cookie?: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, jsonRequest(method, body, cookie, headers))
  return { status: response.status, etag: response.headers.get('ETag'), body: (await response.json()) as Answer }
}

async function read(path: string, cookie?: string) {
  const response = await app.request(path, { headers: cookie ? { Cookie: cookie } : {} })
  return { status: response.status, text: await response.clone().text(), body: (await response.json()) as Answer }
}

const VISIT = {
  date: '2026-10-12',
  inspectors: ['张督导', '李督导'],
  checklist: [
    { item: '宣传教育', result: '达标', note: '' },
    { item: '阵地建设', result: '基本达标', note: '宣传栏内容陈旧' },
  ],
  rating: '良好',
  findings: '活动常态化开展',
  followUp: '更新宣传栏',
  followUpDue: '2026-11-12',
}

const created = async (unit = suijiang.id, extra: Record<string, unknown> = {}, cookie = cookies.admin) => (await send('POST', '/api/inspections', { ...VISIT, unit, ...extra }, cookie)).body.inspection

describe('POST /api/inspections', () => {
  test('an admin records a visit: 201, ETag "1", every field, the overdue follow-up flagged', async () => {
    const { status, etag, body } = await send('POST', '/api/inspections', { ...VISIT, unit: suijiang.id }, cookies.admin)
    expect(status, JSON.stringify(body)).toBe(201)
    expect(etag).toBe('"1"')
    expect(body.inspection).toMatchObject({
      unitId: suijiang.id,
      date: '2026-10-12',
      inspectors: ['张督导', '李督导'],
      inspector: '张督导、李督导',
      checklist: VISIT.checklist,
      rating: '良好',
      followUpDue: '2026-11-12',
      followUpClosedAt: null,
      createdBy: 'admin',
      version: 1,
      followUpState: 'overdue', // due 2026-11-12, today 2026-11-23
    })
    expect(store.inspections.get(body.inspection.id)).toMatchObject({ unitId: suijiang.id, version: 1 })
  })

  test('only unit, date and inspectors are required; names given in one entry are split', async () => {
    const { status, body } = await send('POST', '/api/inspections', { unit: suijiang.id, date: '2026-03-02', inspectors: ['王五、赵六'] }, cookies.admin)
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.inspection).toMatchObject({ inspectors: ['王五', '赵六'], checklist: [], rating: null, findings: '', followUp: '', followUpDue: null, followUpState: 'none' })
  })

  test('anonymous 401, viewer 403, an editor outside their scope 403, inside 201', async () => {
    expect((await send('POST', '/api/inspections', { ...VISIT, unit: suijiang.id })).status).toBe(401)
    expect((await send('POST', '/api/inspections', { ...VISIT, unit: suijiang.id }, cookies.looker)).status).toBe(403)
    const outside = await send('POST', '/api/inspections', { ...VISIT, unit: shuifu.id }, cookies.suijiang)
    expect(outside.status).toBe(403)
    expect(outside.body.error.message).toContain(`单位 #${shuifu.id}`)
    const inside = await send('POST', '/api/inspections', { ...VISIT, unit: suijiang.id }, cookies.suijiang)
    expect(inside.status).toBe(201)
    expect(inside.body.inspection.createdBy).toBe('suijiang')
  })

  test('bad values are named with what was expected, all at once', async () => {
    const { status, body } = await send('POST', '/api/inspections', {
      ...VISIT,
      unit: suijiang.id,
      date: '2026-13-01',
      rating: '很好',
      inspectors: ['  '],
      checklist: [{ item: '宣传教育', result: '合格' }],
      followUpDue: '2026-02-30',
    }, cookies.admin)
    expect(status).toBe(400)
    const message = body.error.message
    expect(message).toContain('date: 2026-13-01 is not a date (expected yyyy-mm-dd)')
    expect(message).toContain('rating: 很好 is not a rating (expected 优秀, 良好, 合格 or 不合格)')
    expect(message).toContain('inspectors: ["  "] names nobody')
    expect(message).toContain('checklist.0.result: 合格 is not a result (expected 达标, 基本达标 or 不达标)')
    expect(message).toContain('followUpDue: 2026-02-30 is not a date (expected yyyy-mm-dd)')
    expect(body.error.details?.problems).toHaveLength(5)
  })

  test('an unknown unit, missing fields, a visit after today, a follow-up due before the visit, an unknown field', async () => {
    const unknown = await send('POST', '/api/inspections', { ...VISIT, unit: 99999 }, cookies.admin)
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.message).toBe('unit: 99999 does not exist')
    const missing = await send('POST', '/api/inspections', { unit: suijiang.id }, cookies.admin)
    expect(missing.body.error.message).toContain('date: missing')
    expect(missing.body.error.message).toContain('inspectors: missing')
    const future = await send('POST', '/api/inspections', { ...VISIT, unit: suijiang.id, date: '2026-11-24' }, cookies.admin)
    expect(future.body.error.message).toContain(`date: 2026-11-24 is after today ${TODAY}`)
    const early = await send('POST', '/api/inspections', { ...VISIT, unit: suijiang.id, followUpDue: '2026-10-01' }, cookies.admin)
    expect(early.body.error.message).toContain('followUpDue: 2026-10-01 is before the visit on 2026-10-12')
    const extra = await send('POST', '/api/inspections', { ...VISIT, unit: suijiang.id, colour: 'red' }, cookies.admin)
    expect(extra.status).toBe(400)
    const wrongType = await send('POST', '/api/inspections', { ...VISIT, unit: String(suijiang.id) }, cookies.admin)
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.error.message).toContain('unit:')
  })
})

describe('PATCH /api/inspections/:id', () => {
  test('an edit with the ETag succeeds and bumps it; without If-Match 428; with a stale one 412 carrying the current inspection', async () => {
    const inspection = await created()
    const missing = await send('PATCH', `/api/inspections/${inspection.id}`, { findings: 'A' }, cookies.admin)
    expect(missing.status).toBe(428)
    expect(missing.body.error.message).toContain('If-Match: missing')
    const first = await send('PATCH', `/api/inspections/${inspection.id}`, { findings: '甲的修改' }, cookies.admin, { 'If-Match': '"1"' })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.etag).toBe('"2"')
    expect(first.body.inspection).toMatchObject({ findings: '甲的修改', version: 2 })
    const second = await send('PATCH', `/api/inspections/${inspection.id}`, { findings: '乙的修改' }, cookies.admin, { 'If-Match': '"1"' })
    expect(second.status).toBe(412)
    expect(second.body.error.code).toBe('stale_version')
    expect(second.body.error.details?.current).toMatchObject({ id: inspection.id, findings: '甲的修改', version: 2 })
    expect(store.inspections.get(inspection.id)?.findings).toBe('甲的修改')
    expect((await send('PATCH', `/api/inspections/${inspection.id}`, { findings: 'x' }, cookies.admin, { 'If-Match': 'version 2' })).status).toBe(400)
  })

  test('closing a follow-up: followUpClosedAt set, who closed it kept, no longer overdue', async () => {
    const inspection = await created()
    expect(inspection.followUpState).toBe('overdue')
    const closed = await send('PATCH', `/api/inspections/${inspection.id}`, { followUpClosedAt: '2026-11-20' }, cookies.suijiang, { 'If-Match': '"1"' })
    expect(closed.status, JSON.stringify(closed.body)).toBe(200)
    expect(closed.body.inspection).toMatchObject({ followUpClosedAt: '2026-11-20', followUpClosedBy: 'suijiang', followUpState: 'closed', version: 2 })
    const later = await send('PATCH', `/api/inspections/${inspection.id}`, { followUpClosedAt: '2026-12-01' }, cookies.admin, { 'If-Match': '"2"' })
    expect(later.body.error.message).toContain('followUpClosedAt: 2026-12-01 is after today 2026-11-23')
  })

  test('nothing to close, a changed unit, an unknown inspection', async () => {
    const plain = await created(suijiang.id, { followUp: '', followUpDue: null })
    const nothing = await send('PATCH', `/api/inspections/${plain.id}`, { followUpClosedAt: '2026-11-20' }, cookies.admin, { 'If-Match': '"1"' })
    expect(nothing.status).toBe(400)
    expect(nothing.body.error.message).toContain('followUpClosedAt: 2026-11-20 closes nothing')
    expect((await send('PATCH', `/api/inspections/${plain.id}`, { unit: shuifu.id }, cookies.admin, { 'If-Match': '"1"' })).status).toBe(400)
    const unknown = await send('PATCH', '/api/inspections/99999', { findings: 'x' }, cookies.admin, { 'If-Match': '"1"' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toBe('inspection 99999 does not exist')
  })

  test('anonymous 401, viewer 403, an editor outside the unit’s scope 403', async () => {
    const inspection = await created(shuifu.id)
    const patch = (cookie?: string) => send('PATCH', `/api/inspections/${inspection.id}`, { findings: 'x' }, cookie, { 'If-Match': '"1"' })
    expect((await patch()).status).toBe(401)
    expect((await patch(cookies.looker)).status).toBe(403)
    expect((await patch(cookies.suijiang)).status).toBe(403)
    expect(store.inspections.get(inspection.id)?.version).toBe(1)
  })
})

describe('GET /api/inspections', () => {
  test('every inspection, newest first, each with its follow-up state', async () => {
    const { status, body } = await read('/api/inspections', cookies.admin)
    expect(status).toBe(200)
    expect(body.asOf).toBe(TODAY)
    expect(body.inspections.length).toBe(store.snapshot().inspections.length)
    const keys = body.inspections.map((i) => `${i.date}#${String(i.id).padStart(6, '0')}`)
    expect(keys).toEqual([...keys].sort().reverse())
    expect(body.inspections.every((i) => ['none', 'open', 'overdue', 'closed'].includes(i.followUpState))).toBe(true)
    expect(body.visits).toBeUndefined()
  })

  test('?unit= lists its visits with how many are done and due this year', async () => {
    const unit = namedIn('530626')
    const before = (await read(`/api/inspections?unit=${unit.id}`, cookies.admin)).body
    const done = before.inspections.filter((i) => i.date.startsWith('2026-')).length
    expect(before.visits).toMatchObject({ unitId: unit.id, year: 2026, needsVisits: true, visitsPerYear: 3, expected: 3, done, due: Math.max(0, 3 - done) })
    expect(before.inspections.every((i) => i.unitId === unit.id)).toBe(true)
    expect(before.visits?.overdueFollowUps.map((f) => f.inspectionId)).toEqual(before.inspections.filter((i) => i.followUpState === 'overdue').map((i) => i.id).reverse())
  })

  test('?area= keeps units placed in the area; ?from=&to= the dates', async () => {
    const { body } = await read('/api/inspections?area=530626', cookies.admin)
    expect(body.inspections.length).toBeGreaterThan(0)
    expect(body.inspections.every((i) => (snapshot.unitAreas.get(i.unitId) ?? '').startsWith('530626'))).toBe(true)
    const ranged = (await read('/api/inspections?from=2026-03-01&to=2026-10-12', cookies.admin)).body
    expect(ranged.inspections.length).toBeGreaterThan(0)
    expect(ranged.inspections.every((i) => i.date >= '2026-03-01' && i.date <= '2026-10-12')).toBe(true)
  })

  test('bad parameters are 400s naming the value; an unknown unit or area a 404', async () => {
    const date = await read('/api/inspections?from=2026-13-01')
    expect(date.status).toBe(400)
    expect(date.body.error.message).toContain('from: "2026-13-01" is not valid (expected a date yyyy-mm-dd')
    expect((await read('/api/inspections?unit=abc')).status).toBe(400)
    expect((await read('/api/inspections?area=53')).status).toBe(400)
    const unit = await read('/api/inspections?unit=99999')
    expect(unit.status).toBe(404)
    expect(unit.body.error.message).toBe('unit: 99999 does not exist')
    expect((await read('/api/inspections?area=530699')).status).toBe(404)
  })
})

describe('what anonymous callers read', () => {
  let templeVisit: ListedInspection
  beforeAll(async () => {
    templeVisit = await created(temple.id, { inspectors: ['宗教督导员'] })
  })

  test('no inspectors’ names, nor who recorded or closed a visit, for any unit', async () => {
    const signedIn = await read('/api/inspections', cookies.admin)
    expect(signedIn.text).toContain('张督导')
    const anonymous = await read('/api/inspections')
    expect(anonymous.status).toBe(200)
    expect(anonymous.body.inspections.length).toBeGreaterThan(0)
    for (const name of ['张督导', '李督导', '市民宗局督导组', '县创建办', '"admin"', '"suijiang"']) expect(anonymous.text).not.toContain(name)
    expect(anonymous.body.inspections.every((i) => i.inspector === '' && i.inspectors.length === 0 && i.createdBy === '' && i.followUpClosedBy === '')).toBe(true)
    expect(anonymous.body.inspections.some((i) => i.findings !== '')).toBe(true) // what was found stays
  })

  test('no inspections of sensitive units (宗教活动场所), listed or asked for by unit; signed-in users see them', async () => {
    const anonymous = await read('/api/inspections')
    expect(anonymous.body.inspections.some((i) => i.unitId === temple.id)).toBe(false)
    const sensitiveIds = new Set(snapshot.units.filter((u) => u.category === '宗教活动场所').map((u) => u.id))
    expect(anonymous.body.inspections.some((i) => sensitiveIds.has(i.unitId))).toBe(false)
    const byUnit = await read(`/api/inspections?unit=${temple.id}`)
    expect(byUnit.status).toBe(200)
    expect(byUnit.body).toMatchObject({ inspections: [], visits: null })
    expect(byUnit.text).not.toContain('宗教督导员')
    const admin = await read(`/api/inspections?unit=${temple.id}`, cookies.admin)
    expect(admin.body.inspections.map((i) => i.id)).toContain(templeVisit.id)
    expect(admin.body.visits).toMatchObject({ unitId: temple.id, needsVisits: true })
  })

  test('the dashboard’s unit panel (GET /api/units/:id) follows the same rule', async () => {
    const detail = async (id: number, cookie?: string) => (await app.request(`/api/units/${id}`, { headers: cookie ? { Cookie: cookie } : {} })).text()
    expect(await detail(suijiang.id)).not.toContain('张督导')
    expect(await detail(suijiang.id, cookies.admin)).toContain('张督导')
    expect(await detail(temple.id)).not.toContain('宗教督导员')
  })
})
