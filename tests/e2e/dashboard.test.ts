// The analyst dashboard (the map page) against the real server and its seeded demo, in headless Chromium:
// filters, drill-down with the browser's back button, linked charts, URL state, language, and no request
// leaving this machine with the default basemap.
import { writeFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { colourCensus, colourKey, launchBrowser, mapOnlyScreenshot, openAtlasPage, startServer, type AtlasPage, type RunningServer } from './harness'

const SHOTS = process.env.ATLAS_DASHBOARD_SHOTS // a directory: save screenshots there

describe('the analyst dashboard', () => {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let atlas: AtlasPage
  const outside: string[] = [] // requests to any host but the atlas's own

  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    browser = await launchBrowser()
    const context = await browser.newContext()
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url())
      if (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue()
      outside.push(url.href)
      return route.abort()
    })
    // openAtlasPage makes its own page; route every page of the browser through the check above.
    const page = await context.newPage()
    atlas = await openOn(page, server.url)
    await shot(atlas.page, 'prefecture')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the prefecture view: KPIs, charts and legend are shown', async () => {
    const { page } = atlas
    expect(await page.locator('[data-testid=breadcrumb] .crumb-current').textContent()).toBe('昭通市')
    expect(Number(await kpi(page, 'total'))).toBeGreaterThan(100)
    expect(await kpi(page, 'categories')).toBe('7/7')
    expect(await page.locator('[data-testid=chart-ranking] [data-key]').count()).toBe(11)
    expect(await page.locator('[data-testid=chart-growth] [data-key]').count()).toBeGreaterThan(10)
    expect(await page.locator('[data-testid=chart-targets] [data-key]').count()).toBeGreaterThan(0)
  })

  test('a category filter changes the KPIs, the legend and the URL together', async () => {
    const { page } = atlas
    const totalBefore = await kpi(page, 'total')
    const legendBefore = await legendRows(page)
    await page.locator('[data-testid=filters] .chip[data-category=学校]').click()
    await ready(page)
    expect(new URL(page.url()).searchParams.get('categories')).toBe('机关,企业,社区,乡镇,连队,宗教活动场所')
    expect(await kpi(page, 'categories')).toBe('6/6')
    expect(Number(await kpi(page, 'total'))).toBeLessThan(Number(totalBefore))
    expect(await page.locator('[data-testid=legend-categories] [data-category=学校] .legend-count').textContent()).toBe('0')
    expect(await legendRows(page)).not.toEqual(legendBefore)
    await page.locator('[data-testid=filters] .link-button', { hasText: '全部类别' }).click()
    await ready(page)
    expect(await kpi(page, 'total')).toBe(totalBefore)
    expect(new URL(page.url()).searchParams.get('categories')).toBeNull()
  })

  test('charts link to the map: hover lights the legend row, a click filters', async () => {
    const { page } = atlas
    const row = page.locator('[data-testid=chart-categories] .chart-row[data-key=社区]')
    await row.hover()
    await expect.poll(() => page.locator('[data-testid=legend-categories] [data-category=社区]').getAttribute('class')).toContain('is-highlight')
    await row.click()
    await ready(page)
    expect(new URL(page.url()).searchParams.get('categories')).toBe('社区')
    expect(await kpi(page, 'categories')).toBe('1/1')
    await page.goBack()
    await ready(page)
    expect(new URL(page.url()).searchParams.get('categories')).toBeNull()
    expect(await kpi(page, 'categories')).toBe('7/7')
  })

  test('drill down prefecture → county → township on the map, and back with the browser', async () => {
    const { page } = atlas
    const county = await clickAreaOnMap(page)
    await ready(page)
    expect(new URL(page.url()).searchParams.get('area')).toBe(county.code)
    expect(await crumbs(page)).toEqual(['昭通市', county.name])
    await shot(page, 'county')

    const township = await clickAreaOnMap(page)
    await ready(page)
    expect(township.code).toMatch(new RegExp(`^${county.code}\\d{3}$`))
    expect(await crumbs(page)).toEqual(['昭通市', county.name, township.name])

    await page.goBack()
    await ready(page)
    expect(new URL(page.url()).searchParams.get('area')).toBe(county.code)
    expect(await crumbs(page)).toEqual(['昭通市', county.name])
    await page.goBack()
    await ready(page)
    expect(new URL(page.url()).searchParams.get('area')).toBeNull()
    expect(await crumbs(page)).toEqual(['昭通市'])
  })

  test('the ranking chart drills too, and the breadcrumb goes back up', async () => {
    const { page } = atlas
    await page.locator('[data-testid=chart-ranking] .chart-row').first().click()
    await ready(page)
    expect(new URL(page.url()).searchParams.get('area')).toMatch(/^\d{6}$/)
    await page.locator('[data-testid=breadcrumb] .crumb', { hasText: '昭通市' }).click()
    await ready(page)
    expect(new URL(page.url()).searchParams.get('area')).toBe('530600')
    expect(await crumbs(page)).toEqual(['昭通市'])
  })

  test('a copied URL opens the same view in a new page', async () => {
    const { page } = atlas
    await page.locator('[data-testid=chart-ranking] .chart-row[data-key="530626"]').click()
    await ready(page)
    await page.getByLabel('统计级别').selectOption('市级')
    await ready(page)
    await page.getByLabel('每万人').check()
    await ready(page)
    await page.getByLabel('三维柱', { exact: true }).check()
    await ready(page)
    const url = page.url()
    const copy = await openOn(await page.context().newPage(), url)
    for (const p of [page, copy.page]) await p.waitForTimeout(300)
    expect(await crumbs(copy.page)).toEqual(await crumbs(page))
    expect(await copy.page.locator('[data-testid=kpis]').textContent()).toBe(await page.locator('[data-testid=kpis]').textContent())
    expect(await legendRows(copy.page)).toEqual(await legendRows(page))
    expect(await copy.page.locator('[data-testid=legend-choropleth] h2').textContent()).toBe('每万人示范单位数 (市级及以上)')
    expect(await copy.page.getByLabel('三维柱', { exact: true }).isChecked()).toBe(true)
    const camera = (u: string) => [new URL(u).searchParams.get('center'), new URL(u).searchParams.get('zoom')]
    expect(camera(copy.page.url())).toEqual(camera(url))
    expect(copy.consoleErrors).toEqual([])
    await copy.page.close()
  })

  test('the year slider plays the growth year by year', async () => {
    const { page } = atlas
    await page.goto(`${server!.url}/?year=2016`)
    await ready(page)
    const early = Number(await kpi(page, 'total'))
    await shot(page, 'year-2016')
    await page.getByRole('button', { name: '播放' }).click()
    await expect.poll(async () => Number(await page.getByTestId('year-value').textContent()), { timeout: 15_000 }).toBeGreaterThanOrEqual(2018)
    await page.getByRole('button', { name: '暂停' }).click()
    await ready(page)
    expect(Number(await kpi(page, 'total'))).toBeGreaterThan(early)
  })

  test('English: the chrome switches, category names stay as the scheme defines them', async () => {
    const { page } = atlas
    await page.getByTestId('lang-switch').click()
    await ready(page)
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en')
    expect(await page.locator('h1').textContent()).toBe('Ethnic Unity Atlas')
    expect(await page.locator('[data-testid=legend-choropleth] h2').textContent()).toMatch(/^Named units \(/)
    expect(await page.locator('[data-testid=chart-categories] [data-key]').first().getAttribute('data-key')).toBe('机关')
    await shot(page, 'english')
  })

  test('a unit opens its detail panel with history', async () => {
    const { page } = atlas
    await page.goto(`${server!.url}/?unit=5`)
    await ready(page)
    await expect.poll(() => page.getByTestId('unit-detail').isVisible()).toBe(true)
    expect(await page.locator('[data-testid=unit-detail] .timeline li').count()).toBeGreaterThan(0)
  })

  test('the area search finds a county by name and a township by code', async () => {
    const { page } = atlas
    await page.goto(server!.url)
    await ready(page)
    const search = page.getByLabel('搜索行政区名称或代码')
    await search.fill('绥江')
    await page.locator('.search-results button', { hasText: '绥江县' }).click()
    await ready(page)
    expect(new URL(page.url()).searchParams.get('area')).toBe('530626')
    await search.fill('530626101')
    await page.locator('.search-results button').first().click()
    await ready(page)
    expect(await crumbs(page)).toEqual(['昭通市', '绥江县', '中城镇'])
  })

  test('every class of the choropleth legend is a colour drawn on the map', async () => {
    const { page } = atlas
    await page.goto(`${server!.url}/?layers=choropleth&opacity=choropleth:100&measure=per10kPeople`)
    await ready(page)
    const swatches = await page.locator('[data-testid=legend-choropleth] .swatch').evaluateAll((items) => items.map((i) => getComputedStyle(i).backgroundColor))
    const census = await colourCensus(page, await mapOnlyScreenshot(page))
    for (const rgb of swatches) {
      const hex = `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`
      expect(census.pixels[colourKey(hex)] ?? 0, `legend colour ${hex} on the map`).toBeGreaterThan(50)
    }
  })

  test('playback holds the legend classes of the year it started from, so colours compare across years', async () => {
    const { page } = atlas
    await page.goto(`${server!.url}/`)
    await ready(page)
    const classRows = () => page.locator('[data-testid=legend-choropleth] li[data-kind=class]').allTextContents()
    const classesNow = await classRows()
    expect(classesNow.length).toBeGreaterThan(2)
    await page.getByRole('button', { name: '播放' }).click()
    await expect.poll(async () => Number(await page.getByTestId('year-value').textContent()), { timeout: 15_000 }).toBeGreaterThanOrEqual(2015)
    // Read while it plays (a year a second: waiting for the map to draw could let it reach the end).
    expect(await classRows()).toEqual(classesNow)
    await page.getByRole('button', { name: '暂停' }).click()
    await ready(page)
    // Paused in an early year, the year's own classes again: fitted to its (much smaller) counts.
    expect(Number(await kpi(page, 'total'))).toBeLessThan(200)
    expect(await classRows()).not.toEqual(classesNow)
  })

  test('the corridor and heatmap layers: toggled in the panel, in the URL, in the legend and on the map', async () => {
    const { page } = atlas
    await page.goto(`${server!.url}/?layers=choropleth,labels`)
    await ready(page)
    await page.locator('[data-testid=layers] [data-layer=corridors] input[type=checkbox]').check()
    await ready(page)
    await page.locator('[data-testid=layers] [data-layer=heatmap] input[type=checkbox]').check()
    await ready(page)
    expect(new URL(page.url()).searchParams.get('overlays')).toBe('heatmap,corridors')
    await expect.poll(() => page.locator('[data-testid=legend-corridors] .legend-count').textContent()).toBe('3')
    expect(await page.locator('[data-testid=legend-corridors]').textContent()).toContain('示例')
    expect(await page.locator('[data-testid=legend-heatmap] .legend-ramp').count()).toBe(1)
    // The corridor's teal is drawn (the heatmap recomputes after its first frame, so give it a moment).
    await page.waitForTimeout(700)
    const census = await colourCensus(page, await mapOnlyScreenshot(page))
    expect(census.pixels[colourKey('#006d77')] ?? 0).toBeGreaterThan(40)
  })

  test('no request left this machine, and nothing was logged as an error', () => {
    expect(outside).toEqual([])
    expect(atlas.consoleErrors).toEqual([])
  })

  test('a basemap that cannot load says so, keeps the boundaries, and the choice persists', async () => {
    const { page } = atlas
    await page.goto(server!.url)
    await ready(page)
    await page.locator('[data-testid=basemap] select').selectOption('xyz')
    await page.getByPlaceholder('瓦片地址，含 {z}/{x}/{y}').fill('https://tiles.invalid/{z}/{x}/{y}.png')
    await page.getByRole('button', { name: '应用' }).click()
    await expect.poll(() => page.getByTestId('basemap-error').isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await page.evaluate(() => document.body.dataset.atlasError)).toBeUndefined()
    expect(outside.some((u) => u.startsWith('https://tiles.invalid/'))).toBe(true)
    await page.reload()
    await ready(page)
    expect(await page.locator('[data-testid=basemap] select').inputValue()).toBe('xyz')
    const census = await colourCensus(page, await mapOnlyScreenshot(page))
    expect(census.distinct).toBeGreaterThan(20) // the choropleth and boundaries are still drawn
    await page.locator('[data-testid=basemap] select').selectOption('offline')
  })
})

