// The answer cache of the hot read routes: one answer per snapshot and query, never shared across
// callers who may see different things, dropped when the data changes, compressed when asked.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, test, vi } from 'vitest'
import { BROTLI_BEST_AFTER_MS, cachedJson, encodingsSettled, ifNoneMatchHolds, preferredEncoding } from '../../../server/http/snapshot-answers'
import { newToken, tokenHash } from '../../../server/auth/tokens'
import { unitRowsOf } from '../../../server/shared/unit-columns'
import { ADMIN_PASSWORD, demoApp, signIn, TODAY } from '../demo-app'

describe('cachedJson', () => {
  test('computes once per snapshot and key; another snapshot computes again', () => {
    let calls = 0
    const compute = () => ({ n: ++calls })
    const first = {}
    const a = cachedJson(first, 'k', compute)
    expect(cachedJson(first, 'k', compute)).toBe(a)
    expect(calls).toBe(1)
    expect(Buffer.from(a.body).toString()).toBe('{"n":1}')
    expect(a.etag).toMatch(/^"[0-9a-f]{40}"$/)
    cachedJson(first, 'other', compute)
    cachedJson({}, 'k', compute)
    expect(calls).toBe(3)
  })

  test('keeps at most maxEntries answers per snapshot, dropping the oldest', () => {
    const snapshot = {}
    let calls = 0
    for (const key of ['a', 'b', 'c']) cachedJson(snapshot, key, () => ++calls, { maxEntries: 2 })
    cachedJson(snapshot, 'c', () => ++calls, { maxEntries: 2 })
    expect(calls).toBe(3)
    cachedJson(snapshot, 'a', () => ++calls, { maxEntries: 2 })
    expect(calls).toBe(4)
  })

  test('Accept-Encoding: br preferred, then gzip; q=0 refuses', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(preferredEncoding('gzip')).toBe('gzip')
    expect(preferredEncoding('br;q=0, gzip;q=0.5')).toBe('gzip')
    expect(preferredEncoding('identity')).toBeNull()
    expect(preferredEncoding(undefined)).toBeNull()
  })
})

