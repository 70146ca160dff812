// The national demo (ATLAS_DEMO=national) in headless Chromium: the dashboard opens on the country with the
// province choropleth, 台湾省, 香港 and 澳门 drawn 暂无数据 and named in a note, and a click drills into a province.
import { writeFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { hoverProvince, launchBrowser, legendColoursOnMap, mapRedrawn as ready, openAtlasPage, startServer, type RunningServer } from './harness'

const SHOTS = process.env.ATLAS_DASHBOARD_SHOTS // a directory: save screenshots there

describe('the national dashboard', () => {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let page: Page

  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer({ env: { ATLAS_DEMO: 'national', ATLAS_DEMO_UNITS: '3000' } })
    browser = await launchBrowser()
    ;({ page } = await openAtlasPage(browser, server.url, { width: 1920, height: 1080, readyTimeoutMs: 120_000 }))
    if (SHOTS) await writeFile(`${SHOTS}/national.png`, await page.screenshot())
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('opens on the country: breadcrumb, provinces ranked and 31 counted, the three without a ledger named and never ranked', async () => {
    expect(await page.locator('[data-testid=breadcrumb] .crumb-current').textContent()).toBe('中华人民共和国')
    const ranked = await page.locator('[data-testid=chart-ranking] [data-key]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key))
    expect(ranked.length).toBeGreaterThan(5)
    expect(ranked.filter((code) => ['710000', '810000', '820000'].includes(code ?? ''))).toEqual([])
    expect(await page.locator('[data-testid=excluded-note]').textContent()).toBe('不含台湾省、香港特别行政区、澳门特别行政区（暂无数据）')
    expect(await page.locator('[data-kpi=children] .kpi-value small').textContent()).toContain('31/31')
  })

  test('the choropleth shows its classes and the 暂无数据 row, each legend colour drawn on the map', async () => {
    await page.goto(`${server!.url}/?layers=choropleth&opacity=choropleth:100`)
    await ready(page)
    expect(await page.locator('[data-testid=legend-choropleth] li[data-kind=no-ledger]').textContent()).toBe('暂无数据')
    const colours = await legendColoursOnMap(page)
    expect(colours.length).toBeGreaterThan(2)
    for (const [hex, pixels] of colours) expect(pixels, `legend colour ${hex} on the map`).toBeGreaterThan(50)
  })

  test('a click on a province drills into it: its prefectures are drawn', async () => {
    const box = await page.locator('.atlas-map').boundingBox()
    if (!box) throw new Error('no map on the page')
    const lit = await hoverProvince(page, box)
    await page.mouse.click(lit.x, lit.y)
    await page.waitForFunction(() => /^\d{2}0000$/.test(new URL(location.href).searchParams.get('area') ?? '') && new URL(location.href).searchParams.get('area') !== '000000', null, { timeout: 20_000 })
    await ready(page)
    const crumbs = await page.locator('[data-testid=breadcrumb] .crumb, [data-testid=breadcrumb] .crumb-current').allTextContents()
    expect(crumbs).toEqual(['中华人民共和国', lit.name])
    expect(await page.locator('[data-testid=chart-ranking] [data-key]').count()).toBeGreaterThan(1)
    if (SHOTS) {
      await page.waitForTimeout(3000) // the map flies to the province (1.8 s) after the frame is drawn
      await writeFile(`${SHOTS}/national-province.png`, await page.screenshot())
    }
  })
})
