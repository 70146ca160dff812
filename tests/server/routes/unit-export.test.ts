// GET /api/units/export through app.request on the demo store: the formats, the /api/units filters, what each
// audience gets, the errors, and the round trip: an exported file imports back (a dry run with duplicates
// 'merge') with every row merging into the unit it came from and changing none of its fields.
import { DEFAULT_WORK_LIMITS } from '../../../server/auth/work-limits'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FeatureCollection } from 'geojson'
import { readUnitFile } from '../../../server/import/read-unit-file'
import type { ImportReport } from '../../../server/import/validate-units'
import type { UnitFields } from '../../../server/db/store'
import { ADMIN_PASSWORD, demoApp, OWN_ORIGIN, signIn, TODAY } from '../demo-app'

// More exports than a minute allows (ATLAS_UNIT_EXPORTS_PER_MINUTE), on a clock that does not move.
const { app, store } = demoApp({ workLimits: { ...DEFAULT_WORK_LIMITS, unitExportsPerMinute: 1000 } })
afterAll(() => store.close())
let admin = ''
beforeAll(async () => {
  admin = await signIn(app, 'admin', ADMIN_PASSWORD)
})

const SENSITIVE = '宗教活动场所' // the default sensitive category

async function exported(query: Record<string, string>, cookie?: string) {
  const answer = await app.request(`/api/units/export?${new URLSearchParams(query)}`, { headers: cookie ? { Cookie: cookie } : {} })
  return { answer, bytes: new Uint8Array(await answer.arrayBuffer()) }
}

async function exportedIds(query: Record<string, string>, cookie?: string): Promise<number[]> {
  const { bytes } = await exported({ ...query, format: 'geojson' }, cookie)
  return (JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection).features.map((f) => Number(f.id))
}

async function listedIds(query: Record<string, string>, cookie?: string): Promise<number[]> {
  const answer = await app.request(`/api/units?${new URLSearchParams(query)}`, { headers: cookie ? { Cookie: cookie } : {} })
  return ((await answer.json()) as FeatureCollection).features.map((f) => Number(f.id))
}

