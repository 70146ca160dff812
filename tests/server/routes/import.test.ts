// POST /api/import/units and the import batches, through app.request on the demo store.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { PROJECT_ROOT } from '../../../server/paths'
import { ADMIN_PASSWORD, demoApp, jsonRequest, markPasswordChosenByUser, OWN_ORIGIN, signIn } from '../demo-app'

const LEDGER = readFileSync(join(PROJECT_ROOT, 'tests/fixtures/import/ledger-utf8-bom.csv'))

function upload(bytes: Uint8Array<ArrayBuffer> | Buffer, fileName: string, fields: Record<string, string>, cookie?: string): RequestInit {
  const form = new FormData()
  form.set('file', new File([new Uint8Array(bytes)], fileName))
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  return { method: 'POST', body: form, headers: cookie ? { Cookie: cookie, Origin: OWN_ORIGIN } : {} }
}

describe('POST /api/import/units', () => {
  test('a dry run reports every row and writes nothing, for anyone', async () => {
    const { app, store } = demoApp()
    const before = store.snapshot().units.length
    const answer = await app.request('/api/import/units', upload(LEDGER, '台账.csv', {}))
    expect(answer.status).toBe(200)
    const { dryRun, report, batch } = await answer.json()
    expect(dryRun).toBe(true)
    expect(batch).toBeNull()
    const { rowsRead, accepted, warnings, rejected, ignored } = report.totals
    expect(accepted + warnings + rejected + ignored).toBe(rowsRead)
    expect(rejected).toBeGreaterThan(0)
    expect(report.rows.find((r: { row: number }) => r.row === 14).messages[0]).toMatch(/^第14行（中城镇第二小学）：经度 1041\.2/)
    expect(store.snapshot().units.length).toBe(before)
  })

  test('committing needs sign-in; an admin commit adds the accepted rows in one batch; a re-import adds nothing', async () => {
    const { app, store } = demoApp()
    const before = store.snapshot().units.length
    expect((await app.request('/api/import/units', upload(LEDGER, '台账.csv', { dryRun: 'false' }))).status).toBe(401)
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const { report, batch } = await (await app.request('/api/import/units', upload(LEDGER, '台账.csv', { dryRun: 'false' }, admin))).json()
    const written = report.totals.accepted + report.totals.warnings
    expect(written).toBeGreaterThan(0)
    expect(batch).toMatchObject({ inserted: written, updated: 0, createdBy: 'admin', fileName: '台账.csv' })
    expect(store.snapshot().units.length).toBe(before + written)
    const imported = store.snapshot().units.filter((u) => u.history[0]?.reason === `导入 台账.csv（第 ${batch.id} 批）`)
    expect(imported).toHaveLength(written)
    expect(store.units.externalIds().size).toBeGreaterThan(0)

    const again = await (await app.request('/api/import/units', upload(LEDGER, '台账.csv', { dryRun: 'false' }, admin))).json()
    expect(again.batch).toBeNull()
    expect(store.snapshot().units.length).toBe(before + written)
  })

  test('an editor may not commit rows outside their area; nothing is written', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    await app.request('/api/users', jsonRequest('POST', { username: 'ludian', password: 'a-good-password-9', role: 'editor', areaScope: '530621' }, admin))
    markPasswordChosenByUser(store, 'ludian')
    const editor = await signIn(app, 'ludian', 'a-good-password-9')
    const before = store.snapshot().units.length
    const answer = await app.request('/api/import/units', upload(LEDGER, '台账.csv', { dryRun: 'false' }, editor))
    expect(answer.status).toBe(403)
    expect((await answer.json()).error.message).toContain('只能编辑鲁甸县')
    expect(store.snapshot().units.length).toBe(before)
  })

  test('a file that cannot be read is a 400 naming it, and changes nothing', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])
    const answer = await app.request('/api/import/units', upload(xls, '旧台账.xls', { dryRun: 'false' }, admin))
    expect(answer.status).toBe(400)
    expect((await answer.json()).error.message).toContain('旧台账.xls')
    expect(store.imports.list()).toEqual([])
    const noFile = await app.request('/api/import/units', { method: 'POST', body: new FormData() })
    expect(noFile.status).toBe(400)
    expect((await noFile.json()).error.message).toContain('file')
  })

  test('an import is listed for admins and rolled back exactly, once', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const before = store.snapshot().units.map((u) => u.id)
    const { batch } = await (await app.request('/api/import/units', upload(LEDGER, '台账.csv', { dryRun: 'false' }, admin))).json()
    expect((await app.request('/api/import/batches')).status).toBe(401)
    const list = await (await app.request('/api/import/batches', { headers: { Cookie: admin } })).json()
    expect(list.imports.map((b: { id: number }) => b.id)).toEqual([batch.id])
    const detail = await (await app.request(`/api/import/batches/${batch.id}`, { headers: { Cookie: admin } })).json()
    expect(detail.report.fileName).toBe('台账.csv')

    const rolled = await app.request(`/api/import/batches/${batch.id}/rollback`, jsonRequest('POST', {}, admin))
    expect(rolled.status).toBe(200)
    expect((await rolled.json()).rolledBackBy).toBe('admin')
    expect(store.snapshot().units.map((u) => u.id)).toEqual(before)
    const twice = await app.request(`/api/import/batches/${batch.id}/rollback`, jsonRequest('POST', {}, admin))
    expect(twice.status).toBe(409)
    expect((await twice.json()).error.message).toContain('already rolled back')
  })

  test('a naming the file dates to an earlier year counts in as-of views of that year; a merge rolled back after a rename keeps the new category', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const unit = store.snapshot().units.find((u) => u.category === '学校' && u.lon !== null && u.status === '培育')!
    const header = '编号,单位名称,创建类别,状态,级别,命名年份,经度,纬度,行政区划代码'
    const csv = (rows: string) => new TextEncoder().encode(`${header}\n${rows}`)
    const named = await (await app.request('/api/import/units', upload(csv(`EXT-Y-1,往年命名学校,进学校,命名,县级,2019,${unit.lon},${unit.lat},${unit.areaCode}\n`), '往年.csv', { dryRun: 'false' }, admin))).json()
    const imported = store.snapshot().units.find((u) => u.name === '往年命名学校')!
    expect(imported.history).toMatchObject([{ at: '2019-12-31', to: '命名', level: '县级', reason: `导入 往年.csv（第 ${named.batch.id} 批）` }])
    const asOf = async (year: number) => (await (await app.request(`/api/units?year=${year}&category=${encodeURIComponent('学校')}`)).json()).features.map((f: { id: number }) => f.id)
    expect(await asOf(2020)).toContain(imported.id)
    expect(await asOf(2018)).not.toContain(imported.id)

    // A merge that renames a 学校 unit, then 学校 renamed 中小学校, then the merge rolled back: its old name, under the new category.
    const merged = await (await app.request('/api/import/units', upload(csv(`EXT-Y-1,往年命名学校（新名）,进学校,命名,县级,2019,${unit.lon},${unit.lat},${unit.areaCode}\n`), '改名.csv', { dryRun: 'false', duplicates: 'merge' }, admin))).json()
    expect(merged.batch).toMatchObject({ updated: 1 })
    const renamed = await app.request('/api/schemes/qijin/categories/%E5%AD%A6%E6%A0%A1', jsonRequest('PATCH', { name: '中小学校' }, admin))
    expect(renamed.status, await renamed.clone().text()).toBe(200)
    expect((await app.request(`/api/import/batches/${merged.batch.id}/rollback`, jsonRequest('POST', {}, admin))).status).toBe(200)
    expect(store.snapshot().units.find((u) => u.id === imported.id)).toMatchObject({ name: '往年命名学校', category: '中小学校' })
  })
})