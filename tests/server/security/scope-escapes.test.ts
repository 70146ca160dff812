// Issue 19, scope escapes: an area-scoped editor may write only what lies in their scope before AND after
// the write — by its ledger area and by its located area — and boundaries are an admin's write, whose
// children may not reach outside their parent beyond the tolerance.
import { describe, expect, test } from 'vitest'
import { hashPassword } from '../../../server/auth/passwords'
import { boundaryWriteRefusal, unitWriteRefusal, type SessionUser } from '../../../server/auth/roles'
import type { Area } from '../../../server/shared/domain'
import { ADMIN_PASSWORD, demoApp, jsonRequest, OWN_ORIGIN, signIn } from '../demo-app'

type Demo = ReturnType<typeof demoApp>
const PASSWORD = 'scope-password-1'
// The first import of a run starts the parse workers, which can take seconds on a loaded machine.
const IMPORT_TIMEOUT_MS = 30_000
const ORIGIN = { Origin: OWN_ORIGIN } // writes with the session cookie come from the atlas's own pages

/** The demo with an editor scoped to 绥江县 (530626); the admin's and the editor's cookies. */
async function withSuijiangEditor(): Promise<Demo & { admin: string; editor: string }> {
  const demo = demoApp()
  demo.store.accounts.createUser({ username: 'suijiang', passwordHash: hashPassword(PASSWORD), role: 'editor', areaScope: '530626' }, 'test')
  return { ...demo, admin: await signIn(demo.app, 'admin', ADMIN_PASSWORD), editor: await signIn(demo.app, 'suijiang', PASSWORD) }
}

/** The point of a demo unit that both its ledger and the join place in `code` (or below it): a point inside that area. */
function pointIn(store: Demo['store'], code: string): [number, number] {
  const snapshot = store.snapshot()
  const within = (area: string | null | undefined) => area?.startsWith(code) ?? false
  const unit = snapshot.units.find((u) => u.lon !== null && u.lat !== null && within(u.areaCode) && within(snapshot.unitAreas.get(u.id)))
  if (!unit || unit.lon === null || unit.lat === null) throw new Error(`no demo unit located in ${code}`)
  return [unit.lon, unit.lat]
}

function upload(text: string, fileName: string, fields: Record<string, string>, cookie?: string): RequestInit {
  const form = new FormData()
  form.set('file', new File([new TextEncoder().encode(text)], fileName))
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  return { method: 'POST', body: form, headers: cookie ? { Cookie: cookie, ...ORIGIN } : {} }
}

const HEADER = '编号,单位名称,创建类别,状态,经度,纬度,行政区划代码'

describe('importing with duplicates=merge', { timeout: IMPORT_TIMEOUT_MS }, () => {
  test('an editor may not merge a row into a unit outside their scope; nothing changes', async () => {
    const { app, store, admin, editor } = await withSuijiangEditor()
    const [zyLon, zyLat] = pointIn(store, '530602')
    const seeded = await app.request(
      '/api/import/units',
      upload(`${HEADER}\nEXT-ZY-1,昭阳区民族团结示范学校,进学校,培育,${zyLon},${zyLat},530602\n`, '昭阳.csv', { dryRun: 'false' }, admin),
    )
    expect(seeded.status).toBe(200)
    const target = store.snapshot().units.find((u) => u.name === '昭阳区民族团结示范学校')!
    expect(target.areaCode).toBe('530602')

    const [lon, lat] = pointIn(store, '530626102')
    const answer = await app.request(
      '/api/import/units',
      upload(`${HEADER}\nEXT-ZY-1,绥江改名学校,进学校,申报,${lon},${lat},530626102\n`, '绥江.csv', { dryRun: 'false', duplicates: 'merge' }, editor),
    )
    expect(answer.status).toBe(403)
    const { error } = await answer.json()
    expect(error.message).toContain('昭阳区民族团结示范学校')
    expect(error.message).toContain('昭阳区')
    expect(store.snapshot().units.find((u) => u.id === target.id)).toEqual(target)
    expect(store.imports.list()).toHaveLength(1)
  })

  test('an editor may still merge a row into a unit of their own county', async () => {
    const { app, store, admin, editor } = await withSuijiangEditor()
    const [lon, lat] = pointIn(store, '530626102')
    await app.request('/api/import/units', upload(`${HEADER}\nEXT-SJ-1,绥江示范学校,进学校,培育,${lon},${lat},530626102\n`, 'a.csv', { dryRun: 'false' }, admin))
    const answer = await app.request(
      '/api/import/units',
      upload(`${HEADER}\nEXT-SJ-1,绥江示范学校（新址）,进学校,申报,${lon},${lat},530626102\n`, 'b.csv', { dryRun: 'false', duplicates: 'merge' }, editor),
    )
    expect(answer.status).toBe(200)
    expect((await answer.json()).batch).toMatchObject({ inserted: 0, updated: 1 })
  })
})

