// The map page against the real server and its seeded demo, in headless Chromium.
import { writeFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { categoryPalette } from '../../web/data/category-colours'
import { colourCensus, colourKey, launchBrowser, mapOnlyScreenshot, openAtlasPage, startServer, type AtlasPage, type RunningServer } from './harness'

const QIJIN = ['机关', '企业', '社区', '乡镇', '学校', '连队', '宗教活动场所']
const SENSITIVE = ['宗教活动场所'] // ATLAS_SENSITIVE_CATEGORIES' default

describe('the map page', () => {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let atlas: AtlasPage

  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    browser = await launchBrowser()
    atlas = await openAtlasPage(browser, server.url)
    if (process.env.ATLAS_SCREENSHOT) await writeFile(process.env.ATLAS_SCREENSHOT, await atlas.page.screenshot())
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the page is the production build (a build run under vitest once served React\'s development bundle)', async () => {
    const html = await (await fetch(server?.url ?? '')).text()
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1])
    expect(scripts.length).toBeGreaterThan(0)
    for (const src of scripts) expect(await (await fetch(new URL(src, server?.url)).then((r) => r.text()))).not.toContain('jsxDEV')
  })

  test('the map is drawn: many colours, not one flat fill', async () => {
    const census = await colourCensus(atlas.page, await mapOnlyScreenshot(atlas.page))
    expect(census.distinct).toBeGreaterThan(20)
    expect(census.dominantShare).toBeLessThan(0.9)
  })

  test('the category legend lists the seven 七进 categories, in order, in the colours drawn on the map', async () => {
    const rows = atlas.page.locator('[data-testid=legend-categories] [data-category]')
    expect(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-category')))).toEqual(QIJIN)

    const swatches = await rows.locator('.dot').evaluateAll((dots) => dots.map((dot) => getComputedStyle(dot).backgroundColor))
    const palette = categoryPalette(QIJIN)
    expect(swatches).toEqual(QIJIN.map((category) => rgbText(palette.cssOf(category))))

    // An anonymous viewer gets 宗教活动场所 (a sensitive category) without locations: listed, not drawn.
    const census = await colourCensus(atlas.page, await mapOnlyScreenshot(atlas.page))
    const drawn = QIJIN.filter((category) => (census.pixels[colourKey(palette.cssOf(category))] ?? 0) >= 10)
    expect(drawn, 'categories whose dots appear on the map').toEqual(QIJIN.filter((category) => !SENSITIVE.includes(category)))
    // …but still counted in the legend, as in the coverage figures.
    const sensitiveCount = await rows.filter({ has: atlas.page.locator('.legend-count') }).nth(QIJIN.indexOf(SENSITIVE[0])).locator('.legend-count').textContent()
    expect(Number(sensitiveCount)).toBeGreaterThan(0)
  })

  test('the choropleth legend names its measure and has a row per class', async () => {
    const legend = atlas.page.locator('[data-testid=legend-choropleth]')
    expect(await legend.locator('h2').textContent()).toBe('示范单位总数 (县级及以上)')
    expect(await legend.locator('li').count()).toBeGreaterThanOrEqual(2)
  })

  test('the sample-data notice is visible', async () => {
    expect(await atlas.page.getByText('示例数据 · 单位名称与位置为演示用虚构数据').isVisible()).toBe(true)
  })

  test('county labels have the bundled CJK font loaded for their characters', async () => {
    const covered = await atlas.page.evaluate(() => document.fonts.check('600 16px "Noto Sans SC"', '昭阳区绥江县镇雄县'))
    expect(covered).toBe(true)
  })

  test('choosing another measure redraws the map with its own legend', async () => {
    await atlas.page.getByLabel('类别覆盖').check()
    await atlas.page.waitForFunction(() => document.body.dataset.mapReady === '1')
    const title = await atlas.page.locator('[data-testid=legend-choropleth] h2').textContent()
    expect(title).toBe('七进覆盖类别数 (共 7 类)')
  })

  test('raising the counted level reloads the figures for that level', async () => {
    await atlas.page.getByLabel('统计级别').selectOption('省级')
    await atlas.page.waitForFunction(() => document.body.dataset.mapReady === '1')
    expect(await atlas.page.locator('[data-testid=legend-choropleth] h2').textContent()).toBe('七进覆盖类别数 (共 7 类)')
    const uncounted = await atlas.page.locator('.kpi-uncounted .kpi-label').allTextContents()
    expect(uncounted).toEqual(['市级', '县级'])
    await atlas.page.getByLabel('示范单位总数').check()
    await atlas.page.waitForFunction(() => document.body.dataset.mapReady === '1')
    expect(await atlas.page.locator('[data-testid=legend-choropleth] h2').textContent()).toBe('示范单位总数 (省级及以上)')
  })

  test('nothing was logged as an error', () => {
    expect(atlas.consoleErrors).toEqual([])
  })
})

/** '#4e79a7' → 'rgb(78, 121, 167)', the form getComputedStyle reports. */
function rgbText(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  return `rgb(${r}, ${g}, ${b})`
}
