// Fuzz every API route: no request, however malformed, may get a 5xx, and every error answer has the
// one error shape { error: { code, message } }. Seeded (FUZZ_SEED, default 20261123) and bounded: a fixed
// number of requests per route and caller, well under 20 s on two cores.
//
// What it sends, to every route found in app.routes (method + path; path params filled with odd values):
//   callers      anonymous; an admin session; a viewer session; a forged session cookie; a live screen
//                token (Bearer); a garbage Bearer token; and the same on a private atlas (requireLogin)
//   path params  0, -1, 1, 2^64, 1e308, NaN, 'abc', '%00', '%E4%B8%AD' (中), emoji, '..%2F..', 300 × 'a',
//                '%ZZ' (broken escape), '__proto__', a 16-character token-id-like string
//   query        known parameter names (area, level, parent, scheme, minLevel, status, year, category,
//                limit, before, entity, format, paper, dpi, size, view, …) and random ones, with values:
//                '', %00, unicode (中文, emoji, RTL, combining marks, lone surrogates as %ED%A0%80),
//                5 000-character strings, numbers out of range (-1, 0, 1e309, 2^64, NaN, Infinity, 0x10,
//                1.5), area codes of every length, '[]', '{}', '__proto__', repeated keys (a=1&a=2),
//                array syntax (a[]=1), broken percent escapes (%ZZ, %E4%B8), '+' and '&&&', ';'
//   bodies       malformed JSON ('{', '{"a":', trailing commas, single quotes, NaN, 1e999, deep nesting
//                2 000 levels, a 4 MB string, invalid UTF-8 bytes, a BOM), JSON of the wrong type (null,
//                [], "str", 42, {"__proto__": …}), fields of the wrong type for every known field name
//   content type JSON as text/plain, application/xml, form-urlencoded junk, multipart without a boundary,
//                multipart whose boundary never appears, a missing content type, charset=gb18030
//   multipart    random fields and files: random bytes, a CSV header only, GBK bytes, a zip signature,
//                an empty file, a file named '../../etc/passwd', dryRun true/false/odd, unknown options
import type { FeatureCollection } from 'geojson'
import { afterAll, describe, expect, test } from 'vitest'
import { createApp, type SecurityOptions } from '../../../server/app'
import { hashPassword } from '../../../server/auth/passwords'
import { newToken, tokenHash } from '../../../server/auth/tokens'
import { openTestStore } from '../test-store'
import { ExportQueue } from '../../../server/export/queue'
import type { ExportRenderer, RenderResult } from '../../../server/export/renderer'
import { pick, seededRandom, type Random } from '../../../server/geo/prng'
import { ADMIN_PASSWORD, signIn, TODAY } from '../demo-app'

const SEED = Number(process.env.FUZZ_SEED ?? 20261123)
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 6) // requests per route × caller
const HOST = 'http://localhost'

/** A renderer that answers at once: the fuzz test checks the routes, not Chromium. */
function stubExporter() {
  const result: RenderResult = { bytes: Buffer.from('stub'), pages: 1, widthPx: 1, heightPx: 1, sheets: ['530600'] }
  const renderer = { render: async () => result } as unknown as ExportRenderer
  return { renderer, queue: new ExportQueue(renderer, { maxQueued: 100_000 }) }
}

function fuzzApp(security: SecurityOptions) {
  const now = () => new Date(`${TODAY}T09:00:00Z`)
  const store = openTestStore({ now })
  store.accounts.createUser({ username: 'viewer1', passwordHash: hashPassword('viewer-password-9'), role: 'viewer', areaScope: null }, 'test')
  const token = newToken()
  store.screenTokens.create(tokenHash(token), 'fuzz', 'test')
  const app = createApp({ store, version: 'fuzz', now, log: () => {}, security, exporter: stubExporter() })
  return { app, store, token }
}

const PARAM_VALUES = ['0', '-1', '1', '18446744073709551616', '1e308', 'NaN', 'abc', '%00', '%E4%B8%AD', '%F0%9F%98%80', '..%2F..', 'a'.repeat(300), '%ZZ', '__proto__', 'AAAAAAAAAAAAAAAA', 'hall-a']

const QUERY_KEYS = ['area', 'level', 'parent', 'scheme', 'minLevel', 'status', 'year', 'category', 'limit', 'before', 'entity', 'format',
  'paper', 'orientation', 'dpi', 'size', 'view', 'atlasBy', 'title', 'reviewNumber', 'sites', 'radiusKm', 'id', 'token', 'dryRun', 'x', '__proto__', '中文', '']

