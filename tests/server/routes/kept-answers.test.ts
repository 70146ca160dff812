// Answers kept across unit writes (server/kept-across-writes.ts): after edits that move a unit across counties
// and change a status, coverage equals a report made from scratch on the same snapshot, and the units of a
// county no write touched keep their bytes and ETag while the touched county's change.
import { afterAll, describe, expect, test } from 'vitest'
import { coverageByArea, type CoverageReport } from '../../../server/geo/coverage'
import { demoApp, TODAY } from '../demo-app'

const { app, store } = demoApp()
afterAll(() => store.close())
const note = { actor: 'test', at: `${TODAY}T10:00:00.000Z`, reason: '' }

const QUERIES = [
  { path: 'level=county', query: { level: 'county' as const } },
  { path: 'level=township&parent=530626', query: { level: 'township' as const, parent: '530626' } },
  { path: 'level=township&parent=530681', query: { level: 'township' as const, parent: '530681' } },
  { path: 'level=prefecture', query: { level: 'prefecture' as const } },
]

async function coverage(path: string): Promise<CoverageReport> {
  return (await app.request(`/api/coverage?${path}`)).json()
}

describe('answers kept across unit writes', () => {
  test('coverage after edits equals a report made from scratch, for every level', async () => {
    for (const { path } of QUERIES) await coverage(path) // kept before the edits
    const snapshot = store.snapshot()
    const inSuijiang = snapshot.units.filter((u) => snapshot.unitAreas.get(u.id)?.startsWith('530626') && u.status === '命名' && u.lon !== null)
    const inShuifu = snapshot.units.find((u) => snapshot.unitAreas.get(u.id)?.startsWith('530681') && u.lon !== null)!
    const [moved, revoked] = inSuijiang
    store.units.update(moved.id, store.units.get(moved.id)!.version, { lon: inShuifu.lon, lat: inShuifu.lat, areaCode: inShuifu.areaCode }, note)
    for (const { path } of QUERIES) await coverage(path) // kept after the first edit, brought up to date by the second
    store.units.transition([{ id: revoked.id, from: '命名', to: '撤销' }], { ...note, reason: '测试撤销', document: '' })

    for (const { path, query } of QUERIES) {
      const expected = coverageByArea(store.snapshot(), { ...query, today: TODAY })
      expect(await coverage(path), path).toEqual(JSON.parse(JSON.stringify(expected)))
    }
    const counties = await coverage('level=county')
    const before = coverageByArea(snapshot, { level: 'county', today: TODAY })
    const total = (report: CoverageReport, code: string) => report.areas.find((a) => a.code === code)!.total
    expect(total(counties, '530626')).toBe(total(before, '530626') - 2)
    expect(total(counties, '530681')).toBe(total(before, '530681') + 1)
  })

  test("a county's units keep their ETag across a write elsewhere, and change with a write in it", async () => {
    const units = (area: string) => app.request(`/api/units/columns?area=${area}`)
    const [suijiang, zhaoyang] = [await units('530626'), await units('530602')]
    const snapshot = store.snapshot()
    const there = snapshot.units.find((u) => snapshot.unitAreas.get(u.id)?.startsWith('530602'))!
    store.units.update(there.id, store.units.get(there.id)!.version, { name: '昭阳区改名单位' }, note)

    const [suijiangAfter, zhaoyangAfter] = [await units('530626'), await units('530602')]
    expect(store.snapshot().version).toBeGreaterThan(snapshot.version)
    expect(suijiangAfter.headers.get('etag')).toBe(suijiang.headers.get('etag'))
    expect(await suijiangAfter.text()).toBe(await suijiang.text())
    expect(zhaoyangAfter.headers.get('etag')).not.toBe(zhaoyang.headers.get('etag'))
    expect(await zhaoyangAfter.text()).toContain('昭阳区改名单位')
  })
})
