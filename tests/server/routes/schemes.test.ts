// /api/schemes: GET for anyone, with each scheme's synonyms; the writes — a new scheme, its fields and order, a
// category added, renamed (its units follow), given synonyms or removed — for admins only (401, 403), with
// messages that name the bad value and what was expected; and an import that maps a stored synonym.
import { describe, expect, test } from 'vitest'
import type { Scheme } from '../../../server/shared/domain'
import { demoAppWithAccounts, jsonRequest, OWN_ORIGIN } from '../demo-app'

const { app, store, cookies } = demoAppWithAccounts()

interface Answer {
  schemes: Scheme[]
  scheme: Scheme
  renamed: { from: string; to: string; schemes: string[]; units: number; targets: number } | null
  error: { code: string; message: string }
}

async function send(method: string, path: string, body: unknown, cookie?: string) {
  const response = await app.request(path, jsonRequest(method, body, cookie))
  return { status: response.status, body: (await response.json()) as Answer }
}

async function schemes(): Promise<Scheme[]> {
  return ((await (await app.request('/api/schemes')).json()) as Answer).schemes
}

const categoryPath = (scheme: string, category: string) => `/api/schemes/${scheme}/categories/${encodeURIComponent(category)}`

const WUJIN = { id: 'wujin', name: '五进', note: '示例', categories: ['机关', '学校', '医院'], visitsPerYear: 2 }

/** Every write route with a body it would take. */
const WRITES: readonly [string, string, unknown][] = [
  ['POST', '/api/schemes', WUJIN],
  ['PATCH', '/api/schemes/qijin', { visitsPerYear: 4 }],
  ['POST', '/api/schemes/qijin/categories', { name: '医院' }],
  ['PATCH', categoryPath('qijin', '学校'), { synonyms: ['中小学'] }],
  ['DELETE', categoryPath('qijin', '连队'), {}],
]

describe('who may write', () => {
  test('anonymous callers get 401, the viewer and a scoped editor 403, on every write; nothing changes', async () => {
    const before = await schemes()
    for (const [method, path, body] of WRITES) {
      expect([method, path, (await send(method, path, body)).status]).toEqual([method, path, 401])
      for (const user of ['looker', 'suijiang']) {
        const refused = await send(method, path, body, cookies[user])
        expect([method, path, user, refused.status]).toEqual([method, path, user, 403])
        expect(refused.body.error.message).toBe(`用户 ${user} 不是管理员 (admin only)`)
      }
    }
    expect(await schemes()).toEqual(before)
  })

  test('a write with the admin’s cookie from another origin is refused', async () => {
    const response = await app.request('/api/schemes', jsonRequest('POST', WUJIN, cookies.admin, { Origin: 'https://evil.example' }))
    expect(response.status).toBe(403)
    expect(store.schemes.get('wujin')).toBeNull()
  })
})

describe('GET /api/schemes', () => {
  test('anyone reads every scheme with its categories in order and its synonyms (none yet)', async () => {
    const list = await schemes()
    expect(list.map((s) => s.id)).toEqual(['qijin', 'liujin', 'shijin-shicu'])
    expect(list[0]).toMatchObject({ name: '七进', categories: ['机关', '企业', '社区', '乡镇', '学校', '连队', '宗教活动场所'], synonyms: {} })
  })
})

describe('POST /api/schemes', () => {
  test('an admin creates a scheme: 201, audited, and listed at once', async () => {
    const { status, body } = await send('POST', '/api/schemes', WUJIN, cookies.admin)
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.scheme).toEqual({ ...WUJIN, isDefault: false, synonyms: {}, checklist: [] })
    expect((await schemes()).map((s) => s.id)).toEqual(['qijin', 'liujin', 'shijin-shicu', 'wujin'])
    expect(store.audit.list({ limit: 1, entity: 'scheme' })[0]).toMatchObject({ actor: 'admin', action: 'create', entityId: 'wujin' })
  })

  test('an id taken is a 409; bad shapes are 400s naming the value and what was expected', async () => {
    const taken = await send('POST', '/api/schemes', { ...WUJIN, name: '另一个' }, cookies.admin)
    expect([taken.status, taken.body.error.message]).toEqual([409, 'id: wujin already exists (scheme 五进)'])
    const cases: [unknown, string][] = [
      [{ ...WUJIN, id: 'Wu Jin' }, 'id: "Wu Jin" is not valid (expected a new scheme id of a–z, 0–9 and -, such as wujin)'],
      [{ ...WUJIN, id: 'w2', categories: ['学校', ' '] }, 'categories.1: " " is not valid (expected a category name such as 医院)'],
      [{ ...WUJIN, id: 'w2', categories: ['学校', '学校'] }, 'categories: ["学校","学校"] is not valid (学校 is given twice (expected each category once))'],
      [{ ...WUJIN, id: 'w2', categories: ['学校、社区'] }, 'categories.0: "学校、社区" is not valid (expected one name without , ， or 、 (they separate categories in lists))'],
      [{ ...WUJIN, id: 'w2', categories: [] }, 'categories: [] is not valid (expected at least one category)'],
      [{ ...WUJIN, id: 'w2', visitsPerYear: 99 }, 'visitsPerYear: 99 is not valid (expected a whole number of 督导 visits a year, 0–52)'],
      [{ ...WUJIN, id: 'w2', name: '' }, 'name: "" is not valid (expected a scheme name such as 七进)'],
    ]
    for (const [body, message] of cases) {
      const answer = await send('POST', '/api/schemes', body, cookies.admin)
      expect([answer.status, answer.body.error.message]).toEqual([400, message])
    }
    expect(store.schemes.get('w2')).toBeNull()
  })
})