describe('GET /api/units/export', () => {
  test('CSV by default: UTF-8 with a BOM, an attachment named by area and day, one row per unit, private', async () => {
    const { answer, bytes } = await exported({ area: '530626' })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(answer.headers.get('Content-Disposition')).toBe(`attachment; filename="units-530626-${TODAY.replaceAll('-', '')}.csv"`)
    expect(answer.headers.get('Cache-Control')).toBe('private, no-cache')
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const table = await readUnitFile(bytes, 'units.csv')
    const units = (await listedIds({ area: '530626' })).length
    expect(table.rows).toHaveLength(units + 1)
    expect(answer.headers.get('X-Atlas-Units')).toBe(String(units))
    expect(table.rows[0].cells).toEqual(['单位名称', '类别', '命名级别', '命名年份', '状态', '经度', '纬度', '行政区划代码', '地址', '联系人', '编号', '备注'])
  })

  test('XLSX and GeoJSON, with their content types', async () => {
    const xlsx = await exported({ area: '530626', format: 'xlsx' })
    expect(xlsx.answer.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(xlsx.answer.headers.get('Content-Disposition')).toContain('.xlsx"')
    expect([...xlsx.bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04])
    const geojson = await exported({ format: 'geojson' })
    expect(geojson.answer.headers.get('Content-Type')).toBe('application/geo+json')
    expect(geojson.answer.headers.get('Content-Disposition')).toBe(`attachment; filename="units-all-${TODAY.replaceAll('-', '')}.geojson"`)
    expect(JSON.parse(new TextDecoder().decode(geojson.bytes)).features).toHaveLength(store.snapshot().units.length)
  })

  test('selects exactly the units /api/units selects, in the same order', async () => {
    const queries: Record<string, string>[] = [{ category: '学校' }, { minLevel: '省级' }, { level: '县级', area: '530602' }, { status: '培育,申报' }, { year: '2022', area: '530626' }, { scheme: 'liujin' }]
    for (const query of queries) {
      const ids = await exportedIds(query)
      expect(ids.length, JSON.stringify(query)).toBeGreaterThan(0)
      expect(ids, JSON.stringify(query)).toEqual(await listedIds(query))
    }
  })

  test(`anonymous callers get ${SENSITIVE} units listed but without name, place, address or notes; signed in, with them`, async () => {
    const secret = store.snapshot().units.filter((u) => u.category === SENSITIVE)
    expect(secret.length).toBeGreaterThan(0)
    for (const format of ['csv', 'geojson']) {
      const text = new TextDecoder().decode((await exported({ category: SENSITIVE, format })).bytes)
      for (const unit of secret) {
        expect(text).not.toContain(unit.name)
        expect(text).not.toContain(String(unit.lon))
        expect(text).not.toContain(String(unit.lat))
        if (unit.notes !== '') expect(text).not.toContain(unit.notes)
      }
      expect(text.split(`${SENSITIVE}（不公开）`)).toHaveLength(secret.length + 1) // each still listed once
      const full = new TextDecoder().decode((await exported({ category: SENSITIVE, format }, admin)).bytes)
      for (const unit of secret) expect(full).toContain(unit.name)
      expect(full).toContain(String(secret[0].lon))
    }
  })

  test('contacts go to signed-in callers only; a ledger id goes with every unit that is not redacted', async () => {
    const units = store.snapshot().units
    const school = units.find((u) => u.category === '学校')!
    const temple = units.find((u) => u.category === SENSITIVE)!
    const withIds = [school, temple].map(({ id, history: _h, ...fields }, i) => ({ ...fields, contact: `张${i} 1380000000${i}`, externalId: `ZT-${i}`, updates: id }))
    const { app: own, store: ownStore } = demoApp()
    ownStore.imports.commitUnits(withIds, { fileName: 'ids.csv', options: {}, report: {}, actor: 'test' })
    const ownAdmin = await signIn(own, 'admin', ADMIN_PASSWORD)
    const csv = async (cookie?: string) => {
      const answer = await own.request('/api/units/export?format=csv', { headers: cookie ? { Cookie: cookie } : {} })
      return answer.text()
    }
    const anonymous = await csv()
    expect(anonymous).toContain('ZT-0')
    expect(anonymous).not.toContain('ZT-1') // the redacted temple's
    expect(anonymous).not.toContain('1380000000')
    const signedIn = await csv(ownAdmin)
    for (const text of ['ZT-0', 'ZT-1', '张0 13800000000', '张1 13800000001']) expect(signedIn).toContain(text)
    ownStore.close()
  })

  test('a bad format, level, area or scheme is refused naming the parameter and what was expected', async () => {
    const refusal = async (query: Record<string, string>) => {
      const answer = await app.request(`/api/units/export?${new URLSearchParams(query)}`)
      return { status: answer.status, error: ((await answer.json()) as { error: { code: string; message: string } }).error }
    }
    expect(await refusal({ format: 'json' })).toEqual({
      status: 400,
      error: { code: 'bad_request', message: 'format: "json" is not valid (expected one of csv, xlsx, geojson)' },
    })
    const level = await refusal({ level: 'county' })
    expect(level.status).toBe(400)
    expect(level.error.message).toContain('level: "county" is not valid')
    expect(await refusal({ area: '530699' })).toMatchObject({ status: 404, error: { message: 'area: 530699 does not exist in the store' } })
    const scheme = await refusal({ scheme: 'nope' })
    expect(scheme.status).toBe(400)
    expect(scheme.error.message).toContain('scheme: "nope" does not exist (expected one of: qijin')
  })
})

describe('the round trip: an exported file imports back unchanged', () => {
  /** A dry run of the import with duplicates 'merge', as an admin (anonymous uploads are rate-limited). */
  async function dryRunMerge(bytes: Uint8Array<ArrayBuffer>, fileName: string, scheme: string): Promise<ImportReport> {
    const form = new FormData()
    form.set('file', new File([bytes], fileName))
    form.set('scheme', scheme)
    form.set('duplicates', 'merge')
    const answer = await app.request('/api/import/units', { method: 'POST', body: form, headers: { Cookie: admin, Origin: OWN_ORIGIN } })
    expect(answer.status).toBe(200)
    const result = (await answer.json()) as { dryRun: boolean; report: ImportReport }
    expect(result.dryRun).toBe(true)
    return result.report
  }

  const FIELDS = ['name', 'category', 'level', 'status', 'yearNamed', 'lon', 'lat', 'areaCode', 'address', 'contact', 'notes'] as const satisfies readonly (keyof UnitFields)[]

  /**
   * Every row merges into the unit it was exported from, and the fields the merge would write equal the stored
   * ones — but for units whose point and ledger area disagree (GET /api/units/issues): the store holds them,
   * the import refuses them, naming the disagreement, so the file shows the problem instead of hiding it.
   */
  async function expectUnchanged(report: ImportReport, ids: readonly number[]) {
    const issues = new Set(((await (await app.request('/api/units/issues', { headers: { Cookie: admin } })).json()).issues as { unitId: number }[]).map((i) => i.unitId))
    const stored = new Map(store.snapshot().units.map((u) => [u.id, u]))
    expect(report.totals.ignored).toBe(0)
    expect(report.rows).toHaveLength(ids.length)
    let merged = 0
    let refused = 0
    for (const [i, row] of report.rows.entries()) {
      const id = ids[i]
      if (issues.has(id)) {
        expect(row.status).toBe('rejected')
        expect(row.messages.join()).toContain('不在所报区域')
        refused++
        continue
      }
      expect(row.status, row.messages.join()).toBe('warning')
      expect(row.messages, row.messages.join()).toHaveLength(1)
      expect(row.messages[0]).toContain('将合并')
      expect(row.unit?.mergeInto).toBe(id)
      const unit = stored.get(id)!
      for (const field of FIELDS) expect(row.unit?.[field], `unit ${id} ${field}`).toEqual(unit[field])
      expect(row.unit?.externalId).toBe(store.units.externalIds().get(id) ?? null)
      merged++
    }
    expect(merged).toBeGreaterThan(0)
    return { merged, refused }
  }

  test('CSV, as a signed-in user exports it, 七进 units of the whole prefecture', async () => {
    const query = { scheme: 'qijin' }
    const ids = await exportedIds(query, admin)
    expect(ids.length).toBeGreaterThan(400)
    const { bytes } = await exported({ ...query, format: 'csv' }, admin)
    const { merged, refused } = await expectUnchanged(await dryRunMerge(bytes, 'units.csv', 'qijin'), ids)
    expect({ merged, refused }).toEqual({ merged: ids.length - 1, refused: 1 }) // 乌峰民族团结示范街区: its point lies elsewhere
  }, 60_000)

  test('XLSX: the import reader reads the cells the CSV holds, and the rows merge unchanged', async () => {
    const query = { scheme: 'liujin', area: '530602' }
    const ids = await exportedIds(query, admin)
    const csv = await readUnitFile((await exported({ ...query, format: 'csv' }, admin)).bytes, 'units.csv')
    const { bytes } = await exported({ ...query, format: 'xlsx' }, admin)
    const xlsx = await readUnitFile(bytes, 'units.xlsx')
    expect(xlsx.format).toBe('xlsx')
    expect(xlsx.rows.map((r) => r.cells)).toEqual(csv.rows.map((r) => r.cells))
    await expectUnchanged(await dryRunMerge(bytes, 'units.xlsx', 'liujin'), ids)
  }, 60_000)

  test('GeoJSON: the points and properties merge unchanged', async () => {
    const query = { scheme: 'qijin', area: '530626' }
    const ids = await exportedIds(query, admin)
    const { bytes } = await exported({ ...query, format: 'geojson' }, admin)
    await expectUnchanged(await dryRunMerge(bytes, 'units.geojson', 'qijin'), ids)
  }, 60_000)
})
