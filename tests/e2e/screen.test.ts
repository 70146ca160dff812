// /screen against the real server and its seeded demo, in headless Chromium, at the four display sizes.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { colourCensus, launchBrowser } from './harness'
import { layoutReport, openScreenPage, startRestartableServer, type RestartableServer } from './screen-harness'

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
  { width: 3840, height: 1080 },
  { width: 7680, height: 2160 },
]

const PANELS = ['header', 'kpis', 'categories', 'targets', 'map', 'tour-card', 'legend', 'ranking', 'growth', 'ticker']
const ADMIN_PASSWORD = 'screen-e2e-admin-password'
const SHOTS = process.env.ATLAS_SCREEN_SHOTS // a directory: save a PNG per size there

describe('the briefing screen', () => {
  let server: RestartableServer | undefined
  let browser: Browser | undefined

  beforeAll(async () => {
    await ensureWebBuild()
    server = await startRestartableServer({ env: { ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD } })
    browser = await launchBrowser()
    if (SHOTS) await mkdir(SHOTS, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  for (const size of SIZES) {
    test(`${size.width}×${size.height}: no scrolling, every panel inside, the map drawn, no console errors`, async () => {
      if (!browser || !server) throw new Error('setup failed')
      const { page, consoleErrors } = await openScreenPage(browser, `${server.url}/screen?interval=2&tour=600`, size)
      try {
        await page.waitForSelector('[data-panel=ticker]')
        await page.waitForTimeout(1500) // the counters' count-up and a poll or two
        const layout = await layoutReport(page)
        expect(layout.scroll.width).toBeLessThanOrEqual(layout.viewport.width)
        expect(layout.scroll.height).toBeLessThanOrEqual(layout.viewport.height)
        expect(layout.panels).toEqual(expect.arrayContaining(PANELS))
        expect(layout.outside, 'panels outside the viewport').toEqual([])
        expect(layout.overflowing, 'panels whose content is clipped').toEqual([])

        const png = await page.screenshot()
        if (SHOTS) await writeFile(join(SHOTS, `screen-${size.width}x${size.height}.png`), png)
        const scale = Math.min(size.width / 1920, size.height / 1080)
        const map = await page.locator('[data-panel=map] canvas').first().boundingBox()
        expect(map?.width ?? 0, 'the map fills the centre of the scaled canvas').toBeGreaterThan(800 * scale)
        const census = await colourCensus(page, await page.locator('[data-panel=map]').screenshot())
        expect(census.distinct, 'colours on the map').toBeGreaterThan(20)
        expect(census.dominantShare).toBeLessThan(0.85)

        expect(await page.getByTestId('sample-notice').isVisible()).toBe(true)
        expect(await page.getByTestId('screen-freshness').getAttribute('data-stale')).toBe('0')
        expect(consoleErrors).toEqual([])
      } finally {
        await page.close()
      }
    }, 240_000)
  }

  test('key figures are ≥ 48 px and body text ≥ 18 px at 1080p', async () => {
    if (!browser || !server) throw new Error('setup failed')
    const { page } = await openScreenPage(browser, `${server.url}/screen?tour=600`, SIZES[0])
    try {
      const sizes = await page.evaluate(() => {
        const px = (selector: string) => [...document.querySelectorAll(selector)].map((e) => parseFloat(getComputedStyle(e).fontSize))
        const text = [...document.querySelectorAll('.screen-stage *')].filter(
          (e) => e.childElementCount === 0 && e.textContent?.trim() && !(e instanceof SVGElement) && (e as HTMLElement).offsetParent !== null,
        )
        return { figures: px('.kpi-figure'), smallest: Math.min(...text.map((e) => parseFloat(getComputedStyle(e).fontSize))) }
      })
      expect(Math.min(...sizes.figures)).toBeGreaterThanOrEqual(48)
      expect(sizes.smallest).toBeGreaterThanOrEqual(18)
    } finally {
      await page.close()
    }
  })

  test('the tour moves on by itself, → steps and pauses it, space resumes it', async () => {
    if (!browser || !server) throw new Error('setup failed')
    // Not waiting for the map: one that flies every 2 s is never "ready" on a software renderer.
    const { page } = await openScreenPage(browser, `${server.url}/screen?tour=2&idle=60`, SIZES[0], { waitForMap: false })
    try {
      const card = page.locator('[data-panel=tour-card]')
      const first = await card.getAttribute('data-area')
      await page.waitForFunction((area) => document.querySelector('[data-panel=tour-card]')?.getAttribute('data-area') !== area, first, { timeout: 10_000 })
      const before = await card.getAttribute('data-area')
      await page.keyboard.press('ArrowRight')
      await page.waitForFunction((area) => document.querySelector('[data-panel=tour-card]')?.getAttribute('data-area') !== area, before)
      const held = await card.getAttribute('data-area')
      expect(await card.locator('.tour-state').textContent()).toBe('已暂停')
      await page.waitForTimeout(3000)
      expect(await card.getAttribute('data-area'), 'paused: stays on the area').toBe(held)
      await page.keyboard.press(' ') // space resumes a paused tour at once…
      expect(await card.locator('.tour-state').textContent()).toBe('轮播中')
      await page.keyboard.press(' ') // …and holds a running one until space again
      expect(await card.locator('.tour-state').textContent()).toBe('已暂停')
      await page.keyboard.press(' ')
      expect(await card.locator('.tour-state').textContent()).toBe('轮播中')
      await page.waitForFunction((area) => document.querySelector('[data-panel=tour-card]')?.getAttribute('data-area') !== area, held, { timeout: 10_000 })
    } finally {
      await page.close()
    }
  })

  test('a saved profile sets the title; aggregateSensitive decides whether 宗教活动场所 are only counted', async () => {
    if (!browser || !server) throw new Error('setup failed')
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
    const origin = server.url // a cookie write carries the atlas's own Origin, as its pages send it
    const put = (id: string, config: object) =>
      fetch(`${server?.url}/api/screen-profiles/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: origin },
        body: JSON.stringify({ name: id, config }),
      })
    expect((await put('hall', { title: '一楼大厅态势', aggregateSensitive: true })).status).toBe(201)
    expect((await put('office', { title: '办公室态势', aggregateSensitive: false, theme: 'navy' })).status).toBe(201)

    for (const [id, title, note] of [['hall', '一楼大厅态势', true], ['office', '办公室态势', false]] as const) {
      const { page } = await openScreenPage(browser, `${server.url}/screen?profile=${id}&tour=600`, SIZES[0], { waitForMap: false })
      try {
        await page.waitForFunction((t) => document.querySelector('.screen-title')?.textContent === t, title, { timeout: 30_000 })
        expect(await page.getByText('宗教活动场所仅计数，不显示位置与名称').count()).toBe(note ? 1 : 0)
      } finally {
        await page.close()
      }
    }
  })

  test('stale data: the server stops, the screen keeps its figures and says 连接中断; it restarts and the mark clears', async () => {
    if (!browser || !server) throw new Error('setup failed')
    const { page } = await openScreenPage(browser, `${server.url}/screen?interval=1&tour=600`, SIZES[0])
    try {
      const freshness = page.getByTestId('screen-freshness')
      const total = await page.locator('.kpi-main [data-value]').getAttribute('data-value')
      await server.halt()
      await page.waitForFunction(() => document.querySelector('[data-testid=screen-freshness]')?.getAttribute('data-stale') === '1', null, { timeout: 15_000 })
      expect(await freshness.textContent()).toMatch(/^数据更新于 \d\d:\d\d · 连接中断$/)
      expect(await page.locator('.kpi-main [data-value]').getAttribute('data-value'), 'last good figures kept').toBe(total)
      expect(await page.locator('[data-panel=map] canvas').count()).toBeGreaterThan(0)
      if (SHOTS) await writeFile(join(SHOTS, 'screen-stale.png'), await page.screenshot())
      await server.start()
      await page.waitForFunction(() => document.querySelector('[data-testid=screen-freshness]')?.getAttribute('data-stale') === '0', null, { timeout: 30_000 })
      expect(await freshness.textContent()).toMatch(/^数据更新于 \d\d:\d\d$/)
    } finally {
      await page.close()
    }
  }, 240_000)
})
