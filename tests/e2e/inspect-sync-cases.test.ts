// /inspect's sync when the server says no, on phones (390×844) against the real server:
// - the same follow-up closed on two phones: the second, syncing later, sees who closed it and when, and chooses
//   (以服务器为准 / 仍按我的提交); the store holds one close with the chosen result;
// - a visit queued offline while the session expires on the server (ATLAS_SESSION_IDLE_MINUTES): the queue is
//   kept, shown as waiting for the sign-in, and goes after it; the visit is stored once;
// - a visit to a unit that has left the inspector's scope: refused (403) and kept in the queue as refused.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer, type RunningServer } from './harness'
import { apiCaller, badgesOf, readyInspector, recordVisit, signInOnPhone, statesOf, type ApiCaller, type Credentials } from './inspect-harness'

const ADMIN_PASSWORD = 'e2e-admin-password'
const COUNTY = '530626' // 绥江县
const PHONE = { viewport: { width: 390, height: 844 }, geolocation: { latitude: 28.592, longitude: 103.968, accuracy: 15 }, permissions: ['geolocation'] }
let browser: Browser | undefined
const contexts: BrowserContext[] = []

interface StoredInspection {
  id: number
  unitId: number
  clientId: string | null
  version: number
  createdBy: string
  followUp: string
  followUpClosedAt: string | null
  followUpClosedBy: string
  photos: { sha256: string }[]
}

