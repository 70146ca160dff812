// Committing area imports on the demo store, through POST /api/import/areas, and rolling them back.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { PROJECT_ROOT } from '../../../../server/paths'
import { ADMIN_PASSWORD, demoApp, jsonRequest, markPasswordChosenByUser, OWN_ORIGIN, signIn } from '../../demo-app'

const DIR = join(PROJECT_ROOT, 'tests/fixtures/import/areas')
const GK = readFileSync(join(DIR, 'suijiang-townships-gk.zip'))

function upload(bytes: Uint8Array | Buffer, fileName: string, fields: Record<string, string>, cookie?: string): RequestInit {
  const form = new FormData()
  form.set('file', new File([new Uint8Array(bytes)], fileName))
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  return { method: 'POST', body: form, headers: cookie ? { Cookie: cookie, Origin: OWN_ORIGIN } : {} }
}

const township = (store: ReturnType<typeof demoApp>['store'], code: string) => store.snapshot().areasByCode.get(code)!

describe('POST /api/import/areas', () => {
  test('a dry run reports every feature for anyone and writes nothing; level is required', async () => {
    const { app, store } = demoApp()
    const answer = await app.request('/api/import/areas', upload(GK, '乡镇界.zip', { level: 'township' }))
    expect(answer.status).toBe(200)
    const { dryRun, report, batch } = await answer.json()
    expect({ dryRun, batch }).toEqual({ dryRun: true, batch: null })
    expect(report.totals).toMatchObject({ features: 5, updates: 5, rejected: 0 })
    expect(township(store, '530626101').schematic).toBe(true)
    const noLevel = await app.request('/api/import/areas', upload(GK, '乡镇界.zip', {}))
    expect(noLevel.status).toBe(400)
    expect((await noLevel.json()).error.message).toMatch(/^level/)
  })

  test('an admin commit replaces the schematic cells and the rollback restores them exactly', async () => {
    const { app, store } = demoApp()
    const before = township(store, '530626101')
    expect((await app.request('/api/import/areas', upload(GK, '乡镇界.zip', { level: 'township', dryRun: 'false' }))).status).toBe(401)
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const { batch } = await (await app.request('/api/import/areas', upload(GK, '乡镇界.zip', { level: 'township', dryRun: 'false' }, admin))).json()
    expect(batch).toMatchObject({ kind: 'areas', inserted: 0, updated: 5, createdBy: 'admin' })
    const after = township(store, '530626101')
    expect(after).toMatchObject({ schematic: false, population: 52_300, populationIsSample: false, name: '中城镇', parent: '530626' })
    expect(after.areaKm2).toBeCloseTo(172.48, 1)

    const rolled = await app.request(`/api/import/batches/${batch.id}/rollback`, jsonRequest('POST', {}, admin))
    expect(rolled.status).toBe(200)
    expect(township(store, '530626101')).toEqual(before)
  })

  test('crossing rings and overlapping parts are repaired on commit and the repair is in the answer', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const crossing = readFileSync(join(DIR, 'crossing-polygons.geojson'))
    const { report, batch } = await (await app.request('/api/import/areas', upload(crossing, 'crossing.geojson', { level: 'township', dryRun: 'false' }, admin))).json()
    expect(report.totals).toMatchObject({ repaired: 2, rejected: 1 })
    expect(report.rows[1]).toMatchObject({ code: '530626104', status: 'warning', repair: { problems: ['edges cross at 2 points: [104.0475, 28.4356], [104.0375, 28.4456]'] } })
    expect(batch).toMatchObject({ kind: 'areas', updated: 2 })
    expect(township(store, '530626103').geometry!.coordinates).toHaveLength(2) // the bow-tie's two lobes
    expect(township(store, '530626104').geometry!.coordinates).toHaveLength(1) // the two squares as one
  })

  test('a new area is inserted under its parent and deleted by the rollback; attributes update only their values', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const square = { type: 'Polygon', coordinates: [[[104.0, 28.5], [104.01, 28.5], [104.01, 28.51], [104.0, 28.51], [104.0, 28.5]]] }
    const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 代码: '530626101201', 名称: '新村' }, geometry: square }] })
    const result = await (await app.request('/api/import/areas', upload(new TextEncoder().encode(geojson), '新村.geojson', { level: 'village', dryRun: 'false' }, admin))).json()
    expect(result.report.rows[0]).toMatchObject({ status: 'accepted', action: 'insert', parent: '530626101' })
    expect(township(store, '530626101201')).toMatchObject({ level: 'village', name: '新村', schematic: false })
    await app.request(`/api/import/batches/${result.batch.id}/rollback`, jsonRequest('POST', {}, admin))
    expect(store.snapshot().areasByCode.has('530626101201')).toBe(false)

    const attrs = readFileSync(join(DIR, 'suijiang-attributes-gbk.csv'))
    const { batch } = await (await app.request('/api/import/areas', upload(attrs, 'attrs.csv', { kind: 'attributes', dryRun: 'false' }, admin))).json()
    expect(batch).toMatchObject({ updated: 4 })
    expect(township(store, '530626102')).toMatchObject({ population: 31_800, minorityShare: 0.07, schematic: true })
  })

  test('only an admin may commit boundaries: editors in the county or outside it are refused; a viewer before the file is read', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    await app.request('/api/users', jsonRequest('POST', { username: 'ludian', password: 'a-good-password-9', role: 'editor', areaScope: '530621' }, admin))
    await app.request('/api/users', jsonRequest('POST', { username: 'suijiang', password: 'a-good-password-9', role: 'editor', areaScope: '530626' }, admin))
    await app.request('/api/users', jsonRequest('POST', { username: 'look', password: 'a-good-password-9', role: 'viewer', areaScope: null }, admin))
    for (const username of ['ludian', 'suijiang', 'look']) markPasswordChosenByUser(store, username)
    const ludian = await signIn(app, 'ludian', 'a-good-password-9')
    const refused = await app.request('/api/import/areas', upload(GK, '乡镇界.zip', { level: 'township', dryRun: 'false' }, ludian))
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.message).toContain('只有管理员可以提交边界')
    const viewer = await signIn(app, 'look', 'a-good-password-9')
    expect((await app.request('/api/import/areas', upload(new Uint8Array([1]), 'x.zip', { level: 'township', dryRun: 'false' }, viewer))).status).toBe(403)
    expect(store.imports.list()).toEqual([])
    const suijiang = await signIn(app, 'suijiang', 'a-good-password-9')
    expect((await app.request('/api/import/areas', upload(GK, '乡镇界.zip', { level: 'township', dryRun: 'false' }, suijiang))).status).toBe(403)
    expect(store.imports.list()).toEqual([])
    // Attributes (population) stay an editor's write within their county.
    const attrs = readFileSync(join(DIR, 'suijiang-attributes-gbk.csv'))
    expect((await app.request('/api/import/areas', upload(attrs, 'attrs.csv', { kind: 'attributes', dryRun: 'false' }, suijiang))).status).toBe(200)
  })

  test('an unreadable file is a 400 naming it, and changes nothing', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const answer = await app.request('/api/import/areas', upload(readFileSync(join(DIR, 'broken.zip')), 'broken.zip', { level: 'township', dryRun: 'false' }, admin))
    expect(answer.status).toBe(400)
    expect((await answer.json()).error).toMatchObject({ code: 'unreadable_file', message: expect.stringContaining('broken.zip') })
    expect(store.imports.list()).toEqual([])
  })
})