describe('the cache behind /api/units and /api/coverage', () => {
  test('a write replaces the snapshot: the next answer shows it', async () => {
    const { app, store } = demoApp()
    const path = '/api/units?area=530626&status=撤销'
    const before = await (await app.request(path)).json()
    const unit = store.snapshot().units.find((u) => u.status === '命名' && store.snapshot().unitsInArea.get('530626')?.includes(u))
    expect(unit).toBeDefined()
    store.units.transition([{ id: unit!.id, from: '命名', to: '撤销' }], { actor: 'test', reason: 'test', at: '2026-11-23T09:00:00Z', document: '' })
    const after = await (await app.request(path)).json()
    expect(after.features.length).toBe(before.features.length + 1)
  })

  test('a signed-in answer is never served to an anonymous caller, whatever the order', async () => {
    const { app } = demoApp()
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    const path = '/api/units?category=' + encodeURIComponent('宗教活动场所')
    const full = await (await app.request(path, { headers: { Cookie: cookie } })).json()
    const anonymous = await (await app.request(path)).json()
    expect(full.features.some((f: { geometry: unknown }) => f.geometry !== null)).toBe(true)
    expect(anonymous.features.every((f: { geometry: unknown }) => f.geometry === null)).toBe(true)
  })

  test('compressed answers decode to the same JSON, with their own ETag, and revalidate to 304', async () => {
    const { app } = demoApp()
    const path = '/api/coverage?level=township&parent=530626'
    const plain = await app.request(path)
    const text = await plain.text()
    for (const [encoding, decode] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
      const answer = await app.request(path, { headers: { 'Accept-Encoding': encoding } })
      expect(answer.headers.get('content-encoding')).toBe(encoding)
      expect(answer.headers.get('vary')).toContain('Accept-Encoding')
      const tag = answer.headers.get('etag')
      expect(tag).not.toBe(plain.headers.get('etag'))
      expect(decode(Buffer.from(await answer.arrayBuffer())).toString()).toBe(text)
      const again = await app.request(path, { headers: { 'Accept-Encoding': encoding, 'If-None-Match': tag! } })
      expect(again.status).toBe(304)
    }
  })

  test('brotli is redone at the best quality in the background once the answer has lasted: smaller, the same JSON, the same (weak) ETag', async () => {
    const { app, store } = demoApp()
    const path = '/api/units/columns?area=530600'
    const headers = { 'Accept-Encoding': 'br' }
    const kept = () => cachedJson(store.snapshot(), `units:columns:public:${JSON.stringify({ area: '530600' })}`, () => { throw new Error('not cached') })
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now())
      const first = await app.request(path, { headers })
      const firstBytes = Buffer.from(await first.arrayBuffer())
      expect(first.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{40}-br"$/)
      // Asked again at once (as under steady writes, before the next version replaces it): not refined.
      await app.request(path, { headers })
      expect(kept().recompressing).toBeUndefined()
      vi.setSystemTime(Date.now() + BROTLI_BEST_AFTER_MS)
      await app.request(path, { headers })
      await encodingsSettled(kept())
      const later = await app.request(path, { headers })
      const laterBytes = Buffer.from(await later.arrayBuffer())
      expect(laterBytes.byteLength).toBeLessThan(firstBytes.byteLength)
      expect(brotliDecompressSync(laterBytes).toString()).toBe(brotliDecompressSync(firstBytes).toString())
      expect(later.headers.get('etag')).toBe(first.headers.get('etag'))
      expect((await app.request(path, { headers: { ...headers, 'If-None-Match': first.headers.get('etag')! } })).status).toBe(304)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('ifNoneMatchHolds', () => {
  test('weak comparison over a list of tags; * matches; nothing sent matches nothing', () => {
    expect(ifNoneMatchHolds('W/"abc-br"', 'W/"abc-br"')).toBe(true)
    expect(ifNoneMatchHolds('"abc-br"', 'W/"abc-br"')).toBe(true)
    expect(ifNoneMatchHolds('"x", W/"abc"', '"abc"')).toBe(true)
    expect(ifNoneMatchHolds('"abc-gzip"', 'W/"abc-br"')).toBe(false)
    expect(ifNoneMatchHolds('*', '"abc"')).toBe(true)
    expect(ifNoneMatchHolds(undefined, '"abc"')).toBe(false)
    expect(ifNoneMatchHolds('', '"abc"')).toBe(false)
  })

  test('a 304 from the answer cache keeps the headers a cache needs and has no body', async () => {
    const { app } = demoApp()
    const path = '/api/units/columns?area=530626'
    const first = await app.request(path, { headers: { 'Accept-Encoding': 'br' } })
    const again = await app.request(path, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.get('etag')! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(again.headers.get('vary')).toContain('Accept-Encoding')
    expect(again.headers.get('cache-control')).toContain('private')
  })
})

describe('the cache key holds everything that changes the answer', () => {
  const SENSITIVE = '宗教活动场所'
  const path = `/api/units/columns?category=${encodeURIComponent(SENSITIVE)}`
  const br = { 'Accept-Encoding': 'br' }

  async function callers() {
    const { app, store } = demoApp()
    const token = newToken()
    store.screenTokens.create(tokenHash(token), '大厅', 'test')
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    return { app, store, as: { admin: { Cookie: admin }, screen: { Authorization: `Bearer ${token}` }, anonymous: {} } }
  }

  test('each audience gets its own answer and ETag, whoever asked first, and no 304 for another audience’s tag', async () => {
    for (const order of [['admin', 'screen', 'anonymous'], ['anonymous', 'screen', 'admin']] as const) {
      const { app, as } = await callers()
      const answers = new Map<string, { etag: string; located: number }>()
      for (const who of order) {
        const answer = await app.request(path, { headers: { ...br, ...as[who] } })
        const columns = JSON.parse(brotliDecompressSync(Buffer.from(await answer.arrayBuffer())).toString())
        answers.set(who, { etag: answer.headers.get('etag')!, located: unitRowsOf(columns).filter((u) => u.position !== null).length })
      }
      expect(answers.get('admin')!.located, order.join()).toBeGreaterThan(0)
      expect(answers.get('anonymous')!.located, order.join()).toBe(0)
      expect(answers.get('screen')!.located, order.join()).toBe(0)
      expect(answers.get('admin')!.etag).not.toBe(answers.get('anonymous')!.etag)
      const adminTag = answers.get('admin')!.etag
      for (const who of ['screen', 'anonymous'] as const) {
        expect((await app.request(path, { headers: { ...br, ...as[who], 'If-None-Match': adminTag } })).status, who).toBe(200)
      }
    }
  })

  test('a write to the units asked for changes the ETag; the old tag then gets a 200 with the new answer, the new one a 304', async () => {
    const { app, store, as } = await callers()
    const first = await app.request(path, { headers: { ...br, ...as.admin } })
    const oldTag = first.headers.get('etag')!
    const version = store.snapshot().version
    const unit = store.snapshot().units.find((u) => u.category === SENSITIVE)!
    store.units.update(unit.id, store.units.get(unit.id)!.version, { name: '改名的活动场所' }, { actor: 'test', at: `${TODAY}T10:00:00.000Z`, reason: '' })
    expect(store.snapshot().version).toBeGreaterThan(version)

    const stale = await app.request(path, { headers: { ...br, ...as.admin, 'If-None-Match': oldTag } })
    expect(stale.status).toBe(200)
    const newTag = stale.headers.get('etag')!
    expect(newTag).not.toBe(oldTag)
    expect(brotliDecompressSync(Buffer.from(await stale.arrayBuffer())).toString()).toContain('改名的活动场所')
    expect((await app.request(path, { headers: { ...br, ...as.admin, 'If-None-Match': newTag } })).status).toBe(304)
    expect((await app.request(path, { headers: { ...br, ...as.admin, 'If-None-Match': '"0000"' } })).status).toBe(200)
  })

  test('filters are part of the key: another filter on the same snapshot is another answer', async () => {
    const { app } = await callers()
    const all = await app.request('/api/units/columns?area=530626', { headers: br })
    const named = await app.request(`/api/units/columns?area=530626&status=${encodeURIComponent('命名')}`, { headers: br })
    expect(named.headers.get('etag')).not.toBe(all.headers.get('etag'))
    const count = async (answer: Response) => unitRowsOf(JSON.parse(brotliDecompressSync(Buffer.from(await answer.arrayBuffer())).toString())).length
    expect(await count(named)).toBeLessThan(await count(all))
  })
})
