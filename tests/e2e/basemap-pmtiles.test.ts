// A PMTiles basemap on the analyst dashboard, in headless Chromium against the real server: a small raster
// archive (solid-colour PNG tiles over 昭通, written by tests/fixtures/pmtiles-writer.ts) served with HTTP
// range requests through the browser's request routing, picked in the basemap panel and drawn under the
// boundaries; archives that cannot be read show the basemap notice while the choropleth stays.
import { mkdir, writeFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { MVT_EXTENT, mvtTile } from '../fixtures/mvt-writer'
import { pmtilesArchive, solidPng, tilesCovering } from '../fixtures/pmtiles-writer'
import { colourCensus, colourKey, launchBrowser, mapOnlyScreenshot, startServer, type ColourCensus, type RunningServer } from './harness'

const SHOTS = process.env.ATLAS_PMTILES_SHOTS // a directory: save the map screenshots there

const BOUNDS: [number, number, number, number] = [103, 26.5, 105.5, 28.5] // 昭通 and a little around it
// A checkerboard of two colours no other layer draws, so the census can tell the basemap's pixels apart.
const TILE_COLOURS = { even: '#9ad1a4', odd: '#c7b3e6' } as const
const ARCHIVE_URL = 'https://tiles.example.test/zhaotong.pmtiles' // another origin: CSP connect-src https: and CORS
const SAME_ORIGIN_PATH = '/tiles/zhaotong.pmtiles' // drawn through "pmtiles:///tiles/…/{z}/{x}/{y}"
const VECTOR_URL = 'https://tiles.example.test/zhaotong-vector.pmtiles'
// VECTOR_BASEMAP_COLOURS.fill (web/map/basemaps.ts) as the census counts it; the offline background is '#eef'.
const VECTOR_FILL_KEY = colourKey('#f1f2f3')
const MISSING_URL = 'https://tiles.example.test/missing.pmtiles' // answers 404
const NOT_AN_ARCHIVE_URL = 'https://tiles.example.test/page.pmtiles' // answers with an HTML page
const REFUSED_URL = 'https://127.0.0.1:9/zhaotong.pmtiles' // not routed: nothing listens there

function rgbOf(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
}

function zhaotongArchive(): Buffer {
  const even = solidPng(256, 256, rgbOf(TILE_COLOURS.even))
  const odd = solidPng(256, 256, rgbOf(TILE_COLOURS.odd))
  const tiles = [0, 1, 2, 3, 4, 5, 6, 7, 8].flatMap((z) => tilesCovering(BOUNDS, z).map(({ x, y }) => ({ z, x, y, data: (x + y) % 2 ? odd : even })))
  return pmtilesArchive(tiles, { tileType: 'png', bounds: BOUNDS, metadata: { name: 'zhaotong-test', attribution: 'test tiles' } })
}

/** Gzipped vector tiles over the same box: a polygon inset in each tile ("landuse") and a cross of lines ("roads"). */
function zhaotongVectorArchive(): Buffer {
  const [lo, hi, mid] = [MVT_EXTENT / 8, (MVT_EXTENT * 7) / 8, MVT_EXTENT / 2]
  const tile = gzipSync(
    mvtTile([
      { name: 'landuse', features: [{ type: 'polygon', rings: [[[lo, lo], [hi, lo], [hi, hi], [lo, hi], [lo, lo]]] }] },
      { name: 'roads', features: [{ type: 'line', rings: [[[0, mid], [MVT_EXTENT, mid]], [[mid, 0], [mid, MVT_EXTENT]]] }] },
    ]),
  )
  const tiles = [0, 1, 2, 3, 4, 5, 6, 7, 8].flatMap((z) => tilesCovering(BOUNDS, z).map(({ x, y }) => ({ z, x, y, data: tile })))
  const metadata = { name: 'zhaotong-vector-test', vector_layers: [{ id: 'landuse', fields: {} }, { id: 'roads', fields: {} }] }
  return pmtilesArchive(tiles, { tileType: 'mvt', bounds: BOUNDS, metadata, tileCompressed: true })
}

/** Answers GET with Range the way a static file server does: 206 and the bytes asked for (clamped to the file). */
async function serveWithRanges(route: Route, bytes: Buffer, ranges: string[]): Promise<void> {
  const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'content-range, content-length, etag' }
  const range = route.request().headers()['range']
  if (range) ranges.push(range)
  const match = /^bytes=(\d+)-(\d*)$/.exec(range ?? '')
  if (!match) return route.fulfill({ status: 200, body: bytes, headers: { ...cors, 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes' } })
  const start = Number(match[1])
  const end = Math.min(match[2] ? Number(match[2]) : bytes.length - 1, bytes.length - 1)
  if (start >= bytes.length) return route.fulfill({ status: 416, headers: { ...cors, 'content-range': `bytes */${bytes.length}` } })
  return route.fulfill({
    status: 206,
    body: bytes.subarray(start, end + 1),
    headers: { ...cors, 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${bytes.length}` },
  })
}

describe('a PMTiles basemap', () => {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let context: BrowserContext
  let page: Page
  const errors: string[] = [] // console errors and uncaught exceptions
  const ranges: string[] = [] // Range headers the archive was asked for
  const archive = zhaotongArchive()
  const vectorArchive = zhaotongVectorArchive()

  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
    await context.route(ARCHIVE_URL, (route) => serveWithRanges(route, archive, ranges))
    await context.route(`${server.url}${SAME_ORIGIN_PATH}`, (route) => serveWithRanges(route, archive, []))
    await context.route(VECTOR_URL, (route) => serveWithRanges(route, vectorArchive, []))
    await context.route(NOT_AN_ARCHIVE_URL, (route) => serveWithRanges(route, Buffer.from('<!doctype html><title>Not here</title>'), []))
    await context.route(MISSING_URL, (route) => route.fulfill({ status: 404, body: 'not found', headers: { 'access-control-allow-origin': '*' } }))
    page = await context.newPage()
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`))
    // The choropleth opaque, so its legend colours are exactly the map's (and the archive shows around it).
    await page.goto(`${server.url}/?opacity=choropleth:100`)
    await ready(page)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('an archive picked in the panel is drawn under the boundaries, read with range requests', async () => {
    expect(archive.length).toBeLessThan(16_384)
    await chooseArchive(page, ARCHIVE_URL)
    await expect.poll(async () => tilePixels(await censusOfMap(page)), { timeout: 30_000, interval: 1_000 }).toBeGreaterThan(20_000)
    const census = await censusOfMap(page, 'pmtiles-raster')
    // Both checkerboard colours: tiles from the archive, placed side by side.
    expect(census.pixels[colourKey(TILE_COLOURS.even)] ?? 0).toBeGreaterThan(5_000)
    expect(census.pixels[colourKey(TILE_COLOURS.odd)] ?? 0).toBeGreaterThan(5_000)
    expect(census.distinct).toBeGreaterThan(20) // the choropleth, boundaries and points are still drawn over it
    await expectChoroplethDrawn(page, census)
    expect(ranges.length).toBeGreaterThan(1)
    expect(ranges[0]).toBe('bytes=0-16383') // the header and root directory in one request
    expect(ranges.filter((r) => r === ranges[0])).toHaveLength(1) // MapLibre's tile requests reuse the header read for the style
    expect(await page.getByTestId('basemap-error').count()).toBe(0)
    expect(await page.evaluate(() => document.body.dataset.atlasError)).toBeUndefined()
    expect(errors).toEqual([])
  })

  test('the choice persists across a reload', async () => {
    await page.reload()
    await ready(page)
    expect(await page.locator('[data-testid=basemap] select').inputValue()).toBe('pmtiles')
    await expect.poll(async () => tilePixels(await censusOfMap(page)), { timeout: 30_000, interval: 1_000 }).toBeGreaterThan(20_000)
    expect(errors).toEqual([])
  })

  test('a same-origin path works as well as an https URL', async () => {
    await page.locator('[data-testid=basemap] select').selectOption('offline')
    await ready(page)
    await expect.poll(async () => tilePixels(await censusOfMap(page))).toBe(0) // so what follows is this archive's
    await chooseArchive(page, SAME_ORIGIN_PATH)
    await expect.poll(async () => tilePixels(await censusOfMap(page)), { timeout: 30_000, interval: 1_000 }).toBeGreaterThan(20_000)
    expect(await page.getByTestId('basemap-error').count()).toBe(0)
    expect(errors).toEqual([])
  })

  test('a vector archive is drawn as a plain light-grey map from its vector_layers', async () => {
    await chooseArchive(page, VECTOR_URL)
    await expect.poll(async () => (await censusOfMap(page)).pixels[VECTOR_FILL_KEY] ?? 0, { timeout: 30_000, interval: 1_000 }).toBeGreaterThan(100_000)
    const census = await censusOfMap(page, 'pmtiles-vector')
    expect(tilePixels(census)).toBe(0) // the raster archive's layers went with it
    await expectChoroplethDrawn(page, census)
    expect(await page.getByTestId('basemap-error').count()).toBe(0)
    expect(errors).toEqual([])
  })

  test('an archive that answers 404 shows the basemap notice; the boundaries and choropleth stay', async () => {
    await chooseArchive(page, MISSING_URL)
    await expect.poll(() => page.getByTestId('basemap-error').isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await page.getByTestId('basemap-error').textContent()).toContain('404')
    if (SHOTS) await writeFile(`${SHOTS}/pmtiles-404-page.png`, await page.screenshot())
    expect(await page.evaluate(() => document.body.dataset.atlasError)).toBeUndefined()
    await ready(page)
    const census = await censusOfMap(page, 'pmtiles-404')
    expect(tilePixels(census)).toBe(0) // the previous archive's tiles are gone
    expect(census.distinct).toBeGreaterThan(20)
    await expectChoroplethDrawn(page, census)
  })

  test('a file that is not a PMTiles archive, or a refused connection, shows the basemap notice too', async () => {
    for (const [url, detail] of [[NOT_AN_ARCHIVE_URL, /magic number/i], [REFUSED_URL, /failed to fetch/i]] as const) {
      await chooseArchive(page, url)
      await expect.poll(() => page.getByTestId('basemap-error').textContent(), { timeout: 20_000 }).toMatch(detail)
      expect(await page.evaluate(() => document.body.dataset.atlasError)).toBeUndefined()
      await ready(page)
      await expectChoroplethDrawn(page, await censusOfMap(page))
    }
  })

  test('back to the offline basemap, nothing of the archive is left', async () => {
    await page.locator('[data-testid=basemap] select').selectOption('offline')
    await ready(page)
    await expect.poll(() => page.getByTestId('basemap-error').count()).toBe(0)
    expect(tilePixels(await censusOfMap(page))).toBe(0)
  })
})

async function chooseArchive(page: Page, url: string): Promise<void> {
  const panel = page.getByTestId('basemap')
  await panel.locator('select').selectOption('pmtiles')
  await panel.locator('input').fill(url)
  await expect.poll(() => panel.locator('.hint').textContent()).toMatch(/PMTiles|\.pmtiles/)
  expect(await panel.locator('.field-problem').count()).toBe(0)
  await panel.getByRole('button', { name: '应用' }).click()
}

async function censusOfMap(page: Page, shot?: string): Promise<ColourCensus> {
  const png = await mapOnlyScreenshot(page)
  if (SHOTS && shot) {
    await mkdir(SHOTS, { recursive: true })
    await writeFile(`${SHOTS}/${shot}.png`, png)
  }
  return colourCensus(page, png)
}

function tilePixels(census: ColourCensus): number {
  return (census.pixels[colourKey(TILE_COLOURS.even)] ?? 0) + (census.pixels[colourKey(TILE_COLOURS.odd)] ?? 0)
}

/** Every colour of the choropleth legend is on the map (as in dashboard.test.ts). */
async function expectChoroplethDrawn(page: Page, census: ColourCensus): Promise<void> {
  const swatches = await page.locator('[data-testid=legend-choropleth] .swatch').evaluateAll((items) => items.map((i) => getComputedStyle(i).backgroundColor))
  expect(swatches.length).toBeGreaterThan(1)
  const drawn = swatches.filter((rgb) => {
    const hex = `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`
    return (census.pixels[colourKey(hex)] ?? 0) > 50
  })
  expect(drawn.length, `legend colours on the map: ${drawn.join(' ')} of ${swatches.join(' ')}`).toBeGreaterThan(swatches.length / 2)
}

async function ready(page: Page): Promise<void> {
  // A change first drops the flag (in the same task as the DOM update), then raises it once drawn.
  await page.waitForTimeout(120)
  await page.waitForFunction(() => document.body.dataset.mapReady === '1' || document.body.dataset.atlasError !== undefined, null, { timeout: 60_000 })
  const error = await page.evaluate(() => document.body.dataset.atlasError)
  if (error !== undefined) throw new Error(`the page recorded an error: ${error}`)
}