describe('PATCH /api/schemes/:id', () => {
  test('name, note, visits a year and the order of the categories', async () => {
    const { status, body } = await send('PATCH', '/api/schemes/wujin', { name: '五进（试行）', visitsPerYear: 4, categories: ['医院', '学校', '机关'] }, cookies.admin)
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.scheme).toMatchObject({ name: '五进（试行）', note: '示例', visitsPerYear: 4, categories: ['医院', '学校', '机关'] })
    expect((await schemes()).find((s) => s.id === 'wujin')).toEqual(body.scheme)
  })

  test('a built-in scheme may be edited too', async () => {
    const { status, body } = await send('PATCH', '/api/schemes/liujin', { note: '奎屯市实施方案' }, cookies.admin)
    expect([status, body.scheme.note]).toEqual([200, '奎屯市实施方案'])
  })

  test('other categories than its own: 400; an unknown scheme: 404; nothing to change: 400', async () => {
    const other = await send('PATCH', '/api/schemes/wujin', { categories: ['学校', '机关'] }, cookies.admin)
    expect([other.status, other.body.error.message]).toEqual([400, 'categories: expected the categories of scheme wujin (医院, 学校, 机关) in a new order; missing 医院'])
    const unknown = await send('PATCH', '/api/schemes/sanjin', { name: '三进' }, cookies.admin)
    expect([unknown.status, unknown.body.error.message]).toEqual([404, 'scheme: sanjin does not exist (expected one of liujin, qijin, shijin-shicu, wujin)'])
    const empty = await send('PATCH', '/api/schemes/wujin', {}, cookies.admin)
    expect([empty.status, empty.body.error.message]).toEqual([400, 'request: {} is not valid (expected at least one of name, note, visitsPerYear, checklist, categories (the same ones in a new order))'])
  })
})

describe('POST /api/schemes/:id/categories', () => {
  test('appends a category with its synonyms: 201', async () => {
    const { status, body } = await send('POST', '/api/schemes/wujin/categories', { name: '社区', synonyms: ['居委会', '小区'] }, cookies.admin)
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.scheme).toMatchObject({ categories: ['医院', '学校', '机关', '社区'], synonyms: { 社区: ['居委会', '小区'] } })
  })

  test('a name taken: 409; an empty name: 400; an unknown scheme: 404', async () => {
    const taken = await send('POST', '/api/schemes/qijin/categories', { name: '学校' }, cookies.admin)
    expect([taken.status, taken.body.error.message]).toEqual([409, 'category: 学校 already exists in scheme qijin'])
    const synonym = await send('POST', '/api/schemes/wujin/categories', { name: '居委会' }, cookies.admin)
    expect([synonym.status, synonym.body.error.message]).toEqual([409, 'category: 居委会 is a synonym of 社区 in scheme wujin (rename 社区 instead, or take 居委会 from its synonyms first)'])
    const empty = await send('POST', '/api/schemes/qijin/categories', { name: '' }, cookies.admin)
    expect([empty.status, empty.body.error.message]).toEqual([400, 'name: "" is not valid (expected a category name such as 医院)'])
    expect((await send('POST', '/api/schemes/sanjin/categories', { name: '医院' }, cookies.admin)).status).toBe(404)
  })
})

