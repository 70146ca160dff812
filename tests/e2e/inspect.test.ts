// /inspect on a phone (360×780) against the real server, offline in the middle: sign in as an inspector online,
// go offline, reload (the service worker opens the page), record two visits with a photo each, come back
// online with the session expired (sign in again, then the queue goes), and both visits and both photos are
// in the store exactly once; a replay of the whole sync adds nothing. Also: the dashboard is not under the service worker. Screenshots of the list, the form and the queue.
import { mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer, type RunningServer } from './harness'
import { apiCaller, readyInspector, recordVisit, signInOnPhone, statesOf, type ApiCaller } from './inspect-harness'

const ADMIN_PASSWORD = 'e2e-admin-password'
const INSPECTOR = { username: 'field-sj', password: 'Field-visit-2026!' }
const SHOTS = join(tmpdir(), 'atlas-inspect-shots')
let server: RunningServer | undefined
let browser: Browser | undefined
let context: BrowserContext | undefined
let api: ApiCaller

beforeAll(async () => {
  await ensureWebBuild()
  await mkdir(SHOTS, { recursive: true })
  server = await startServer({ env: { ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD } })
  api = apiCaller(server.url)
  await readyInspector(api, await api.sessionOf('admin', ADMIN_PASSWORD), INSPECTOR, '530626')
  browser = await launchBrowser()
  // 绥江县城 (中城镇): near the county's units.
  context = await browser.newContext({ viewport: { width: 360, height: 780 }, geolocation: { latitude: 28.592, longitude: 103.968, accuracy: 15 }, permissions: ['geolocation'] })
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.stop()
})

async function fieldVisits(cookie: string) {
  const { inspections } = (await api.call('GET', '/api/inspections?area=530626', cookie)) as { inspections: { clientId: string | null; createdBy: string; photos: { sha256: string }[] }[] }
  return inspections.filter((i) => i.createdBy === INSPECTOR.username)
}

test('offline: reload from the service worker, two visits with photos queued, synced once when back online, a replay adds nothing', async () => {
  const page = await context!.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await signInOnPhone(page, server!.url, INSPECTOR)
  expect(await page.getByTestId('sample-notice').textContent()).toContain('示例数据') // the demo's units are invented
  // The worker is active and holds what the page loaded.
  await expect.poll(() => page.evaluate(async () => (await (await caches.open('inspect-assets')).keys()).length), { timeout: 20_000 }).toBeGreaterThan(0)
  await page.screenshot({ path: join(SHOTS, 'list.png') })

  await context!.setOffline(true)
  await page.reload()
  await page.locator('.inspect-unit').first().waitFor({ timeout: 20_000 })
  expect(await page.locator('.inspect-offline').textContent()).toBe('离线')
  expect(await page.getByTestId('sample-notice').textContent()).toContain('示例数据') // from the stored pack, offline too
  await page.getByRole('button', { name: '地图' }).click()
  await page.getByRole('img', { name: '督导范围地图' }).waitFor()
  await page.screenshot({ path: join(SHOTS, 'map.png') })

  await recordVisit(page, 0, '#c0392b', async () => {
    await page.locator('.inspect-gps').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SHOTS, 'form-photos.png') })
    await page.locator('.inspect-page').evaluate((e) => e.scrollTo(0, 0))
    await page.screenshot({ path: join(SHOTS, 'form-top.png') })
  })
  await recordVisit(page, 1, '#2e86c1')
  expect(await statesOf(page)).toEqual(['pending', 'pending'])
  await page.screenshot({ path: join(SHOTS, 'queue-offline.png') })

  // A reload keeps the queue (IndexedDB), still offline.
  await page.reload()
  await page.getByRole('button', { name: /同步队列/ }).click()
  expect(await statesOf(page)).toEqual(['pending', 'pending'])

  // Back online with the session gone (as after the idle time-out): the queue waits for a new sign-in, then goes.
  await context!.clearCookies()
  await context!.setOffline(false)
  const signIn = page.getByRole('form', { name: '登录' })
  await expect.poll(() => signIn.textContent(), { timeout: 20_000 }).toContain('登录已过期')
  await expect.poll(() => statesOf(page), { timeout: 10_000 }).toEqual(['pending', 'pending'])
  expect(await page.locator('.inspect-reason').first().textContent()).toContain('登录已过期')
  expect(await page.getByLabel('用户名').inputValue()).toBe(INSPECTOR.username)
  await page.getByLabel('密码').fill(INSPECTOR.password)
  await page.getByRole('button', { name: '登录' }).click()
  await expect.poll(() => statesOf(page), { timeout: 30_000 }).toEqual(['synced', 'synced'])
  await page.screenshot({ path: join(SHOTS, 'queue-synced.png') })

  const cookie = await api.sessionOf(INSPECTOR.username, INSPECTOR.password)
  const visits = await fieldVisits(cookie)
  expect(visits).toHaveLength(2)
  expect(new Set(visits.map((v) => v.clientId)).size).toBe(2)
  expect(visits.map((v) => v.photos.length)).toEqual([1, 1])
  for (const visit of visits) await api.call('HEAD', `/api/photos/${visit.photos[0].sha256}`, cookie)
  // The phone drops the bytes the server has taken.
  const photosKept = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('atlas-inspect')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const count = open.result.transaction('photos').objectStore('photos').count()
          count.onsuccess = () => {
            open.result.close()
            resolve(count.result)
          }
        }
      }),
  )
  expect(photosKept).toBe(0)

  // The whole sync again: every item back to pending, the queue sent once more.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('atlas-inspect')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('queue', 'readwrite')
          const store = tx.objectStore('queue')
          const all = store.getAll()
          all.onsuccess = () => {
            for (const item of all.result) store.put({ ...item, state: 'pending', nextTryAt: 0 })
          }
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
        }
      }),
  )
  await page.evaluate(() => window.dispatchEvent(new Event('online')))
  await expect.poll(() => statesOf(page), { timeout: 30_000 }).toEqual(['synced', 'synced'])
  const again = await fieldVisits(cookie)
  expect(again).toHaveLength(2)
  expect(again.flatMap((v) => v.photos.map((p) => p.sha256)).sort()).toEqual(visits.flatMap((v) => v.photos.map((p) => p.sha256)).sort())
  expect(errors).toEqual([])

  // The dashboard is outside the worker's scope.
  const dashboard = await context!.newPage()
  await dashboard.goto(`${server!.url}/units`)
  expect(await dashboard.evaluate(() => navigator.serviceWorker.controller === null)).toBe(true)
})