const ODD_VALUES = ['', '%00', 'a%00b', '中文', '%F0%9F%92%A9', '%E2%80%AE%E4%B8%AD', 'e%CC%81%CC%81%CC%81', '%ED%A0%80', 'x'.repeat(5000), '-1', '0', '1e309',
  '18446744073709551616', 'NaN', 'Infinity', '0x10', '1.5', '530626', '530626101', '530626101001', '5306', '[]', '{}', '__proto__',
  '%ZZ', '%E4%B8', '+', '&&&', ';', '县级', '国家', '命名,复查', ',,,', 'qijin', 'county', 'township', 'village', 'json', 'csv', 'png', 'pdf',
  'A4', 'A3', '300', '宗教活动场所', 'true', 'false', '<script>alert(1)</script>', "' OR 1=1 --"]

const FIELD_NAMES = ['username', 'password', 'currentPassword', 'newPassword', 'role', 'areaScope', 'disabled', 'name', 'config', 'label', 'area',
  'sites', 'radiusKm', 'demand', 'candidates', 'required', 'unitIds', 'reason', 'request', 'result', 'level', 'scheme', 'minLevel', 'title', 'panels']

const ODD_JSON_VALUES: unknown[] = [null, true, 0, -1, 1e308, -0, 2 ** 53 + 1, '', ' ', 'x'.repeat(10_000), '\u0000', '中文', '😀', [], [null], {},
  { a: { b: { c: [] } } }, ['admin'], 'admin', '530626', '宗教活动场所', Number.MAX_SAFE_INTEGER]

const MALFORMED_JSON = ['{', '{"a":', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":1e999}', '[' .repeat(2000) + ']'.repeat(2000), '{"a":"\\ud800"}',
  'null', '[]', '"str"', '42', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '\uFEFF{"a":1}', '']

interface Attempt {
  method: string
  path: string
  init: RequestInit
  what: string
}

function fillParams(random: Random, path: string): string {
  return path.replace(/:[A-Za-z]+/g, () => pick(random, PARAM_VALUES)).replace(/\*$/, pick(random, ['', 'x', '%00', '..']))
}