describe('POST /api/import/units with an explicit mapping', () => {
  test('a mapping from the wizard overrides detection; a bad one is a 400', async () => {
    const { app } = demoApp()
    const ledger = readFileSync(join(PROJECT_ROOT, 'tests/fixtures/import/ledger-utf8-bom.csv'))
    const plain = await (await app.request('/api/import/units', upload(ledger, '台账.csv', {}))).json()
    const notes = plain.report.header.columns.find((c: { field: string | null }) => c.field === 'notes')
    expect(notes).toBeDefined()
    const remapped = await (await app.request('/api/import/units', upload(ledger, '台账.csv', { mapping: JSON.stringify({ address: notes.column }) }))).json()
    expect(remapped.report.mapping.address).toEqual([notes.column])
    expect(remapped.report.mapping.notes).toBeUndefined()
    const bad = await app.request('/api/import/units', upload(ledger, '台账.csv', { mapping: '{"colour": 1}' }))
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toMatch(/^mapping/)
  })

  test('a recognised column the wizard set to 不导入 (ignore) stays out: the ignore wins over its header', async () => {
    const { app } = demoApp()
    const ledger = readFileSync(join(PROJECT_ROOT, 'tests/fixtures/import/ledger-utf8-bom.csv'))
    const mapping = JSON.stringify({ ignore: [11, '备注'] }) // 联系电话 (a contact column) by index, 备注 by its header
    const { report } = await (await app.request('/api/import/units', upload(ledger, '台账.csv', { mapping }))).json()
    expect(report.mapping.contact).toEqual([10])
    expect(report.mapping.notes).toBeUndefined()
    expect(report.header.columns.filter((c: { field: string | null }) => c.field === null).map((c: { header: string }) => c.header)).toEqual(['序号', '联系电话', '备注'])
    expect(report.unmapped).toContainEqual({ column: 11, header: '联系电话', reason: '已选择不导入（列名可识别为“联系人”）' })
    expect(report.unmapped).toContainEqual({ column: 13, header: '备注', reason: '已选择不导入（列名可识别为“备注”）' })
    expect(report.unmapped).toContainEqual({ column: 0, header: '序号', reason: '序号是行号，不作为编号导入' })
    const row = (n: number) => report.rows.find((r: { row: number }) => r.row === n).unit
    expect(row(3).contact).toBe('张老师') // without 0870-7621234 from 联系电话

    const both = await app.request('/api/import/units', upload(ledger, '台账.csv', { mapping: JSON.stringify({ notes: 13, ignore: [13] }) }))
    expect(both.status).toBe(400)
    expect((await both.json()).error.message).toContain('第 14 列（备注）被同时指定为“备注”和“不导入”')
    const notAList = await app.request('/api/import/units', upload(ledger, '台账.csv', { mapping: JSON.stringify({ ignore: 13 }) }))
    expect(notAList.status).toBe(400)
    expect((await notAList.json()).error.message).toContain('ignore: expected a list of columns')
  })
})
