// Export against the real server: GET /api/export renders in the server's own Chromium (PNG and PDF, in
// Chinese and in English), the layout's scale bar is checked against a known ground distance, and the CLI
// writes a file once, and a provincial map without a 审图号 with the unreviewed marking.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../../server/cli/main'
import { PROJECT_ROOT } from '../../server/paths'
import { ensureWebBuild } from '../../server/web-build'
import { groundMetres } from '../../web/export/scale-bar'
import { CORRIDOR_KEY, heatmapPixels, legendRow, QIJIN } from './export-colours'
import { colourCensus, launchBrowser, startServer, type RunningServer } from './harness'

const TITLE = '昭通市示范单位分布测试图'
const REVIEW = '云S(2024)001号'

describe('export', () => {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let dir = ''

  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    browser = await launchBrowser()
    dir = await mkdtemp(join(tmpdir(), 'atlas-export-e2e-'))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  test('GET /api/export renders an A4 @ 150 DPI PNG of exactly 1754×1240 px that is not blank', async () => {
    const answer = await fetch(`${server!.url}/api/export?format=png&paper=A4&dpi=150&title=${encodeURIComponent(TITLE)}`)
    expect(answer.status, await answer.clone().text().then((t) => t.slice(0, 300))).toBe(200)
    expect(answer.headers.get('content-type')).toBe('image/png')
    const png = Buffer.from(await answer.arrayBuffer())
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1754, 1240]) // IHDR width, height
    if (process.env.ATLAS_EXPORT_KEEP) await writeFile(join(process.env.ATLAS_EXPORT_KEEP, 'e2e-a4-150.png'), png)
    const page = await browser!.newPage()
    const census = await colourCensus(page, png)
    await page.close()
    expect(census.distinct).toBeGreaterThan(40)
    expect(census.dominantShare).toBeLessThan(0.75)
    // The default view has neither of the dashboard's overlays (export-overlays.test.ts draws them).
    expect(census.pixels[CORRIDOR_KEY] ?? 0, 'corridor teal pixels').toBeLessThan(50)
    expect(heatmapPixels(census), 'heatmap ramp pixels').toBeLessThan(200)
  })

  test('GET /api/export renders an A4 PDF with its title, legend, source and 审图号 as text', async () => {
    const query = `format=pdf&dpi=150&title=${encodeURIComponent(TITLE)}&reviewNumber=${encodeURIComponent(REVIEW)}&view=${encodeURIComponent('minLevel=市级')}`
    const answer = await fetch(`${server!.url}/api/export?${query}`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/pdf')
    const file = join(dir, 'map.pdf')
    await writeFile(file, Buffer.from(await answer.arrayBuffer()))
    const info = execFileSync('pdfinfo', [file]).toString()
    expect(info).toMatch(/Pages:\s+1\n/)
    const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info) ?? []
    // Chromium rounds the page to whole CSS px: within half a millimetre (1.4 pt) of 297 × 210 mm.
    expect(Math.abs(Number(width) - (297 / 25.4) * 72)).toBeLessThan(1.5) // 841.9 pt
    expect(Math.abs(Number(height) - (210 / 25.4) * 72)).toBeLessThan(1.5) // 595.3 pt
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/ +/g, ' ')
    expect(text).toContain(TITLE)
    expect(text).toContain('图例')
    expect(text).toContain('示范单位总数 (市级及以上)')
    expect(text).toContain('数据来源')
    expect(text).toContain(`审图号：${REVIEW}`)
    expect(text).toContain('示例数据')
    expect(text).toContain('千米')
    // Anonymous: the 宗教活动场所 are counted (as in the KPIs and /api/coverage) but not drawn, and the legend says so.
    expect(text).toMatch(/宗教活动场所 [1-9]\d*（位置不公开）/)
    // Unfiltered: every category of the scheme in the legend, none in the subtitle, no overlay rows.
    for (const category of QIJIN) expect(text, `the legend row of ${category}`).toMatch(legendRow(category))
    expect(text).toMatch(/七进 · 示范单位总数 \(市级及以上\) · 截至 \d{4} 年底/)
    expect(text).toMatch(/(?<!\d)[0-7]\/7(?!\d)/) // categories covered, out of the scheme's seven
    expect(text).not.toContain('示范走廊')
    expect(text).not.toContain('热力')
  })

  test('lang=en: every word the layout prints is English, the names of places and categories as stored', async () => {
    const answer = await fetch(`${server!.url}/api/export?format=pdf&dpi=150&lang=en&table=1`)
    expect(answer.status).toBe(200)
    const file = join(dir, 'map-en.pdf')
    await writeFile(file, Buffer.from(await answer.arrayBuffer()))
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/ +/g, ' ')
    expect(text).toContain('Ethnic Unity Demonstration Units in 昭通市')
    expect(text).toMatch(/七进 · Named units \(County level and above\) · as of end of \d{4}/)
    for (const words of ['Legend', 'Unit categories (七进)', 'Boundary of 昭通市', 'County boundary', 'Sample data: unit names and locations', 'Coverage', 'Per 10k', 'Source: ledger', 'Map date:', 'km']) {
      expect(text, words).toContain(words)
    }
    expect(text).toMatch(/宗教活动场所 [1-9]\d* \(location not public\)/)
    // No word of the Chinese layout (位置示意 too: with the table the locator map has no room and is hidden), and a
    // prefecture prints nothing about review without a 审图号.
    for (const words of ['图例', '示范单位总数', '数据来源', '制图日期', '示例数据', '千米', '位置示意', '审图号', '内部用图', 'Internal use']) {
      expect(text, words).not.toContain(words)
    }
  })

  test('a provincial map without a 审图号 prints the unreviewed marking (atlas export on its own data dir)', async () => {
    const provinces = JSON.parse(await readFile(join(PROJECT_ROOT, 'geodata/national/provinces.z5.geojson'), 'utf8')) as { features: { properties: { code: string } }[] }
    const yunnan = join(dir, 'yunnan.geojson')
    await writeFile(yunnan, JSON.stringify({ type: 'FeatureCollection', features: provinces.features.filter((f) => f.properties.code === '530000') }))
    const env: Record<string, string | undefined> = { ...process.env, ATLAS_DATA_DIR: join(dir, 'province-data') }
    delete env.ATLAS_URL
    delete env.ATLAS_MAP_REVIEW_NUMBER
    delete env.ATLAS_MAP_UNREVIEWED_MARKING
    let err = ''
    const io = { out: () => {}, err: (t: string) => (err += t), env }
    expect(await runCli(['import', 'areas', yunnan, '--level', 'province'], io), err).toBe(0)
    const file = join(dir, 'yunnan.pdf')
    expect(await runCli(['export', '--out', file, '--dpi', '150', '--view', 'area=530000'], io), err).toBe(0)
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/ +/g, ' ')
    expect(text).toContain('云南省民族团结进步创建示范单位分布图')
    expect(text).toContain('内部用图 未经审核 不得公开')
    expect(text).not.toContain('审图号')
  })

  test('the scale bar matches a known ground distance on the rendered map', async () => {
    const page = await browser!.newPage({ viewport: { width: 1754, height: 1240 } })
    await page.goto(`${server!.url}/export?render=1&dpi=150&area=530626`)
    await page.waitForFunction(() => document.body.dataset.exportReady === '1' || document.body.dataset.atlasError !== undefined, null, { timeout: 110_000 })
    expect(await page.evaluate(() => document.body.dataset.atlasError)).toBeUndefined()
    // Two points on 28.45°N in 绥江县, 0.3° of longitude apart: 29.3 km on the ground (haversine).
    const a: [number, number] = [103.85, 28.45]
    const b: [number, number] = [104.15, 28.45]
    const probe = await page.evaluate(([p, q]) => {
      const handle = window.atlasExport?.probe()
      return handle ? { bar: handle.scaleBar, pa: handle.project(p), pb: handle.project(q) } : null
    }, [a, b] as const)
    expect(probe).not.toBeNull()
    const { bar, pa, pb } = probe!
    const pixels = Math.hypot(pb[0] - pa[0], pb[1] - pa[1])
    const byBar = (pixels * bar.metres) / bar.pixels
    expect(byBar / groundMetres(a, b)).toBeGreaterThan(0.99)
    expect(byBar / groundMetres(a, b)).toBeLessThan(1.01)
    // The bar drawn on the page is as long as it claims.
    const firstHalf = await page.locator('[data-testid=scale-bar] rect').first().boundingBox() // black, unstroked
    expect(firstHalf!.width * 2).toBeCloseTo(bar.pixels, 0)
    await page.close()
  })

  test('bad parameters are refused with the parameter named', async () => {
    const answer = await fetch(`${server!.url}/api/export?paper=A5`)
    expect(answer.status).toBe(400)
    expect(await answer.text()).toContain('paper')
  })

  test('atlas export --out map.png --dpi 150 writes the PNG and says what it wrote', async () => {
    const file = join(dir, 'cli.png')
    let out = ''
    let err = ''
    const code = await runCli(['export', '--out', file, '--paper', 'A4', '--dpi', '150', '--view', 'area=530626'], {
      out: (t) => (out += t),
      err: (t) => (err += t),
      env: { ...process.env, ATLAS_URL: server!.url },
    })
    expect(code, err).toBe(0)
    expect(out).toContain(file)
    expect(out).toContain('1754×1240 px')
    expect(out).toMatch(/in \d+\.\d s/)
    const png = await readFile(file)
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1754, 1240])
  })
})
