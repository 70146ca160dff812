// The export draws what the dashboard view shows: a view filtered to 学校 with the corridors and the
// heatmap on prints the corridor line, the heatmap's ramp and only the 学校 legend row, through the real
// GET /api/export (the server's own Chromium). The unfiltered view is checked in export.test.ts.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { DEFAULT_VIEW_STATE, serializeViewState, type ViewState } from '../../server/shared/view-state'
import { CORRIDOR_KEY, heatmapPixels, legendRow, QIJIN } from './export-colours'
import { colourCensus, launchBrowser, startServer, type ColourCensus, type RunningServer } from './harness'

const FILTERED: ViewState = { ...DEFAULT_VIEW_STATE, categories: ['学校'], overlays: ['corridors', 'heatmap'] }

describe('export of the dashboard view: categories and overlays', () => {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let dir = ''

  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    browser = await launchBrowser()
    dir = process.env.ATLAS_EXPORT_KEEP ?? (await mkdtemp(join(tmpdir(), 'atlas-export-overlays-')))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (dir && !process.env.ATLAS_EXPORT_KEEP) await rm(dir, { recursive: true, force: true })
  })

  async function exported(format: 'png' | 'pdf', view: ViewState, name: string): Promise<{ file: string; body: Buffer }> {
    const answer = await fetch(`${server!.url}/api/export?format=${format}&paper=A4&dpi=150&view=${encodeURIComponent(serializeViewState(view))}`)
    expect(answer.status, await answer.clone().text().then((t) => t.slice(0, 300))).toBe(200)
    const body = Buffer.from(await answer.arrayBuffer())
    const file = join(dir, `${name}.${format}`)
    await writeFile(file, body)
    return { file, body }
  }

  async function censusOf(png: Buffer): Promise<ColourCensus> {
    const page = await browser!.newPage()
    try {
      return await colourCensus(page, png)
    } finally {
      await page.close()
    }
  }

  const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/ +/g, ' ')

  test('a PNG of 学校 with corridors and heatmap draws the corridor teal and the heatmap ramp', async () => {
    const { body } = await exported('png', FILTERED, 'filtered-overlays')
    const census = await censusOf(body)
    // Three sample corridors, 5 px wide at 150 DPI, tens of km long: thousands of pixels.
    expect(census.pixels[CORRIDOR_KEY] ?? 0, 'corridor teal pixels').toBeGreaterThan(1000)
    expect(heatmapPixels(census), 'heatmap ramp pixels').toBeGreaterThan(1000)
  }, 120_000)

  test('a PDF of the same view lists 示范走廊 and 学校, and no other category', async () => {
    const text = pdfText((await exported('pdf', FILTERED, 'filtered-overlays')).file)
    expect(text).toContain('七进 · 学校 · 示范单位总数')
    expect(text).toMatch(/示范走廊 \(示例\) 3/) // the demo's three sample corridors, all in 昭通市
    expect(text).toContain('示范单位热力')
    expect(text).toContain('示范走廊为演示用虚构数据')
    const school = legendRow('学校').exec(text)
    expect(school, text).not.toBeNull()
    expect(Number(school![1])).toBeGreaterThan(0)
    for (const category of QIJIN.filter((c) => c !== '学校')) expect(text, `no legend row of ${category}`).not.toMatch(legendRow(category))
    expect(text).toMatch(/(?<!\d)1\/1(?!\d)/) // categories covered, out of the one chosen
  }, 120_000)

  test('the heatmap is finished when the page says it is ready: the map does not change afterwards', async () => {
    const page = await browser!.newPage({ viewport: { width: 1754, height: 1240 } })
    try {
      await page.goto(`${server!.url}/export?render=1&dpi=150&${serializeViewState(FILTERED)}`)
      await page.waitForFunction(() => document.body.dataset.exportReady === '1' || document.body.dataset.atlasError !== undefined, null, { timeout: 110_000 })
      expect(await page.evaluate(() => document.body.dataset.atlasError)).toBeUndefined()
      const atReady = await page.locator('.sheet-map').screenshot()
      await page.waitForTimeout(1500) // three times the HeatmapLayer's 500 ms debounce
      expect((await page.locator('.sheet-map').screenshot()).equals(atReady)).toBe(true)
      // The legend names what the map draws, and only that.
      const legend = page.locator('[data-testid=sheet-legend]')
      expect(await legend.locator('[data-category]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-category')))).toEqual(['学校'])
      expect(await legend.locator('[data-testid=legend-heatmap]').count()).toBe(1)
      expect(await legend.locator('[data-testid=legend-corridors]').textContent()).toMatch(/示范走廊 \(示例\)\s*3/)
      expect(await legend.locator('[data-testid=legend-density]').count()).toBe(0)
    } finally {
      await page.close()
    }
  }, 120_000)
})
