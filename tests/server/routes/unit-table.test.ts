// GET /api/units/table: the same units as /api/units for the same filters, searched, sorted and paged on the
// server; a search never finds what the caller may not see; bad parameters are named.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TablePage } from '../../../server/ledger/unit-table'
import { pinyinInitials } from '../../../server/text/pinyin-initials'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn } from '../demo-app'

const { app, store } = demoApp()
afterAll(() => store.close())
let admin = ''
beforeAll(async () => {
  admin = await signIn(app, 'admin', ADMIN_PASSWORD)
})

async function table(query: string, cookie?: string): Promise<{ status: number; body: TablePage & { error?: { message: string } } }> {
  const response = await app.request(`/api/units/table?${query}`, cookie ? { headers: { Cookie: cookie } } : {})
  return { status: response.status, body: await response.json() }
}

const temple = store.snapshot().units.find((u) => u.category === '宗教活动场所' && u.lon !== null)!

describe('GET /api/units/table', () => {
  test('the filter selects what /api/units selects; a page holds `limit` rows with area names', async () => {
    const units = (await (await app.request('/api/units?area=530626&status=命名,复查')).json()) as { features: unknown[] }
    const { status, body } = await table('area=530626&status=命名,复查&limit=10')
    expect(status).toBe(200)
    expect(body.total).toBe(units.features.length)
    expect(body.rows).toHaveLength(10)
    expect(body.rows[0].areaName).toBeTruthy()
    expect(body.rows.map((r) => r.id)).toEqual([...body.rows.map((r) => r.id)].sort((a, b) => a - b))
  })

  test('sorting by name, both ways, and paging through without a gap or a repeat', async () => {
    const all = (await table('area=530626&sort=name&limit=500')).body
    const names = all.rows.map((r) => r.name)
    expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN', { numeric: true }).compare))
    const pages: number[] = []
    for (let offset = 0; offset < all.total; offset += 25) pages.push(...(await table(`area=530626&sort=name&offset=${offset}&limit=25`)).body.rows.map((r) => r.id))
    expect(pages).toEqual(all.rows.map((r) => r.id))
    const down = (await table('area=530626&sort=name&order=desc&limit=500')).body.rows.map((r) => r.id)
    expect(down).toEqual(all.rows.map((r) => r.id).reverse())
  })

  test('q searches name, address and area; level sorts by rank', async () => {
    const named = store.snapshot().units.find((u) => u.category === '学校')!
    const found = (await table(`q=${encodeURIComponent(named.name)}`)).body
    expect(found.rows.map((r) => r.id)).toContain(named.id)
    expect((await table('q=530626&limit=1')).body.total).toBeGreaterThan(0)
    const levels = (await table('sort=level&limit=500')).body.rows.map((r) => r.level).filter((l) => l !== null)
    const rank = ['县级', '市级', '省级', '国家级']
    expect(levels.map((l) => rank.indexOf(l!))).toEqual([...levels.map((l) => rank.indexOf(l!))].sort((a, b) => a - b))
  })

  test('latin letters also find a name by its pinyin initials (中学 → zx), read in context; a sensitive one only when signed in', async () => {
    const school = store.snapshot().units.find((u) => u.category === '学校' && u.name.includes('中学'))!
    const initials = pinyinInitials(school.name)
    expect(initials).toMatch(/^[a-z]+$/)
    expect(initials).toContain('zx')
    expect((await table(`q=${initials}&limit=500`)).body.rows.map((r) => r.id)).toContain(school.id)
    expect((await table(`q=${initials.toUpperCase()}&limit=500`)).body.rows.map((r) => r.id)).toContain(school.id)
    expect(pinyinInitials('重庆路社区')).toBe('cqlsq')
    const templeInitials = pinyinInitials(temple.name)
    expect((await table(`q=${templeInitials}&limit=500`)).body.rows.map((r) => r.id)).not.toContain(temple.id)
    expect((await table(`q=${templeInitials}&limit=500`, admin)).body.rows.map((r) => r.id)).toContain(temple.id)
  })

  test('anonymous: sensitive units are listed redacted, and their names are not searchable', async () => {
    const anonymous = (await table(`q=${encodeURIComponent(temple.name)}`)).body
    expect(anonymous.rows.map((r) => r.id)).not.toContain(temple.id)
    const admins = (await table(`q=${encodeURIComponent(temple.name)}`, admin)).body
    expect(admins.rows.map((r) => r.id)).toContain(temple.id)
    const listed = (await table('category=宗教活动场所&limit=500')).body.rows.find((r) => r.id === temple.id)!
    expect(listed).toMatchObject({ lon: null, lat: null, redacted: true, address: '' })
    expect(listed.name).not.toBe(temple.name)
  })

  test('after edits (renamed, moved to another county, revoked) the kept table answers as /api/units does', async () => {
    const byName = new Intl.Collator('zh-CN', { numeric: true })
    const expected = async (area: string) => {
      const units = (await (await app.request(`/api/units?area=${area}`, { headers: { Cookie: admin } })).json()) as { features: { properties: { id: number; name: string } }[] }
      return units.features.map((f) => f.properties).sort((a, b) => byName.compare(a.name, b.name) || a.id - b.id).map((p) => p.id)
    }
    const page = async (area: string) => (await table(`area=${area}&sort=name&limit=500`, admin)).body.rows.map((r) => r.id)
    expect(await page('530626')).toEqual(await expected('530626')) // the table is made and kept

    const [moved, renamed] = store.snapshot().units.filter((u) => u.areaCode?.startsWith('530626') && u.lon !== null)
    const target = store.snapshot().units.find((u) => u.areaCode?.startsWith('530602') && u.lon !== null)!
    const edit = async (id: number, change: object) => {
      const version = store.units.get(id)!.version
      const answer = await app.request(`/api/units/${id}`, jsonRequest('PATCH', change, admin, { 'If-Match': `"${version}"` }))
      expect(answer.status, await answer.clone().text()).toBe(200)
    }
    await edit(moved.id, { lon: target.lon, lat: target.lat, areaCode: target.areaCode })
    await edit(renamed.id, { name: '啊啊最先排到的单位' })
    for (const area of ['530626', '530602']) expect(await page(area)).toEqual(await expected(area))
    expect((await page('530626'))[0]).toBe(renamed.id)
    expect(await page('530602')).toContain(moved.id)
  })

  test('bad parameters are named with what was expected', async () => {
    const badSort = await table('sort=colour')
    expect(badSort.status).toBe(400)
    expect(badSort.body.error?.message).toContain('sort')
    expect((await table('limit=5000')).body.error?.message).toContain('at most 500')
    expect((await table('area=999999')).status).toBe(404)
  })
})
