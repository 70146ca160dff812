// /screen?token= on a private atlas (ATLAS_REQUIRE_LOGIN=1): a fresh browser with no session reads the
// figures through the screen token alone; without a token, or with a revoked one, the screen says so.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer, type RunningServer } from './harness'
import { openScreenPage } from './screen-harness'

const ADMIN_PASSWORD = 'screen-token-e2e-password'
const SIZE = { width: 1920, height: 1080 }

describe('the briefing screen on a private atlas', () => {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let admin = ''

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server!.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', Cookie: admin, Origin: server!.url, ...init.headers } })

  async function newScreenToken(label: string): Promise<{ token: string; id: string }> {
    const answer = await api('/api/screen-tokens', { method: 'POST', body: JSON.stringify({ label }) })
    expect(answer.status).toBe(201)
    const body = (await answer.json()) as { token: string; screenToken: { id: string } }
    return { token: body.token, id: body.screenToken.id }
  }

  /** Opens `path` in a fresh context (no cookie) and waits for the screen's access message. */
  async function accessMessageAt(path: string): Promise<string> {
    const page = await browser!.newPage({ viewport: SIZE, reducedMotion: 'reduce' })
    try {
      await page.goto(`${server!.url}${path}`)
      return await accessMessageOf(page)
    } finally {
      await page.close()
    }
  }

  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer({ env: { ATLAS_REQUIRE_LOGIN: '1', ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD } })
    browser = await launchBrowser()
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })
    expect(login.status).toBe(200)
    admin = (login.headers.get('set-cookie') ?? '').split(';')[0]
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the atlas is private: the API refuses a caller with neither session nor token', async () => {
    expect((await fetch(`${server!.url}/api/coverage?level=county`)).status).toBe(401)
  })

  test('/screen?token=…: the figures and the map render in a browser with no session, without console errors', async () => {
    const { token } = await newScreenToken('e2e 一楼大厅')
    const { page, consoleErrors } = await openScreenPage(browser!, `${server!.url}/screen?token=${token}&tour=600`, SIZE)
    try {
      expect((await page.context().cookies()).length, 'no session cookie in this context').toBe(0)
      await page.waitForSelector('[data-panel=ticker]')
      const total = Number(await page.locator('.kpi-main [data-value]').getAttribute('data-value'))
      expect(total).toBeGreaterThan(0)
      expect(await page.locator('[data-panel=map] canvas').count()).toBeGreaterThan(0)
      expect(await page.getByTestId('screen-access').count()).toBe(0)
      expect(await page.getByTestId('screen-freshness').getAttribute('data-stale')).toBe('0')
      expect(consoleErrors).toEqual([])
    } finally {
      await page.close()
    }
  }, 240_000)

  test('a saved profile still applies beside the token (?profile=…&token=…)', async () => {
    const put = await api('/api/screen-profiles/lobby', { method: 'PUT', body: JSON.stringify({ name: 'lobby', config: { title: '大厅令牌态势' } }) })
    expect(put.status).toBe(201)
    const { token } = await newScreenToken('e2e lobby')
    const { page, consoleErrors } = await openScreenPage(browser!, `${server!.url}/screen?profile=lobby&token=${token}&tour=600`, SIZE, { waitForMap: false })
    try {
      await page.waitForFunction(() => document.querySelector('.screen-title')?.textContent === '大厅令牌态势', null, { timeout: 30_000 })
      expect(consoleErrors).toEqual([])
    } finally {
      await page.close()
    }
  }, 240_000)

  test('without a token the screen says the atlas needs one, and how to get it', async () => {
    const message = await accessMessageAt('/screen?tour=600')
    expect(message).toContain('本图集需要登录')
    expect(message).toContain('/screen?token=')
  }, 120_000)

  test('with an unknown or revoked token it says 屏幕令牌无效或已撤销; revoking a running screen’s token shows it there too', async () => {
    expect(await accessMessageAt('/screen?token=not-a-real-token&tour=600')).toMatch(/^屏幕令牌无效或已撤销/)

    const { token, id } = await newScreenToken('e2e to revoke')
    const { page } = await openScreenPage(browser!, `${server!.url}/screen?token=${token}&interval=1&tour=600`, SIZE)
    try {
      expect(await page.getByTestId('screen-access').count()).toBe(0)
      expect((await api(`/api/screen-tokens/${id}`, { method: 'DELETE' })).status).toBe(200)
      expect(await accessMessageOf(page)).toMatch(/^屏幕令牌无效或已撤销/)
    } finally {
      await page.close()
    }
    expect(await accessMessageAt(`/screen?token=${token}&tour=600`)).toMatch(/^屏幕令牌无效或已撤销/)
  }, 240_000)
})

async function accessMessageOf(page: Page): Promise<string> {
  const notice = page.getByTestId('screen-access')
  await notice.waitFor({ timeout: 60_000 })
  expect(await notice.isVisible()).toBe(true)
  return (await notice.textContent()) ?? ''
}
