// The national dashboard draws the country and a province from the vector tiles (web/map/tiled-frame.ts): it
// asks /api/tiles and the areas' label points, never the provinces' or prefectures' boundaries; the map is
// coloured as its legend says; hovering a province names it and a click drills into it, drawn from tiles too.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { colourCensus, hoverProvince, legendColoursOnMap, launchBrowser, mapOnlyScreenshot, mapRedrawn, startServer, type RunningServer } from './harness'

/** A request for boundaries: /api/areas without geometry=label. */
const isBoundaryRequest = (path: string) => path.startsWith('/api/areas?') && !new URLSearchParams(path.split('?')[1]).has('geometry', 'label')

describe('the national dashboard from vector tiles', () => {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let page: Page
  const requested: string[] = [] // paths and queries, tile requests from MapLibre's worker included

  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer({ env: { ATLAS_DEMO: 'national', ATLAS_DEMO_UNITS: '3000' } })
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    page.on('request', (request) => requested.push(request.url().replace(server!.url, '')))
    await page.goto(`${server.url}/?layers=choropleth,labels&opacity=choropleth:100`)
    await mapRedrawn(page)
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the country asks for province tiles and label points, not the provinces\' boundaries', () => {
    expect(requested.filter((path) => path.startsWith('/api/tiles/provinces/')).length).toBeGreaterThan(2)
    expect(requested).toContain('/api/areas?level=province&parent=000000&geometry=label')
    expect(requested.filter(isBoundaryRequest)).toEqual([])
  })

  test('the provinces are filled in the legend\'s colours, 暂无数据 grey among them', async () => {
    const colours = await legendColoursOnMap(page)
    expect(colours.length).toBeGreaterThan(2)
    for (const [hex, pixels] of colours) expect(pixels, `legend colour ${hex} on the map`).toBeGreaterThan(50)
    expect(await page.locator('[data-testid=legend-choropleth] li[data-kind=no-ledger]').textContent()).toBe('暂无数据')
  })

  test('hovering a province names it; a click drills into it, its prefectures drawn from tiles too', async () => {
    const box = await page.locator('.atlas-map').boundingBox()
    if (!box) throw new Error('no map on the page')
    const lit = await hoverProvince(page, box)
    requested.length = 0
    await page.mouse.click(lit.x, lit.y)
    await page.waitForFunction(() => /^\d{2}0000$/.test(new URL(location.href).searchParams.get('area') ?? '') && new URL(location.href).searchParams.get('area') !== '000000', null, { timeout: 20_000 })
    await mapRedrawn(page)
    const code = new URL(page.url()).searchParams.get('area')
    expect(await page.locator('[data-testid=breadcrumb] .crumb-current').textContent()).toBe(lit.name)
    expect(requested.filter((path) => path.startsWith('/api/tiles/prefectures/')).length).toBeGreaterThan(0)
    expect(requested).toContain(`/api/areas?level=prefecture&parent=${code}&geometry=label`)
    expect(requested.filter(isBoundaryRequest)).toEqual([])
    const census = await colourCensus(page, await mapOnlyScreenshot(page))
    expect(census.distinct).toBeGreaterThan(8) // the prefectures in several classes, not one flat fill
  })
})
