// /brief against the real server and its renderer: an anonymous reader picks 绥江县 and 2025 from a link,
// asks for the preview, and sees the briefing's page with its title, its tables, the map figure drawn by the
// export renderer and the public-version source line; the download link fetches a Word file.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer, type RunningServer } from './harness'

let server: RunningServer | undefined
let browser: Browser | undefined

beforeAll(async () => {
  await ensureWebBuild()
  server = await startServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('the preview shows the briefing with its map, and the download is a Word file', async () => {
  const context = await browser!.newContext({ viewport: { width: 1440, height: 1000 } })
  const page = await context.newPage()
  await page.goto(`${server!.url}/brief?area=530626&period=2025`)
  await expect.poll(() => page.getByLabel('区域（县市区）').inputValue(), { timeout: 30_000 }).toBe('530626')
  expect(await page.getByLabel('期间类型').inputValue()).toBe('year')

  await page.getByTestId('brief-preview-button').click()
  const preview = page.frameLocator('[data-testid=brief-preview]')
  await preview.locator('h1.title').waitFor({ timeout: 120_000 })
  expect(await preview.locator('h1.title').textContent()).toBe('绥江县民族团结进步示范创建工作简报（2025年）')
  expect(await preview.locator('h2').allTextContents()).toContain('三、各地创建情况')
  expect(await preview.locator('table').count()).toBeGreaterThanOrEqual(3)
  expect(await preview.locator('.source').textContent()).toContain('（公开版：敏感类别单位已汇总）')
  const map = preview.locator('figure img')
  await expect.poll(() => map.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(1000)

  const href = await page.getByTestId('brief-download').getAttribute('href')
  expect(href).toBe('/api/brief?area=530626&period=2025&lang=zh&format=docx')
  const file = await page.request.get(`${server!.url}${href}`, { timeout: 120_000 })
  expect(file.status()).toBe(200)
  expect((await file.body()).subarray(0, 2).toString()).toBe('PK')
  await context.close()
}, 300_000)

test("the PDF's text (pdftotext) holds the title and, row by row, the townships' numbers /api/coverage gives", async () => {
  const coverage = (await (await fetch(`${server!.url}/api/coverage?level=township&parent=530626&year=2025`)).json()) as {
    areas: { name: string; total: number; byLevel: Record<string, number> }[]
  }
  const pdf = await fetch(`${server!.url}/api/brief?area=530626&period=2025&format=pdf`)
  expect(pdf.status).toBe(200)
  const dir = mkdtempSync(join(tmpdir(), 'atlas-brief-pdf-'))
  try {
    const file = join(dir, 'brief.pdf')
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(text).toContain('绥江县民族团结进步示范创建工作简报（2025年）')
    expect(text).toContain('示例数据')
    const lines = text.split('\n')
    for (const area of coverage.areas) {
      const row = lines.find((line) => line.trim().startsWith(`${area.name} `))
      expect(row, area.name).toBeDefined()
      const numbers = (row ?? '').trim().split(/\s+/).slice(1, 6).map(Number)
      expect(numbers, area.name).toEqual([area.total, area.byLevel.国家级, area.byLevel.省级, area.byLevel.市级, area.byLevel.县级])
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 300_000)

