// Control characters and bidi formatting characters (U+202E and friends) are refused in names and other
// free text: at import, row by row, and in JSON write bodies, naming the field and the code point.
import { describe, expect, test } from 'vitest'
import { controlCharacterIn, plainTextProblem } from '../../../server/text/plain-text'
import { ADMIN_PASSWORD, demoApp, jsonRequest, OWN_ORIGIN, signIn } from '../demo-app'

// The first import of a run starts the parse workers, which can take seconds on a loaded machine.
const IMPORT_TIMEOUT_MS = 30_000
const ORIGIN = { Origin: OWN_ORIGIN } // writes with the session cookie come from the atlas's own pages
const RLO = '\u202e'

describe('controlCharacterIn', () => {
  test('finds C0, C1 and bidi formatting characters, naming the code point; line breaks only where allowed', () => {
    expect(controlCharacterIn('绥江县中城镇中学')).toBeNull()
    expect(controlCharacterIn(`中学${RLO}gpj.exe`)).toEqual({ codePoint: 'U+202E', description: 'bidi control: right-to-left override', index: 2 })
    for (const [char, codePoint] of [['\u200e', 'U+200E'], ['\u200f', 'U+200F'], ['\u202a', 'U+202A'], ['\u2066', 'U+2066'], ['\u2069', 'U+2069'], ['\u0000', 'U+0000'], ['\u0007', 'U+0007'], ['\u007f', 'U+007F'], ['\u0085', 'U+0085'], ['\u009b', 'U+009B']]) {
      expect(controlCharacterIn(`a${char}b`)?.codePoint).toBe(codePoint)
    }
    expect(controlCharacterIn('第一行\n第二行\t制表')?.codePoint).toBe('U+000A')
    expect(controlCharacterIn('第一行\r\n第二行\t制表', { lineBreaks: true })).toBeNull()
    expect(controlCharacterIn(`第一行\n${RLO}`, { lineBreaks: true })?.codePoint).toBe('U+202E')
    expect(plainTextProblem(`x${RLO}`)).toBe('contains the control character U+202E (bidi control: right-to-left override); remove it')
  })
})

function upload(text: string, fields: Record<string, string> = {}): RequestInit {
  const form = new FormData()
  form.set('file', new File([new TextEncoder().encode(text)], '台账.csv'))
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  return { method: 'POST', body: form }
}

describe('importing units', { timeout: IMPORT_TIMEOUT_MS }, () => {
  test('a name, address, contact, notes or 编号 with a control character rejects the row, naming the row and the code point', async () => {
    const { app } = demoApp()
    const csv = [
      '单位名称,创建类别,行政区划代码,地址,联系人,备注,编号',
      `绥江县${RLO}中城镇中学,进学校,530626101,,,,`, // 第2行
      '南岸镇人民政府,进机关,530626102,金江路\u00078号,,,', // 第3行
      '新滩镇中学,进学校,530626103,,张\u200f老师,,', // 第4行
      '板栗镇中学,进学校,530626104,,,说明\u2066,', // 第5行
      '会仪镇中学,进学校,530626105,,,,SJ\u0000-9', // 第6行
      '中城镇小学,进学校,530626101,"金江路\n9号",,"第一行\n第二行",SJ-10', // 第7行: line breaks in an address or a note are fine
    ].join('\n')
    const answer = await app.request('/api/import/units', upload(csv))
    expect(answer.status).toBe(200)
    const { report } = await answer.json()
    const row = (n: number) => report.rows.find((r: { row: number }) => r.row === n)
    expect(row(2)).toMatchObject({ status: 'rejected' })
    // A name with a control character is not put in the label: it would reorder the message reporting it.
    expect(row(2).messages).toContain('第2行：单位名称 contains the control character U+202E (bidi control: right-to-left override); remove it')
    expect(row(3).messages).toContain('第3行（南岸镇人民政府）：地址 contains the control character U+0007 (C0 control); remove it')
    expect(row(4).messages).toContain('第4行（新滩镇中学）：联系人 contains the control character U+200F (bidi control: right-to-left mark); remove it')
    expect(row(5).messages).toContain('第5行（板栗镇中学）：备注 contains the control character U+2066 (bidi control: left-to-right isolate); remove it')
    expect(row(6).messages).toContain('第6行（会仪镇中学）：编号 contains the control character U+0000 (C0 control: null); remove it')
    for (const n of [3, 4, 5, 6]) expect(row(n).status, `第${n}行`).toBe('rejected')
    expect(row(7).status).not.toBe('rejected')
  })
})

