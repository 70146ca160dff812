// 督导 in the field through app.request: the inspector role (visits and their photos within scope, nothing
// else), the idempotent sync of a visit by the phone's id, the follow-up closed on two phones (the second gets
// 412 with the current state), and photos by content hash: replay, HEAD, bad bytes, size cap, audience.
import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { demoAppWithAccounts, jsonRequest, OWN_ORIGIN } from '../demo-app'

const { app, store, cookies } = demoAppWithAccounts([
  { username: 'sj-inspector', role: 'inspector', areaScope: '530626' },
  { username: 'sj-inspector-2', role: 'inspector', areaScope: '530626' },
  { username: 'looker', role: 'viewer', areaScope: null },
])

const snapshot = store.snapshot()
const namedIn = (county: string, category?: string) =>
  snapshot.units.find((u) => u.status === '命名' && (snapshot.unitAreas.get(u.id) ?? '').startsWith(county) && u.areaCode?.startsWith(county) && (category === undefined ? u.category !== '宗教活动场所' : u.category === category))!
const suijiang = namedIn('530626')
const shuifu = namedIn('530681')
const temple = snapshot.units.find((u) => u.category === '宗教活动场所' && u.status === '命名' && (snapshot.unitAreas.get(u.id) ?? '').startsWith('530626'))!

const VISIT = {
  date: '2026-10-12',
  inspectors: ['张督导'],
  checklist: [{ item: '宣传教育', result: '达标', note: '' }],
  rating: '良好',
  findings: '活动常态化开展',
  followUp: '更新宣传栏',
  followUpDue: '2026-12-12',
  gps: { lon: 103.99, lat: 28.6, accuracyM: 12, takenAt: '2026-10-12T08:30:00Z' },
}

async function put(clientId: string, body: unknown, cookie?: string) {
  const response = await app.request(`/api/inspections/by-client-id/${clientId}`, jsonRequest('PUT', body, cookie))
  return { status: response.status, body: await response.json() }
}

describe('the inspector role', () => {
  test('records a visit to a unit in scope (201) with its GPS fix; outside scope 403 naming the scope', async () => {
    const inside = await put('visit-inside-0001', { ...VISIT, unit: suijiang.id }, cookies['sj-inspector'])
    expect(inside.status, JSON.stringify(inside.body)).toBe(201)
    expect(inside.body.inspection).toMatchObject({ unitId: suijiang.id, clientId: 'visit-inside-0001', gps: VISIT.gps, createdBy: 'sj-inspector', photos: [] })
    const outside = await put('visit-outside-001', { ...VISIT, unit: shuifu.id }, cookies['sj-inspector'])
    expect(outside.status).toBe(403)
    expect(outside.body.error.message).toContain('530626')
    expect(store.inspections.byClientId('visit-outside-001')).toBeNull()
  })

  test('cannot edit a unit, take a workflow step or write a target (403), though the unit is in scope', async () => {
    const unit = store.units.get(suijiang.id)!
    const edit = await app.request(`/api/units/${unit.id}`, jsonRequest('PATCH', { notes: '督导员改的' }, cookies['sj-inspector'], { 'If-Match': `"${unit.version}"` }))
    expect(edit.status).toBe(403)
    expect((await edit.json()).error.message).toContain('只能记录督导')
    const step = await app.request(`/api/units/${unit.id}/transitions`, jsonRequest('POST', { to: '复查' }, cookies['sj-inspector'], { 'If-Match': `"${unit.version}"` }))
    expect(step.status).toBe(403)
    const target = await app.request('/api/targets', jsonRequest('POST', { areaCode: '530626', count: 3, dueYear: 2027 }, cookies['sj-inspector']))
    expect(target.status).toBe(403)
    expect(store.units.get(unit.id)!.version).toBe(unit.version)
  })

  test('a viewer still records no visit (403), anonymous 401', async () => {
    expect((await put('visit-viewer-0001', { ...VISIT, unit: suijiang.id }, cookies.looker)).status).toBe(403)
    expect((await put('visit-anon-00001', { ...VISIT, unit: suijiang.id })).status).toBe(401)
  })
})