function oddQuery(random: Random): string {
  const parts: string[] = []
  const n = Math.floor(random() * 5)
  for (let i = 0; i < n; i++) {
    const key = pick(random, QUERY_KEYS)
    const value = pick(random, ODD_VALUES)
    const style = random()
    if (style < 0.15) parts.push(`${key}=${value}`, `${key}=${pick(random, ODD_VALUES)}`) // a=1&a=2
    else if (style < 0.25) parts.push(`${key}[]=${value}`)
    else if (style < 0.3) parts.push(key) // no '='
    else parts.push(`${encodeURIComponent(key)}=${value}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

function oddObject(random: Random): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  const n = 1 + Math.floor(random() * 5)
  for (let i = 0; i < n; i++) object[pick(random, FIELD_NAMES)] = pick(random, ODD_JSON_VALUES)
  return object
}

function oddBytes(random: Random, length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(length))
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256)
  return bytes
}

function oddBody(random: Random): { body: BodyInit | undefined; contentType: string | undefined; what: string } {
  const kind = Math.floor(random() * 9)
  switch (kind) {
    case 0:
      return { body: pick(random, MALFORMED_JSON), contentType: 'application/json', what: 'malformed JSON' }
    case 1:
      return { body: JSON.stringify(oddObject(random)), contentType: 'application/json', what: 'JSON with odd field values' }
    case 2:
      return { body: JSON.stringify(oddObject(random)), contentType: pick(random, ['text/plain', 'application/xml', undefined, 'application/json; charset=gb18030', 'application/x-www-form-urlencoded']), what: 'JSON with a wrong content type' }
    case 3:
      return { body: oddBytes(random, 1 + Math.floor(random() * 2000)), contentType: 'application/json', what: 'random bytes as JSON' }
    case 4:
      return { body: 'a=1&a=2&%ZZ=%00&file=x', contentType: 'application/x-www-form-urlencoded', what: 'form-urlencoded junk' }
    case 5:
      return { body: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc', contentType: pick(random, ['multipart/form-data', 'multipart/form-data; boundary=never-there']), what: 'broken multipart' }
    case 6: {
      const form = new FormData()
      const files: [string, BlobPart][] = [
        ['random.csv', oddBytes(random, Math.floor(random() * 4000))],
        ['header.csv', 'name,category,level,lon,lat,area\n'],
        ['gbk.csv', new Uint8Array([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xc0, 0xe0, 0xb1, 0xf0, 0x0a, 0xd1, 0xa7])],
        ['fake.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...oddBytes(random, 200)])],
        ['empty.csv', ''],
        ['../../etc/passwd', 'root:x:0:0'],
      ]
      const [name, content] = pick(random, files)
      if (random() < 0.8) form.append(pick(random, ['file', 'file', 'upload', '']), new File([content], name))
      const n = Math.floor(random() * 4)
      for (let i = 0; i < n; i++) form.append(pick(random, ['dryRun', 'scheme', 'crs', 'encoding', 'sheet', 'duplicates', 'level', 'x']), pick(random, ODD_VALUES))
      return { body: form, contentType: undefined, what: 'random multipart' } // fetch sets the boundary
    }
    case 7:
      return { body: 'x'.repeat(4 << 20), contentType: 'application/json', what: 'a 4 MB body' }
    default:
      return { body: undefined, contentType: pick(random, ['application/json', undefined]), what: 'no body' }
  }
}

function attemptsFor(random: Random, method: string, path: string, rounds: number): Attempt[] {
  const attempts: Attempt[] = []
  for (let i = 0; i < rounds; i++) {
    const url = fillParams(random, path) + oddQuery(random)
    const headers: Record<string, string> = {}
    let init: RequestInit = { method, headers }
    let what = 'query'
    if (method !== 'GET' && method !== 'HEAD') {
      const { body, contentType, what: bodyWhat } = oddBody(random)
      if (contentType) headers['Content-Type'] = contentType
      init = { method, headers, body }
      what = bodyWhat
    }
    attempts.push({ method, path: url, init, what })
  }
  return attempts
}

/** Every concrete route (not middleware) under /api, once per method and path. */
function routesOf(app: { routes: { method: string; path: string }[] }): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>()
  for (const r of app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/')) continue
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path })
  }
  return [...seen.values()]
}

interface Failure {
  request: string
  what: string
  caller: string
  status: number
  body: string
}

async function checkAnswer(answer: Response, context: Omit<Failure, 'status' | 'body'>, failures: Failure[]): Promise<void> {
  const text = await answer.text()
  const fail = () => void failures.push({ ...context, status: answer.status, body: text.slice(0, 300) })
  if (answer.status >= 500) return fail()
  if (answer.status < 400) return
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return fail()
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || error.message === '') return fail()
}

describe('fuzzing every API route', () => {
  const stores: { close(): void }[] = []
  afterAll(() => stores.forEach((s) => s.close()))

  for (const security of [{}, { requireLogin: true }] satisfies SecurityOptions[]) {
    test(`no 5xx and one error shape, ${security.requireLogin ? 'private atlas' : 'open atlas'}`, async () => {
      const { app, store, token } = fuzzApp(security)
      stores.push(store)
      const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
      const viewer = await signIn(app, 'viewer1', 'viewer-password-9')
      const callers: Record<string, Record<string, string>> = {
        anonymous: {},
        // With the atlas's own Origin, as its pages send writes: without it every cookie write is a 403 cross_origin.
        admin: { Cookie: admin, Origin: HOST },
        viewer: { Cookie: viewer, Origin: HOST },
        'forged cookie': { Cookie: 'atlas_session=forged%00value; atlas_session=2', Origin: HOST },
        'screen token': { Authorization: `Bearer ${token}` },
        'garbage bearer': { Authorization: 'Bearer \u00ff\u00fe' },
      }
      const random = seededRandom(SEED + (security.requireLogin ? 1 : 0))
      const routes = routesOf(app)
      expect(routes.length).toBeGreaterThan(20)
      const failures: Failure[] = []
      let sent = 0
      for (const route of routes) {
        // Signing in again and again would only trip the login limiter (429): fewer rounds there.
        const rounds = route.path === '/api/auth/login' ? 2 : ROUNDS
        for (const [caller, headers] of Object.entries(callers)) {
          for (const attempt of attemptsFor(random, route.method, route.path, rounds)) {
            const init = { ...attempt.init, headers: { ...(attempt.init.headers as Record<string, string>), ...headers } }
            let answer: Response
            try {
              answer = await app.request(`${HOST}${attempt.path}`, init)
            } catch (error) {
              failures.push({ request: `${attempt.method} ${attempt.path}`, what: attempt.what, caller, status: -1, body: String(error) })
              continue
            }
            sent++
            await checkAnswer(answer, { request: `${attempt.method} ${attempt.path.slice(0, 200)}`, what: attempt.what, caller }, failures)
          }
        }
      }
      // One line per distinct failure (route, status, code), with the first request that showed it.
      const distinct = new Map<string, Failure>()
      for (const f of failures) distinct.set(`${f.request.split('?')[0]} ${f.status} ${f.body.slice(0, 60)}`, distinct.get(`${f.request.split('?')[0]} ${f.status} ${f.body.slice(0, 60)}`) ?? f)
      expect([...distinct.values()], `${failures.length} of ${sent} requests failed`).toEqual([])
      expect(sent).toBeGreaterThan(routes.length * 20)
      // The store is still whole and answers.
      expect(store.health().ok).toBe(true)
      // (The admin's session may have been ended by a fuzzed logout: sign in afresh.)
      const again = await signIn(app, 'admin', ADMIN_PASSWORD)
      const units = (await (await app.request('/api/units', { headers: { Cookie: again } })).json()) as FeatureCollection
      expect(units.features.length).toBeGreaterThan(100)
    }, 60_000)
  }
})
