import { describe, expect, test } from 'vitest'
import type { Revalidated } from '../../../web/api/client'
import { RevalidatingCache } from '../../../web/screen/screen-feed'

/** A fake conditional endpoint: answers 304 when the caller's ETag matches the current version. */
function endpoint<T>(initial: T) {
  let body = initial
  let version = 1
  const seen: (string | null)[] = []
  return {
    seen,
    set(next: T) {
      body = next
      version++
    },
    load: async (etag: string | null): Promise<Revalidated<T>> => {
      seen.push(etag)
      const tag = `"v${version}"`
      return etag === tag ? { changed: false, etag } : { changed: true, body, etag: tag }
    },
  }
}

describe('RevalidatingCache', () => {
  test('sends the ETag back; an unchanged answer returns the very same body object', async () => {
    const cache = new RevalidatingCache()
    const api = endpoint({ total: 1 })
    const first = await cache.get('k', api.load)
    const second = await cache.get('k', api.load)
    expect(first.changed).toBe(true)
    expect(second).toEqual({ body: first.body, changed: false })
    expect(second.body).toBe(first.body)
    expect(api.seen).toEqual([null, '"v1"'])
    api.set({ total: 2 })
    expect(await cache.get('k', api.load)).toEqual({ body: { total: 2 }, changed: true })
  })

  test('a failed load leaves the last good body in place', async () => {
    const cache = new RevalidatingCache()
    const api = endpoint('good')
    await cache.get('k', api.load)
    await expect(cache.get('k', async () => Promise.reject(new TypeError('Failed to fetch')))).rejects.toThrow('Failed to fetch')
    expect(await cache.get('k', api.load)).toEqual({ body: 'good', changed: false })
  })

  test('retain forgets keys no longer asked for, so a long-running screen does not grow', async () => {
    const cache = new RevalidatingCache()
    for (const key of ['2020', '2021', '2022']) await cache.get(key, endpoint(key).load)
    cache.retain(new Set(['2022']))
    expect(cache.size).toBe(1)
  })
})