test('GET /api/inspections/due: each unit of the area with its visits due; sensitive units for signed-in callers only', async () => {
  const due = async (cookie?: string) =>
    (await (await app.request('/api/inspections/due?area=530626', { headers: cookie ? { Cookie: cookie } : {} })).json()) as { units: { unitId: number; needsVisits: boolean; due: number }[] }
  const signedIn = await due(cookies['sj-inspector'])
  expect(signedIn.units.find((u) => u.unitId === suijiang.id)).toMatchObject({ needsVisits: true })
  expect(signedIn.units.some((u) => u.unitId === temple.id)).toBe(true)
  expect((await due()).units.some((u) => u.unitId === temple.id)).toBe(false)
  expect(signedIn.units.some((u) => u.unitId === shuifu.id)).toBe(false)
})

test('a scheme’s 督导 criteria are data: the default themes until an admin sets them, then /api/inspections/due carries them', async () => {
  const criteriaOf = async () =>
    ((await (await app.request('/api/inspections/due?area=530626', { headers: { Cookie: cookies['sj-inspector'] } })).json()) as { units: { unitId: number; checklist: string[] }[] }).units.find((u) => u.unitId === suijiang.id)!.checklist
  expect(await criteriaOf()).toEqual(['宣传教育', '阵地建设', '活动开展', '制度建设', '群众满意'])
  const scheme = store.snapshot().schemes.find((s) => s.isDefault)!
  const twice = await app.request(`/api/schemes/${scheme.id}`, jsonRequest('PATCH', { checklist: ['宣传教育', '宣传教育'] }, cookies.admin))
  expect(twice.status).toBe(400)
  expect((await twice.json()).error.message).toContain('宣传教育 is given twice')
  expect((await app.request(`/api/schemes/${scheme.id}`, jsonRequest('PATCH', { checklist: ['宣传教育'] }, cookies['sj-inspector']))).status).toBe(403)
  const saved = await app.request(`/api/schemes/${scheme.id}`, jsonRequest('PATCH', { checklist: ['宣传教育', '活动开展', '档案资料'] }, cookies.admin))
  expect(saved.status).toBe(200)
  expect(await criteriaOf()).toEqual(['宣传教育', '活动开展', '档案资料'])
  await app.request(`/api/schemes/${scheme.id}`, jsonRequest('PATCH', { checklist: [] }, cookies.admin))
  expect(await criteriaOf()).toEqual(['宣传教育', '阵地建设', '活动开展', '制度建设', '群众满意'])
})

describe('sync by the phone’s id', () => {
  test('a replay answers the stored visit (200), whatever it sends, and records nothing more', async () => {
    const first = await put('visit-replay-0001', { ...VISIT, unit: suijiang.id }, cookies['sj-inspector'])
    const countAfterFirst = store.inspections.list().length
    const again = await put('visit-replay-0001', { ...VISIT, unit: suijiang.id, findings: '第二次发送' }, cookies['sj-inspector'])
    expect([first.status, again.status]).toEqual([201, 200])
    expect(again.body.inspection).toEqual(first.body.inspection)
    expect(store.inspections.list().length).toBe(countAfterFirst)
  })

  test('POST with clientId is the same sync', async () => {
    const send = () => app.request('/api/inspections', jsonRequest('POST', { ...VISIT, unit: suijiang.id, clientId: 'visit-post-00001' }, cookies['sj-inspector']))
    const [a, b] = [await send(), await send()]
    expect([a.status, b.status]).toEqual([201, 200])
    expect((await b.json()).inspection.id).toBe((await a.json()).inspection.id)
  })

  test('a bad client id or GPS fix names the value', async () => {
    const badId = await put('x', { ...VISIT, unit: suijiang.id }, cookies['sj-inspector'])
    expect(badId.status).toBe(400)
    expect(badId.body.error.message).toContain('8 to 64')
    const badFix = await put('visit-badfix-0001', { ...VISIT, unit: suijiang.id, gps: { ...VISIT.gps, lat: 128.6 } }, cookies['sj-inspector'])
    expect(badFix.status).toBe(400)
    expect(badFix.body.error.message).toContain('lat 128.6 is not a latitude')
  })

  test('the same follow-up closed on two phones: the second gets 412 with who closed it, and can close again on the current version', async () => {
    const { inspection } = (await put('visit-conflict-001', { ...VISIT, unit: suijiang.id }, cookies['sj-inspector'])).body
    const close = (who: string, version: number) =>
      app.request(`/api/inspections/${inspection.id}`, jsonRequest('PATCH', { followUpClosedAt: '2026-11-20' }, cookies[who], { 'If-Match': `"${version}"` }))
    const first = await close('sj-inspector', inspection.version)
    expect(first.status).toBe(200)
    const second = await close('sj-inspector-2', inspection.version)
    expect(second.status).toBe(412)
    const { error } = await second.json()
    expect(error.details.current).toMatchObject({ id: inspection.id, followUpClosedAt: '2026-11-20', followUpClosedBy: 'sj-inspector', version: inspection.version + 1 })
    expect((await close('sj-inspector-2', error.details.current.version)).status).toBe(200)
  })
})

