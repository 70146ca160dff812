// Maps of the whole country drawn to the 公开地图内容表示规范 against the real server with the national demo: the
// 南海诸岛 inset on the national dashboard, the national screen at 1080p, 4K and 32:9 and the 海南省 view, none on a
// county; and nothing laid over the map (cards, legends, the tour card, the inset itself) covers 台湾岛, 钓鱼岛,
// 赤尾屿 or 海南岛's tip, whose places the map reports on <body data-protected-places>.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer, type RunningServer } from './harness'

let server: RunningServer | undefined
let browser: Browser | undefined

beforeAll(async () => {
  await ensureWebBuild()
  server = await startServer({ env: { ATLAS_DEMO: 'national', ATLAS_DEMO_UNITS: '1500' }, readyTimeoutMs: 240_000 })
  browser = await launchBrowser()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

interface Rect {
  name: string
  left: number
  top: number
  right: number
  bottom: number
}

interface Layout {
  places: { name: string; x: number; y: number }[]
  map: Rect
  overlays: Rect[]
  insetText: string | null
}

/** The map's places, its box, and every box laid over it (`overlaySelector`), measured in the page. */
async function layoutOf(page: Page, overlaySelector: string): Promise<Layout> {
  await page.waitForSelector('body[data-map-ready="1"][data-protected-places]', { timeout: 90_000 })
  await page.waitForSelector('[data-testid="south-china-sea-inset"] path', { timeout: 30_000 })
  await page.waitForTimeout(500) // the last moveend's report
  return page.evaluate(`(() => {
    const box = (el, name) => { const r = el.getBoundingClientRect(); return { name, left: r.left, top: r.top, right: r.right, bottom: r.bottom } }
    const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' }
    const overlays = [...document.querySelectorAll(${JSON.stringify(overlaySelector)})].filter(shown).map((el) => box(el, el.className || el.tagName))
    const inset = document.querySelector('[data-testid="south-china-sea-inset"]')
    return {
      places: JSON.parse(document.body.dataset.protectedPlaces),
      map: box(document.querySelector('.atlas-map'), 'map'),
      overlays,
      insetText: inset ? inset.textContent : null,
    }
  })()`)
}

function checkNothingCovers(layout: Layout) {
  expect(layout.insetText).toContain('南海诸岛')
  expect(layout.insetText).toContain('曾母暗沙')
  for (const place of layout.places) {
    const { map } = layout
    expect(place.x > map.left && place.x < map.right && place.y > map.top && place.y < map.bottom, `${place.name} is on the map`).toBe(true)
    for (const o of layout.overlays) {
      const covered = place.x > o.left - 4 && place.x < o.right + 4 && place.y > o.top - 4 && place.y < o.bottom + 4
      expect(covered, `${place.name} (${place.x.toFixed(0)}, ${place.y.toFixed(0)}) under ${o.name}`).toBe(false)
    }
  }
  const inset = layout.overlays.find((o) => o.name.includes('south-china-sea-inset'))!
  expect(inset).toBeDefined()
  for (const o of layout.overlays.filter((o) => o !== inset)) {
    const overlaps = o.left < inset.right && o.right > inset.left && o.top < inset.bottom && o.bottom > inset.top
    expect(overlaps, `${o.name} over the inset`).toBe(false)
  }
}

async function open(path: string, width: number, height: number): Promise<Page> {
  const page = await (await browser!.newContext({ viewport: { width, height } })).newPage()
  await page.goto(`${server!.url}${path}`)
  return page
}

const DASHBOARD_OVERLAYS = '.map-area > :not(.atlas-map), .map-area .maplibregl-ctrl'
const SCREEN_OVERLAYS = '.screen-map > :not(.atlas-map), .screen-map .maplibregl-ctrl'

test('the national dashboard carries the inset, and nothing covers the islands', async () => {
  const page = await open('/', 1920, 1080)
  checkNothingCovers(await layoutOf(page, DASHBOARD_OVERLAYS))
  await page.context().close()
}, 180_000)

test('a name under the inset is drawn under it: panned so that 台湾 lies beneath, the inset looks the same with names on and off', async () => {
  const insetPixels = async (layers: string) => {
    const page = await open(`/?center=110,29&zoom=5&layers=${layers}`, 1920, 1080)
    await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, { timeout: 120_000 })
    const shot = await page.locator('.south-china-sea-inset-box').screenshot()
    await page.context().close()
    return shot
  }
  const withNames = await insetPixels('choropleth,units,labels')
  const withoutNames = await insetPixels('choropleth,units')
  expect(withNames.equals(withoutNames), 'the inset with names on differs from the inset with names off: a name is painted over it').toBe(true)
}, 180_000)

test.each([
  ['1080p', 1920, 1080],
  ['4K', 3840, 2160],
  ['32:9', 5120, 1440],
])('the national screen at %s carries the inset, and nothing covers the islands', async (_, width, height) => {
  const page = await open('/screen?tour=600', width, height)
  checkNothingCovers(await layoutOf(page, SCREEN_OVERLAYS))
  await page.context().close()
}, 180_000)

test('海南省 carries the inset; a county does not', async () => {
  const hainan = await open('/?area=460000', 1920, 1080)
  await hainan.waitForSelector('[data-testid="south-china-sea-inset"] path', { timeout: 90_000 })
  await hainan.context().close()
  const county = await open('/?area=530626', 1920, 1080)
  await county.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
  expect(await county.locator('[data-testid="south-china-sea-inset"]').count()).toBe(0)
  expect(await county.evaluate('document.body.dataset.protectedPlaces ?? null')).toBeNull()
  await county.context().close()
}, 180_000)

test("a national print export carries the inset, its title and island names as the PDF's text, and the unreviewed marking", async () => {
  const pdf = await fetch(`${server!.url}/api/export?area=000000&format=pdf&paper=a4&dpi=150`)
  expect(pdf.status).toBe(200)
  const dir = mkdtempSync(join(tmpdir(), 'atlas-national-pdf-'))
  try {
    const file = join(dir, 'national.pdf')
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    for (const word of ['南海诸岛', '东沙群岛', '西沙群岛', '南沙群岛', '曾母暗沙', '内部用图 未经审核 不得公开']) expect(text, word).toContain(word)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 300_000)