describe('importing a status the workflow gives', { timeout: IMPORT_TIMEOUT_MS }, () => {
  test('an editor may import units at 培育 or 申报, not named ones, nor name a unit by a merge; an admin may', async () => {
    const { app, store, admin, editor } = await withSuijiangEditor()
    const [lon, lat] = pointIn(store, '530626102')
    const file = (rows: string) => `${HEADER},级别\n${rows}`
    const applied = await app.request('/api/import/units', upload(file(`EXT-WF-1,绥江申报学校,进学校,申报,${lon},${lat},530626102,\n`), 'a.csv', { dryRun: 'false' }, editor))
    expect(applied.status).toBe(200)

    const named = await app.request('/api/import/units', upload(file(`EXT-WF-2,绥江命名学校,进学校,命名,${lon},${lat},530626102,县级\n`), 'b.csv', { dryRun: 'false' }, editor))
    expect(named.status).toBe(403)
    expect((await named.json()).error.message).toMatch(/绥江命名学校.*不能新建状态为命名的单位/)
    const promoted = await app.request(
      '/api/import/units',
      upload(file(`EXT-WF-1,绥江申报学校,进学校,命名,${lon},${lat},530626102,县级\n`), 'c.csv', { dryRun: 'false', duplicates: 'merge' }, editor),
    )
    expect(promoted.status).toBe(403)
    expect(store.snapshot().units.filter((u) => u.name.startsWith('绥江') && u.name.endsWith('学校') && u.status === '命名')).toHaveLength(0)

    const byAdmin = await app.request('/api/import/units', upload(file(`EXT-WF-2,绥江命名学校,进学校,命名,${lon},${lat},530626102,县级\n`), 'd.csv', { dryRun: 'false' }, admin))
    expect(byAdmin.status).toBe(200)
  })
})

/** 中城镇 (530626101) drawn as a box of about 18 600 km² over 绥江, 彝良, 水富 and more. */
const BOX = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { 代码: '530626101', 名称: '中城镇' },
      geometry: { type: 'Polygon', coordinates: [[[103.6, 27.9], [105.0, 27.9], [105.0, 29.1], [103.6, 29.1], [103.6, 27.9]]] },
    },
  ],
})

describe('boundary imports', { timeout: IMPORT_TIMEOUT_MS }, () => {
  test('an editor may not commit boundaries, even of their own county; nothing changes', async () => {
    const { app, store, editor } = await withSuijiangEditor()
    const coverage = async () => (await app.request('/api/coverage?level=county')).json()
    const before = await coverage()
    const areaBefore = store.snapshot().areasByCode.get('530626101')
    const answer = await app.request('/api/import/areas', upload(BOX, '中城镇.geojson', { level: 'township', dryRun: 'false' }, editor))
    expect(answer.status).toBe(403)
    expect((await answer.json()).error.message).toContain('管理员')
    expect(store.snapshot().areasByCode.get('530626101')).toEqual(areaBefore)
    expect(store.imports.list()).toEqual([])
    expect(await coverage()).toEqual(before)
  })

  test('an area reaching outside its parent beyond the tolerance is rejected, for an admin too', async () => {
    const { app, store, admin } = await withSuijiangEditor()
    const areaBefore = store.snapshot().areasByCode.get('530626101')
    const answer = await app.request('/api/import/areas', upload(BOX, '中城镇.geojson', { level: 'township', dryRun: 'false', toleranceKm2: '0.5' }, admin))
    expect(answer.status).toBe(200)
    const { report, batch } = await answer.json()
    expect(batch).toBeNull()
    expect(report.totals).toMatchObject({ rejected: 1, accepted: 0, warnings: 0, updates: 0 })
    const [row] = report.rows
    expect(row.status).toBe('rejected')
    const message = row.messages.find((m: string) => m.includes('边界之外'))
    expect(message).toMatch(/^第1个要素：有 \d+(\.\d+)? km² 在上级绥江县（530626）的边界之外，超过容差 0\.5 km²/)
    const excess = Number(/有 ([\d.]+) km²/.exec(message)![1])
    expect(excess).toBeGreaterThan(15_000)
    expect(store.snapshot().areasByCode.get('530626101')).toEqual(areaBefore)
  })
})