// A 1×1 PNG.
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'))
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function upload(hash: string, bytes: Uint8Array, visit: string, cookie: string | undefined = cookies['sj-inspector'], query = '') {
  return app.request(`/api/photos/${hash}?visit=${visit}${query}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream', ...(cookie ? { Cookie: cookie, Origin: OWN_ORIGIN } : {}) },
    body: bytes as Uint8Array<ArrayBuffer>,
  })
}

describe('photos by content hash', () => {
  test('HEAD 404, PUT 201 with the sniffed size, HEAD 200, a replay 200 without a body, GET the same bytes', async () => {
    await put('visit-photo-0001', { ...VISIT, unit: suijiang.id }, cookies['sj-inspector'])
    const hash = sha(PNG)
    expect((await app.request(`/api/photos/${hash}`, { method: 'HEAD' })).status).toBe(404)
    const created = await upload(hash, PNG, 'visit-photo-0001', undefined, '&takenAt=2026-10-12T08:31:00Z&exifLocation=0')
    expect(created.status).toBe(201)
    expect((await created.json()).photo).toMatchObject({ sha256: hash, mime: 'image/png', width: 1, height: 1, bytes: PNG.length, takenAt: '2026-10-12T08:31:00Z', exifLocationKept: false, uploadedBy: 'sj-inspector' })
    expect((await app.request(`/api/photos/${hash}`, { method: 'HEAD' })).status).toBe(200)
    expect((await upload(hash, new Uint8Array(), 'visit-photo-0001')).status).toBe(200)
    const got = await app.request(`/api/photos/${hash}`)
    expect(got.headers.get('Content-Type')).toBe('image/png')
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG)
    expect(store.inspections.byClientId('visit-photo-0001')!.photos.map((p) => p.sha256)).toEqual([hash])
    // The unit's detail on the dashboard lists the photo with its visit (a unit of a public category: for everyone).
    const detail = await (await app.request(`/api/units/${suijiang.id}`)).json()
    expect(detail.inspections.find((i: { clientId: string }) => i.clientId === 'visit-photo-0001').photos).toMatchObject([{ sha256: hash, width: 1, height: 1 }])
  })

  test('not an image, a hash that does not match (cut off), too big, no such visit: clear errors', async () => {
    await put('visit-badphoto-01', { ...VISIT, unit: suijiang.id }, cookies['sj-inspector'])
    const pdf = new TextEncoder().encode('%PDF-1.4 not a photo')
    const notImage = await upload(sha(pdf), pdf, 'visit-badphoto-01')
    expect(notImage.status).toBe(400)
    expect((await notImage.json()).error).toMatchObject({ code: 'not_an_image', message: expect.stringContaining('25 50 44 46') })
    const whole = Uint8Array.from([...PNG, 3])
    const cut = await upload(sha(whole), whole.subarray(0, 30), 'visit-badphoto-01')
    expect(cut.status).toBe(400)
    expect((await cut.json()).error).toMatchObject({ code: 'hash_mismatch', message: expect.stringContaining('cut off') })
    const big = new Uint8Array((8 << 20) + 1)
    big.set(PNG)
    const tooBig = await upload(sha(big), big, 'visit-badphoto-01')
    expect(tooBig.status).toBe(413)
    expect((await tooBig.json()).error.message).toContain('photoBytes')
    const other = Uint8Array.from([...PNG, 0])
    const noVisit = await upload(sha(other), other, 'visit-never-synced')
    expect(noVisit.status).toBe(404)
    expect(store.inspections.byClientId('visit-badphoto-01')!.photos).toEqual([])
  })

  test('an inspector may not add a photo to a visit outside their scope (403); anonymous 401', async () => {
    const { inspection } = (await put('visit-shuifu-0001', { ...VISIT, unit: shuifu.id }, cookies.admin)).body
    const bytes = Uint8Array.from([...PNG, 1])
    expect((await upload(sha(bytes), bytes, inspection.clientId)).status).toBe(403)
    expect((await upload(sha(bytes), bytes, inspection.clientId, '')).status).toBe(401)
  })

  test('a photo of a sensitive unit only for signed-in users; the listing leaves it out for the public', async () => {
    await put('visit-temple-0001', { ...VISIT, unit: temple.id }, cookies['sj-inspector'])
    const bytes = Uint8Array.from([...PNG, 2])
    expect((await upload(sha(bytes), bytes, 'visit-temple-0001')).status).toBe(201)
    const anonymous = await app.request(`/api/photos/${sha(bytes)}`)
    expect(anonymous.status).toBe(401)
    expect((await app.request(`/api/photos/${sha(bytes)}`, { headers: { Cookie: cookies.looker } })).status).toBe(200)
    const listed = await (await app.request(`/api/units/${temple.id}`)).text()
    expect(listed).not.toContain(sha(bytes))
    expect(listed).not.toContain('103.99')
  })
})

describe('POST /api/inspections/:id/photos (design.md)', () => {
  const post = (id: number, body: BodyInit, contentType: string | null, cookie: string | undefined = cookies['sj-inspector']) =>
    app.request(`/api/inspections/${id}/photos?takenAt=2026-10-12T08:40:00Z`, {
      method: 'POST',
      headers: { ...(contentType ? { 'Content-Type': contentType } : {}), ...(cookie ? { Cookie: cookie, Origin: OWN_ORIGIN } : {}) },
      body,
    })

  test('the bytes as the body or as a form field; the server hashes them; the same bytes again answer the stored photo', async () => {
    const { inspection } = (await put('visit-post-photo1', { ...VISIT, unit: suijiang.id }, cookies['sj-inspector'])).body
    const bytes = Uint8Array.from([...PNG, 4])
    const raw = await post(inspection.id, bytes as Uint8Array<ArrayBuffer>, 'image/png')
    expect(raw.status).toBe(201)
    expect((await raw.json()).photo).toMatchObject({ sha256: sha(bytes), inspectionId: inspection.id, mime: 'image/png', takenAt: '2026-10-12T08:40:00Z' })
    expect((await post(inspection.id, bytes as Uint8Array<ArrayBuffer>, 'image/png')).status).toBe(200)
    const other = Uint8Array.from([...PNG, 5])
    const form = new FormData()
    form.append('photo', new File([other], 'visit.png', { type: 'image/png' }))
    const posted = await post(inspection.id, form, null)
    expect(posted.status).toBe(201)
    expect(store.inspections.get(inspection.id)!.photos.map((p) => p.sha256).sort()).toEqual([sha(bytes), sha(other)].sort())
  })

  test('a form without a file, not an image, no such visit, outside scope, anonymous: named refusals', async () => {
    const { inspection } = (await put('visit-post-photo2', { ...VISIT, unit: suijiang.id }, cookies['sj-inspector'])).body
    const empty = new FormData()
    empty.append('note', 'x')
    const noFile = await post(inspection.id, empty, null)
    expect(noFile.status).toBe(400)
    expect((await noFile.json()).error.message).toContain('"photo" or "file" field (it has note)')
    expect((await post(inspection.id, new TextEncoder().encode('%PDF-1.4'), 'application/pdf')).status).toBe(400)
    expect((await post(999_999, PNG as Uint8Array<ArrayBuffer>, 'image/png')).status).toBe(404)
    const { inspection: elsewhere } = (await put('visit-post-photo3', { ...VISIT, unit: shuifu.id }, cookies.admin)).body
    expect((await post(elsewhere.id, Uint8Array.from([...PNG, 6]) as Uint8Array<ArrayBuffer>, 'image/png')).status).toBe(403)
    expect((await post(inspection.id, Uint8Array.from([...PNG, 7]) as Uint8Array<ArrayBuffer>, 'image/png', '')).status).toBe(401)
  })
})