/** openAtlasPage's waiting and error capture, on a page made in the routed context. */
async function openOn(page: Page, url: string): Promise<AtlasPage> {
  const consoleErrors: string[] = []
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`))
  await page.setViewportSize({ width: 1600, height: 1000 })
  await page.goto(url)
  await ready(page)
  return { page, consoleErrors }
}
void openAtlasPage

async function ready(page: Page): Promise<void> {
  // A change first drops the flag (in the same task as the DOM update), then raises it once drawn.
  await page.waitForTimeout(120)
  await page.waitForFunction(() => document.body.dataset.mapReady === '1' || document.body.dataset.atlasError !== undefined, null, { timeout: 60_000 })
  const error = await page.evaluate(() => document.body.dataset.atlasError)
  if (error !== undefined) throw new Error(`the page recorded an error: ${error}`)
}

async function kpi(page: Page, name: string): Promise<string> {
  return ((await page.locator(`[data-kpi=${name}] .kpi-value`).textContent()) ?? '').replace(/\s+/g, '')
}

async function legendRows(page: Page): Promise<string[]> {
  return page.locator('[data-testid=legend-choropleth] li').allTextContents()
}

async function crumbs(page: Page): Promise<string[]> {
  return page.locator('[data-testid=breadcrumb] .crumb, [data-testid=breadcrumb] .crumb-current').allTextContents()
}

/** Hovers over the map until the pointer is over an area (its ranking row lights up), clicks there, and says which area it was. */
async function clickAreaOnMap(page: Page): Promise<{ code: string; name: string }> {
  const box = await page.locator('.atlas-map').boundingBox()
  if (!box) throw new Error('no map on the page')
  for (const [fx, fy] of [[0.6, 0.5], [0.55, 0.45], [0.65, 0.55], [0.5, 0.5], [0.7, 0.45], [0.45, 0.6]]) {
    const x = box.x + box.width * fx
    const y = box.y + box.height * fy
    await page.mouse.move(x, y)
    const lit = await page
      .waitForFunction(() => {
        const row = document.querySelector<HTMLElement>('[data-testid=chart-ranking] .chart-row.is-highlight')
        const title = document.querySelector('.tooltip-title')?.textContent
        return row && title ? { code: row.dataset.key ?? '', name: title.trim() } : null
      }, null, { timeout: 8_000 })
      .then((handle) => handle.jsonValue())
      .catch(() => null)
    if (lit) {
      await page.mouse.click(x, y)
      await page.waitForFunction((code) => new URL(location.href).searchParams.get('area') === code, lit.code, { timeout: 10_000 })
      return lit
    }
  }
  throw new Error('clickAreaOnMap: found no area under the pointer')
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await writeFile(`${SHOTS}/${name}.png`, await page.screenshot())
}