describe('scope checks on existing units use the ledger area and the located area', () => {
  /** Writes a 培育 unit straight into the store (an admin's import would reject the disagreement). */
  function insertUnit(store: Demo['store'], name: string, areaCode: string, [lon, lat]: [number, number]): number {
    store.imports.commitUnits(
      [{ name, category: '进学校', level: null, status: '培育', yearNamed: null, lon, lat, areaCode, address: '', contact: '', notes: '', sample: false, externalId: null, updates: null }],
      { fileName: 'test', options: {}, report: {}, actor: 'admin' },
    )
    return store.snapshot().units.find((u) => u.name === name)!.id
  }

  async function disagreeing() {
    const demo = await withSuijiangEditor()
    const { store } = demo
    // Ledger 彝良县, point in 绥江: the join places it in 绥江 (the point wins) and reports an area-mismatch.
    const yiliangLedger = insertUnit(store, '账在彝良点在绥江', '530628', pointIn(store, '530626102'))
    // Ledger 绥江县, point in 彝良.
    const yiliangPoint = insertUnit(store, '账在绥江点在彝良', '530626', pointIn(store, '530628'))
    const snapshot = store.snapshot()
    expect(snapshot.unitAreas.get(yiliangLedger)?.startsWith('530626')).toBe(true)
    expect(snapshot.unitAreas.get(yiliangPoint)?.startsWith('530628')).toBe(true)
    const [inScope] = snapshot.units.filter((u) => u.areaCode?.startsWith('530626') && snapshot.unitAreas.get(u.id)?.startsWith('530626'))
    return { ...demo, yiliangLedger, yiliangPoint, inScope: inScope.id }
  }

  test('promote: refused for a unit whose ledger area or located area lies outside the scope', async () => {
    const { app, store, editor, yiliangLedger, yiliangPoint } = await disagreeing()
    for (const id of [yiliangLedger, yiliangPoint]) {
      const answer = await app.request('/api/plan/promote', jsonRequest('POST', { unitIds: [id] }, editor, ORIGIN))
      expect(answer.status, `unit ${id}`).toBe(403)
      expect((await answer.json()).error.message).toMatch(/台账所属区域为 彝良县 530628|坐标所在区域为 \S+ 530628/)
      expect(store.snapshot().units.find((u) => u.id === id)?.status).toBe('培育')
    }
  })

  test('corridors: refused for a stop whose ledger area or located area lies outside the scope', async () => {
    const { app, store, editor, yiliangLedger, yiliangPoint, inScope } = await disagreeing()
    const before = store.corridors.list().length
    for (const id of [yiliangLedger, yiliangPoint]) {
      const answer = await app.request('/api/corridors', jsonRequest('POST', { name: '绥江走廊', unitIds: [inScope, id] }, editor, ORIGIN))
      expect(answer.status, `unit ${id}`).toBe(403)
      expect((await answer.json()).error.message).toMatch(/台账所属区域为 彝良县 530628|坐标所在区域为 \S+ 530628/)
    }
    expect(store.corridors.list()).toHaveLength(before)
  })
})

describe('unitWriteRefusal and boundaryWriteRefusal', () => {
  const area = (code: string, name: string, parent: string | null): Area => ({
    code, name, parent, level: 'county', geometry: null, population: null, minorityShare: null, areaKm2: null, schematic: false, populationIsSample: false,
  })
  const areas = new Map([area('530600', '昭通市', null), area('530626', '绥江县', '530600'), area('530626101', '中城镇', '530626'), area('530628', '彝良县', '530600')].map((a) => [a.code, a]))
  const editor: SessionUser = { id: 2, username: 'suijiang', role: 'editor', areaScope: '530626' }
  const admin: SessionUser = { ...editor, role: 'admin', areaScope: null }
  const inScope = { ledgerArea: '530626', locatedArea: '530626101' }

  test('every area of the unit, before and after, must be in scope', () => {
    expect(unitWriteRefusal(editor, { unit: '单位 #1', before: inScope, after: inScope }, areas)).toBeNull()
    expect(unitWriteRefusal(editor, { unit: '单位 #1', after: { ledgerArea: '530626101', locatedArea: null } }, areas)).toBeNull()
    expect(unitWriteRefusal(editor, { unit: '单位 #1', before: { ledgerArea: '530628', locatedArea: '530626101' }, after: inScope }, areas)).toEqual({
      kind: 'forbidden',
      message: '用户 suijiang 只能编辑绥江县 (530626) 范围内的数据，不能编辑 彝良县（单位 #1现在的台账所属区域为 彝良县 530628）',
    })
    expect(unitWriteRefusal(editor, { unit: '单位 #1', before: inScope, after: { ledgerArea: '530626', locatedArea: '530628' } }, areas)?.message).toContain('写入后的坐标所在区域为 彝良县 530628')
    expect(unitWriteRefusal(editor, { unit: '单位 #1', before: { ledgerArea: null, locatedArea: null } }, areas)?.kind).toBe('forbidden')
    expect(unitWriteRefusal(editor, { unit: '单位 #1' }, areas)?.kind).toBe('forbidden')
    expect(unitWriteRefusal(null, { unit: '单位 #1', before: inScope }, areas)?.kind).toBe('unauthorized')
    expect(unitWriteRefusal(admin, { unit: '单位 #1', before: { ledgerArea: '530628', locatedArea: null } }, areas)).toBeNull()
  })

  test('boundaries: admins only, whatever the editor\'s scope', () => {
    const zhongcheng = { code: '530626101', name: '中城镇', parent: '530626' }
    expect(boundaryWriteRefusal(admin, zhongcheng, areas)).toBeNull()
    expect(boundaryWriteRefusal(editor, zhongcheng, areas)?.kind).toBe('forbidden')
    expect(boundaryWriteRefusal({ ...editor, areaScope: null }, zhongcheng, areas)?.kind).toBe('forbidden')
    expect(boundaryWriteRefusal(null, zhongcheng, areas)?.kind).toBe('unauthorized')
    expect(boundaryWriteRefusal({ ...admin, readOnly: true }, zhongcheng, areas)?.kind).toBe('forbidden')
  })
})