beforeAll(async () => {
  await ensureWebBuild()
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

async function phone(): Promise<Page> {
  const context = await browser!.newContext(PHONE)
  contexts.push(context)
  return context.newPage()
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)
}

async function inspectionsOf(api: ApiCaller, cookie: string): Promise<StoredInspection[]> {
  return ((await api.call('GET', `/api/inspections?area=${COUNTY}`, cookie)) as { inspections: StoredInspection[] }).inspections
}

const queueItem = (page: Page, text: string) => page.locator('.inspect-queue-item', { hasText: text })

describe('with the default session policy', () => {
  let server: RunningServer | undefined
  let api: ApiCaller
  let admin = ''

  beforeAll(async () => {
    server = await startServer({ env: { ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD } })
    api = apiCaller(server.url)
    admin = await api.sessionOf('admin', ADMIN_PASSWORD)
  })
  afterAll(async () => server?.stop())

  test('a follow-up closed on two phones: the second sees who closed it and chooses; the store holds the chosen close once', async () => {
    const first: Credentials = { username: 'field-a', password: 'Field-visit-A-2026!' }
    const second: Credentials = { username: 'field-b', password: 'Field-visit-B-2026!' }
    await readyInspector(api, admin, first, COUNTY)
    await readyInspector(api, admin, second, COUNTY)
    // Two open follow-ups on a unit both phones list: one for each choice.
    const { units } = (await api.call('GET', `/api/inspections/due?area=${COUNTY}`, admin)) as { units: { unitId: number; needsVisits: boolean }[] }
    const unitId = units.find((u) => u.needsVisits)!.unitId
    const texts = { theirs: 'E2E整改一：更新宣传栏', mine: 'E2E整改二：补齐活动台账' }
    const opened: Record<keyof typeof texts, StoredInspection> = { theirs: null!, mine: null! }
    for (const key of ['theirs', 'mine'] as const) {
      const body = { unit: unitId, date: isoDay(-1), inspectors: ['督导组'], checklist: [], rating: '合格', findings: '', followUp: texts[key], followUpDue: isoDay(30) }
      opened[key] = ((await api.call('POST', '/api/inspections', admin, body)) as { inspection: StoredInspection }).inspection
    }

    const pageA = await phone()
    const pageB = await phone()
    await signInOnPhone(pageA, server!.url, first)
    await signInOnPhone(pageB, server!.url, second)
    for (const page of [pageA, pageB]) for (const text of Object.values(texts)) await page.locator('.inspect-followup', { hasText: text }).waitFor()

    // Phone B is in a valley without signal; phone A closes both follow-ups online.
    await pageB.context().setOffline(true)
    for (const text of Object.values(texts)) await pageA.locator('.inspect-followup', { hasText: text }).getByRole('button', { name: '已整改' }).click()
    await pageA.getByRole('button', { name: /同步队列/ }).click()
    await expect.poll(() => statesOf(pageA), { timeout: 20_000 }).toEqual(['synced', 'synced'])
    for (const key of ['theirs', 'mine'] as const) {
      expect((await inspectionsOf(api, admin)).find((i) => i.id === opened[key].id)).toMatchObject({ followUpClosedBy: first.username, version: opened[key].version + 1 })
    }

    // Phone B closes them too, offline: queued, and no longer offered on its list.
    for (const text of Object.values(texts)) await pageB.locator('.inspect-followup', { hasText: text }).getByRole('button', { name: '已整改' }).click()
    await expect.poll(() => pageB.locator('.inspect-followup', { hasText: 'E2E整改' }).count()).toBe(0)
    await pageB.getByRole('button', { name: /同步队列/ }).click()
    expect(await statesOf(pageB)).toEqual(['pending', 'pending'])

    // Back online: the server refuses both stale closes (412) with its record, and the phone says who closed them and when.
    await pageB.context().setOffline(false)
    await expect.poll(() => statesOf(pageB), { timeout: 20_000 }).toEqual(['conflict', 'conflict'])
    const closedOn = (await inspectionsOf(api, admin)).find((i) => i.id === opened.theirs.id)!.followUpClosedAt
    for (const text of Object.values(texts)) {
      expect(await queueItem(pageB, text).locator('.inspect-conflict').textContent()).toContain(`${first.username} 已于 ${closedOn} 关闭了这项整改。`)
      expect(await queueItem(pageB, text).locator('.inspect-reason').count()).toBe(0) // said in words above, not as the API's message
    }
    expect(await badgesOf(pageB)).toEqual(['冲突', '冲突'])

    // Keep theirs for one, apply mine for the other.
    await queueItem(pageB, texts.theirs).getByRole('button', { name: '以服务器为准' }).click()
    await queueItem(pageB, texts.mine).getByRole('button', { name: '仍按我的提交' }).click()
    await expect.poll(() => statesOf(pageB), { timeout: 20_000 }).toEqual(['synced', 'synced'])
    expect(await queueItem(pageB, texts.theirs).locator('.inspect-reason').textContent()).toBe('以服务器上的记录为准')

    const stored = await inspectionsOf(api, admin)
    // Theirs: A's close, written once (no second write). Mine: B's close over A's, one close standing.
    expect(stored.find((i) => i.id === opened.theirs.id)).toMatchObject({ followUpClosedBy: first.username, followUpClosedAt: closedOn, version: opened.theirs.version + 1 })
    expect(stored.find((i) => i.id === opened.mine.id)).toMatchObject({ followUpClosedBy: second.username, followUpClosedAt: expect.any(String), version: opened.mine.version + 2 })
    expect(stored.filter((i) => Object.values(texts).includes(i.followUp))).toHaveLength(2)
    // Phone A's own queue is untouched by B's choice: both of its closes stay synced.
    expect(await statesOf(pageA)).toEqual(['synced', 'synced'])
    // Neither phone offers the follow-ups again once its pack is fresh.
    for (const page of [pageA, pageB]) {
      await page.reload()
      await page.locator('.inspect-unit').first().waitFor({ timeout: 20_000 })
      expect(await page.locator('.inspect-followup', { hasText: 'E2E整改' }).count()).toBe(0)
    }
  })

  test('a visit to a unit that left the inspector’s scope is refused (403) and stays in the queue marked refused', async () => {
    const inspector: Credentials = { username: 'field-c', password: 'Field-visit-C-2026!' }
    const userId = await readyInspector(api, admin, inspector, COUNTY)
    const page = await phone()
    await signInOnPhone(page, server!.url, inspector)
    await page.context().setOffline(true)
    await recordVisit(page, 0, '#8e44ad')
    const label = await queueItem(page, '督导').locator('strong').textContent()

    // Meanwhile the office moves the inspector to another county.
    const { features } = (await api.call('GET', '/api/areas?level=county&parent=530600', admin)) as { features: { properties: { code: string; name: string } }[] }
    const other = features.find((f) => f.properties.code !== COUNTY)!.properties
    await api.call('PATCH', `/api/users/${userId}`, admin, { areaScope: other.code })

    await page.context().setOffline(false)
    await expect.poll(() => statesOf(page), { timeout: 20_000 }).toEqual(['refused'])
    expect(await badgesOf(page)).toEqual(['被拒绝'])
    const reason = await page.locator('.inspect-reason').textContent()
    expect(reason).toContain(`只能编辑${other.name}`)
    expect(await page.getByRole('button', { name: '重新提交' }).count()).toBe(1)
    expect((await inspectionsOf(api, admin)).filter((i) => i.createdBy === inspector.username)).toEqual([])

    // Not dropped: a reload shows it refused, with its reason, and it is not sent again on its own.
    await page.reload()
    await page.getByRole('button', { name: /同步队列/ }).click()
    expect(await statesOf(page)).toEqual(['refused'])
    expect(await queueItem(page, label!).locator('.inspect-reason').textContent()).toBe(reason)
    await page.waitForTimeout(6_000) // past a sync tick
    expect(await statesOf(page)).toEqual(['refused'])
    expect((await inspectionsOf(api, admin)).filter((i) => i.createdBy === inspector.username)).toEqual([])
  })
})

describe('with sessions that end after 6 s idle', () => {
  const IDLE_MS = 6_000
  let server: RunningServer | undefined
  let api: ApiCaller

  beforeAll(async () => {
    server = await startServer({ env: { ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD, ATLAS_SESSION_IDLE_MINUTES: String(IDLE_MS / 60_000) } })
    api = apiCaller(server.url)
  })
  afterAll(async () => server?.stop())

  test('a visit queued offline while the session expires: kept, shown waiting for the sign-in, synced once after it', async () => {
    const inspector: Credentials = { username: 'field-d', password: 'Field-visit-D-2026!' }
    await readyInspector(api, await api.sessionOf('admin', ADMIN_PASSWORD), inspector, COUNTY)
    const page = await phone()
    await signInOnPhone(page, server!.url, inspector)
    await page.context().setOffline(true)
    const offlineSince = Date.now()
    await recordVisit(page, 0, '#16a085')
    expect(await badgesOf(page)).toEqual(['待同步'])
    await page.waitForTimeout(Math.max(0, offlineSince + IDLE_MS + 1_500 - Date.now())) // the server ends the idle session

    await page.context().setOffline(false)
    await expect.poll(() => page.getByRole('form', { name: '登录' }).textContent(), { timeout: 20_000 }).toContain('登录已过期')
    await expect.poll(() => badgesOf(page), { timeout: 10_000 }).toEqual(['待登录'])
    expect(await statesOf(page)).toEqual(['pending'])
    expect(await page.getByTestId('queue-waiting').textContent()).toContain('1 条记录保存在本机，等待重新登录后同步')

    // A reload while waiting keeps it waiting.
    await page.reload()
    await page.getByRole('form', { name: '登录' }).waitFor({ timeout: 20_000 })
    await page.getByRole('button', { name: /同步队列/ }).click()
    await expect.poll(() => badgesOf(page), { timeout: 10_000 }).toEqual(['待登录'])

    expect(await page.getByLabel('用户名').inputValue()).toBe(inspector.username)
    await page.getByLabel('密码').fill(inspector.password)
    await page.getByRole('button', { name: '登录' }).click()
    await expect.poll(() => statesOf(page), { timeout: 20_000 }).toEqual(['synced'])
    expect(await page.getByTestId('queue-waiting').count()).toBe(0)

    const admin = await api.sessionOf('admin', ADMIN_PASSWORD)
    const visits = (await inspectionsOf(api, admin)).filter((i) => i.createdBy === inspector.username)
    expect(visits).toHaveLength(1)
    expect(visits[0].clientId).toEqual(expect.any(String))
    expect(visits[0].photos).toHaveLength(1)
  })
})