describe('PATCH /api/schemes/:id/categories/:category', () => {
  test('sets synonyms; GET shows them', async () => {
    const { status, body } = await send('PATCH', categoryPath('qijin', '学校'), { synonyms: ['学校（中小学）', '中小学'] }, cookies.admin)
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body).toMatchObject({ renamed: null, scheme: { id: 'qijin', synonyms: { 学校: ['学校（中小学）', '中小学'] } } })
    expect((await schemes())[0].synonyms).toEqual({ 学校: ['学校（中小学）', '中小学'] })
  })

  test('renames: every unit of the old word follows with a new version and a kept edit; the old name becomes a synonym', async () => {
    const ids = store.snapshot().units.filter((u) => u.category === '连队').map((u) => u.id)
    expect(ids.length).toBeGreaterThan(0)
    const versions = ids.map((id) => store.units.get(id)!.version)
    const { status, body } = await send('PATCH', categoryPath('qijin', '连队'), { name: '兵团连队' }, cookies.admin)
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.renamed).toEqual({ from: '连队', to: '兵团连队', schemes: ['qijin'], units: ids.length, targets: 0 })
    expect(body.scheme.categories).toEqual(['机关', '企业', '社区', '乡镇', '学校', '兵团连队', '宗教活动场所'])
    expect(body.scheme.synonyms).toMatchObject({ 兵团连队: ['连队'] })
    for (const [i, id] of ids.entries()) {
      const unit = await app.request(`/api/units/${id}`)
      expect(unit.headers.get('etag')).toBe(`"${versions[i] + 1}"`)
      expect(store.units.get(id)!.category).toBe('兵团连队')
      expect(store.units.changes(id).at(-1)).toMatchObject({ by: 'admin', action: 'edit', before: { category: '连队' }, after: { category: '兵团连队' } })
    }
  })

  test('a name taken, a synonym of another category, an unknown category: 409, 409, 404', async () => {
    const taken = await send('PATCH', categoryPath('qijin', '学校'), { name: '机关' }, cookies.admin)
    expect([taken.status, taken.body.error.message]).toEqual([409, 'category: 机关 already exists in scheme qijin'])
    const other = await send('PATCH', categoryPath('qijin', '机关'), { synonyms: ['中小学'] }, cookies.admin)
    expect([other.status, other.body.error.message]).toEqual([409, 'synonyms: 中小学 is already a synonym of 学校 in scheme qijin'])
    const unknown = await send('PATCH', categoryPath('qijin', '医院'), { synonyms: [] }, cookies.admin)
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toBe('category: 医院 is not a category of scheme qijin (expected one of 机关, 企业, 社区, 乡镇, 学校, 兵团连队, 宗教活动场所)')
    // 宗教活动场所 is sensitive (the default ATLAS_SENSITIVE_CATEGORIES): a rename must not reveal its units.
    const sensitive = await send('PATCH', categoryPath('qijin', '宗教活动场所'), { name: '宗教场所' }, cookies.admin)
    expect([sensitive.status, sensitive.body.error.message]).toEqual([
      409,
      'name: 宗教场所 is not a sensitive category but 宗教活动场所 is (ATLAS_SENSITIVE_CATEGORIES): the rename would show the names and places of its units to callers not signed in; add 宗教场所 to ATLAS_SENSITIVE_CATEGORIES and restart first',
    ])
    expect(store.snapshot().units.some((u) => u.category === '宗教活动场所')).toBe(true)
    const nothing = await send('PATCH', categoryPath('qijin', '学校'), {}, cookies.admin)
    expect([nothing.status, nothing.body.error.message]).toEqual([400, 'request: {} is not valid (expected at least one of name (a rename), synonyms)'])
  })
})

describe('DELETE /api/schemes/:id/categories/:category', () => {
  test('refused while units or targets use it, saying how many: 409', async () => {
    const used = await send('DELETE', categoryPath('qijin', '学校'), {}, cookies.admin)
    const units = store.snapshot().units.filter((u) => u.category === '学校').length
    expect([used.status, used.body.error.message]).toEqual([
      409,
      `category: 学校 of scheme qijin is used by ${units} units and 1 target; move them to another category (or rename 学校) before removing it`,
    ])
  })

  test('an unused category goes: 200, with its synonyms', async () => {
    expect((await send('POST', '/api/schemes/qijin/categories', { name: '医院', synonyms: ['卫生院'] }, cookies.admin)).status).toBe(201)
    const { status, body } = await send('DELETE', categoryPath('qijin', '医院'), {}, cookies.admin)
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.scheme.categories).toEqual(['机关', '企业', '社区', '乡镇', '学校', '兵团连队', '宗教活动场所'])
    expect(body.scheme.synonyms).toEqual({ 学校: ['学校（中小学）', '中小学'], 兵团连队: ['连队'] })
  })
})

describe('imports honour the stored synonyms', () => {
  function ledger(category: string): RequestInit {
    const csv = `单位名称,创建类别,命名级别,命名年份,状态,所属乡镇（街道）\n绥江县示例中学,${category},县级,2020,命名,中城镇\n`
    const form = new FormData()
    form.set('file', new File([csv], '台账.csv'))
    form.set('scheme', 'qijin')
    return { method: 'POST', body: form, headers: { Cookie: cookies.admin, Origin: OWN_ORIGIN } }
  }

  test('a cell equal to a synonym maps to its category; a renamed category’s old name to the new one', { timeout: 30_000 }, async () => {
    const rows = async (category: string) => ((await (await app.request('/api/import/units', ledger(category))).json()) as { report: { rows: { status: string; unit?: { category: string }; messages: string[] }[] } }).report.rows
    expect((await rows('学校（中小学）'))[0].unit?.category).toBe('学校')
    expect((await rows('中小学'))[0].unit?.category).toBe('学校')
    expect((await rows('连队'))[0].unit?.category).toBe('兵团连队')
    const unknown = (await rows('学校（高中）'))[0]
    expect(unknown.status).toBe('rejected')
  })
})