describe('JSON write bodies', () => {
  async function signedIn() {
    const demo = demoApp()
    const admin = await signIn(demo.app, 'admin', ADMIN_PASSWORD)
    return { ...demo, admin }
  }
  const errorOf = async (answer: Response) => {
    expect(answer.status).toBe(400)
    return ((await answer.json()) as { error: { code: string; message: string } }).error
  }

  test('a corridor name (or note) with a bidi override is a 400 naming the field; nothing is saved', async () => {
    const { app, store, admin } = await signedIn()
    const snapshot = store.snapshot()
    const [a, b] = snapshot.units.filter((u) => snapshot.unitAreas.get(u.id)?.startsWith('530626'))
    const before = store.corridors.list().length
    const named = await errorOf(await app.request('/api/corridors', jsonRequest('POST', { name: `金沙江${RLO}走廊`, unitIds: [a.id, b.id] }, admin, ORIGIN)))
    expect(named.message).toMatch(/^name: .*contains the control character U\+202E/)
    expect(named.message).not.toContain(RLO) // the echoed value is escaped, so the message reads in order
    expect(named.message).toContain('金沙江\\u202e走廊')
    const noted = await errorOf(await app.request('/api/corridors', jsonRequest('POST', { name: '金沙江走廊', note: `沿江\u2067`, unitIds: [a.id, b.id] }, admin, ORIGIN)))
    expect(noted.message).toMatch(/^note: .*contains the control character U\+2067/)
    expect(store.corridors.list()).toHaveLength(before)
  })

  test('a scenario name with a bidi override is a 400 naming the field; nothing is saved', async () => {
    const { app, store, admin } = await signedIn()
    const answer = await app.request('/api/plan/scenarios', jsonRequest('POST', { name: `方案${RLO}A`, request: { area: '530626', sites: 2, radiusKm: 3 } }, admin, ORIGIN))
    expect((await errorOf(answer)).message).toMatch(/^name: .*contains the control character U\+202E/)
    expect(store.plans.list()).toEqual([])
  })

  test('a username with a bidi override is a 400 naming the field and the code point', async () => {
    const { app, store, admin } = await signedIn()
    const answer = await app.request('/api/users', jsonRequest('POST', { username: `admin${RLO}1`, password: 'a-good-password-9', role: 'editor', areaScope: '530626' }, admin, ORIGIN))
    expect((await errorOf(answer)).message).toMatch(/^username: .*contains the control character U\+202E/)
    expect(store.accounts.userByName(`admin${RLO}1`)).toBeFalsy()
  })

  test('a screen token label and a screen profile name or title with a bidi override are 400s naming the field', async () => {
    const { app, admin } = await signedIn()
    const token = await app.request('/api/screen-tokens', jsonRequest('POST', { label: `一楼${RLO}大厅` }, admin, ORIGIN))
    expect((await errorOf(token)).message).toMatch(/^label: .*U\+202E/)
    const named = await app.request('/api/screen-profiles/hall-b', jsonRequest('PUT', { name: `大厅${RLO}`, config: {} }, admin, ORIGIN))
    expect((await errorOf(named)).message).toMatch(/^name: .*U\+202E/)
    const titled = await app.request('/api/screen-profiles/hall-b', jsonRequest('PUT', { name: '大厅', config: { title: `态势${RLO}` } }, admin, ORIGIN))
    expect((await errorOf(titled)).message).toMatch(/^config\.title: .*U\+202E/)
  })

  test('plain names still pass', async () => {
    const { app, admin } = await signedIn()
    const answer = await app.request('/api/plan/scenarios', jsonRequest('POST', { name: '方案 A（绥江）', request: { area: '530626', sites: 2, radiusKm: 3 } }, admin, ORIGIN))
    expect(answer.status).toBe(201)
    const user = await app.request('/api/users', jsonRequest('POST', { username: 'zhang.san-2', password: 'a-good-password-9', role: 'viewer' }, admin, ORIGIN))
    expect(user.status).toBe(201)
  })
})

describe('importing area boundaries', { timeout: IMPORT_TIMEOUT_MS }, () => {
  test('an area name with a bidi override rejects the feature, naming the code point', async () => {
    const { app } = demoApp()
    const square = { type: 'Polygon', coordinates: [[[104.0, 28.5], [104.01, 28.5], [104.01, 28.51], [104.0, 28.51], [104.0, 28.5]]] }
    const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 代码: '530626101201', 名称: `新${RLO}村` }, geometry: square }] })
    const form = new FormData()
    form.set('file', new File([new TextEncoder().encode(geojson)], '新村.geojson'))
    form.set('level', 'village')
    const { report } = await (await app.request('/api/import/areas', { method: 'POST', body: form })).json()
    expect(report.rows[0].status).toBe('rejected')
    expect(report.rows[0].messages).toContain('第1个要素：名称 contains the control character U+202E (bidi control: right-to-left override); remove it')
  })
})
