// Starts the real server and a headless Chromium for browser tests, and stops both by their own handles.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumPath } from '../../server/export/renderer'
import { PROJECT_ROOT } from '../../server/paths'
import { CHROMIUM_ENDPOINT_ENV } from './shared-chromium'

export interface RunningServer {
  url: string // e.g. http://127.0.0.1:41234
  dataDir: string // a fresh temporary ATLAS_DATA_DIR, removed by stop()
  output(): string // what the server printed so far, for failure messages
  stop(): Promise<void>
}

export interface StartServerOptions {
  env?: Record<string, string> // added to the server's environment
  readyTimeoutMs?: number // 90 000: the first start seeds the demo store
}

/** A port nothing listens on right now: the OS picks it for a listener on port 0. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('freePort: no port'))))
    })
  })
}

/** `node --import tsx server/index.ts` on a free port with an empty data dir (so it seeds the demo). */
export async function startServer({ env = {}, readyTimeoutMs = 90_000 }: StartServerOptions = {}): Promise<RunningServer> {
  const port = await freePort()
  const dataDir = await mkdtemp(join(tmpdir(), 'atlas-e2e-'))
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), ATLAS_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    output: () => output,
    stop: async () => {
      await stopChild(child)
      await rm(dataDir, { recursive: true, force: true })
    },
  }
  try {
    await waitForHealth(server, child, readyTimeoutMs)
  } catch (error) {
    await server.stop()
    throw error
  }
  return server
}

async function waitForHealth(server: RunningServer, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${server.output()}`)
    }
    try {
      const answer = await fetch(`${server.url}/api/health`)
      if (answer.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms:\n${server.output()}`)
}

/** SIGTERM (the server closes its store), then SIGKILL if it has not exited within `graceMs`. */
async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

/**
 * Under vitest, a connection to the suite's shared Chromium (tests/e2e/shared-chromium.ts): closing it
 * closes this file's contexts and leaves the browser to the next file. Elsewhere (benchmarks, scripts), a
 * browser of its own. Either way the same browser and flags as the export renderer: Debian's chromium,
 * WebGL2 through SwiftShader; Playwright gives each launch a fresh temporary profile.
 */
export async function launchBrowser(): Promise<Browser> {
  const shared = process.env[CHROMIUM_ENDPOINT_ENV]
  if (shared) return chromium.connect(shared)
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
}

export interface AtlasPage {
  page: Page
  consoleErrors: string[] // console.error messages and uncaught exceptions, in order
}

export interface OpenAtlasPageOptions {
  width?: number // 1600
  height?: number // 1000
  deviceScaleFactor?: number // 1
  readyTimeoutMs?: number // 60 000: SwiftShader draws slowly
}

/**
 * Opens `url` and waits until the map reports it has drawn (body[data-map-ready="1"]). Fails fast,
 * with the page's own message, when the page records an error instead.
 */
export async function openAtlasPage(browser: Browser, url: string, options: OpenAtlasPageOptions = {}): Promise<AtlasPage> {
  const { width = 1600, height = 1000, deviceScaleFactor = 1, readyTimeoutMs = 60_000 } = options
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor })
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`))
  await page.goto(url)
  await page.waitForFunction(() => document.body.dataset.mapReady === '1' || document.body.dataset.atlasError !== undefined, null, {
    timeout: readyTimeoutMs,
  })
  const pageError = await page.evaluate(() => document.body.dataset.atlasError)
  if (pageError !== undefined) throw new Error(`the page recorded an error: ${pageError}`)
  return { page, consoleErrors }
}

export interface ColourCensus {
  distinct: number // distinct colours, each channel cut to 4 bits so antialiasing noise counts once
  dominantShare: number // share of pixels in the most common colour, 0..1
  pixels: Record<string, number> // pixel count per colour, keyed by colourKey
}

/** A colour cut to 4 bits per channel, written as 3-digit hex: '#4e79a7' → '#47a'. */
export function colourKey(css: string): string {
  const match = /^#([0-9a-f]{6})$/i.exec(css)
  if (!match) throw new Error(`colourKey: expected #rrggbb, got ${JSON.stringify(css)}`)
  return `#${match[1][0]}${match[1][2]}${match[1][4]}`.toLowerCase()
}

/** Counts the colours of a PNG by drawing it into a canvas in the page (Node has no PNG decoder here). */
export async function colourCensus(page: Page, png: Buffer): Promise<ColourCensus> {
  return page.evaluate(async (base64) => {
    const image = new Image()
    image.src = `data:image/png;base64,${base64}`
    await image.decode()
    const canvas = new OffscreenCanvas(image.width, image.height)
    const context = canvas.getContext('2d')
    if (!context) throw new Error('colourCensus: no 2D canvas')
    context.drawImage(image, 0, 0)
    const { data } = context.getImageData(0, 0, image.width, image.height)
    const pixels: Record<string, number> = {}
    for (let i = 0; i < data.length; i += 4) {
      const key = `#${(data[i] >> 4).toString(16)}${(data[i + 1] >> 4).toString(16)}${(data[i + 2] >> 4).toString(16)}`
      pixels[key] = (pixels[key] ?? 0) + 1
    }
    const counts = Object.values(pixels)
    return { distinct: counts.length, dominantShare: Math.max(...counts) / (data.length / 4), pixels }
  }, png.toString('base64'))
}

/** A screenshot of the map alone: the cards, notices and controls floating over it are hidden meanwhile. */
export async function mapOnlyScreenshot(page: Page): Promise<Buffer> {
  const hide = await page.addStyleTag({ content: '.card, .notice, .maplibregl-ctrl { visibility: hidden !important; }' })
  try {
    return await page.locator('.atlas-map').screenshot()
  } finally {
    await hide.evaluate((node) => node.parentNode?.removeChild(node))
  }
}

/** Each colour of the choropleth's legend (as #rrggbb) with the number of the map's pixels drawn in it. */
export async function legendColoursOnMap(page: Page): Promise<[string, number][]> {
  const swatches = await page.locator('[data-testid=legend-choropleth] .swatch').evaluateAll((items) => items.map((i) => getComputedStyle(i).backgroundColor))
  const census = await colourCensus(page, await mapOnlyScreenshot(page))
  return swatches.map((rgb) => {
    const hex = `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`
    return [hex, census.pixels[colourKey(hex)] ?? 0]
  })
}

/**
 * Moves over the map until a province is under the pointer (its tooltip names it); where and which. The
 * ranking chart lists only the leading provinces, so its highlight is no test of what is under the pointer.
 */
export async function hoverProvince(page: Page, box: { x: number; y: number; width: number; height: number }) {
  for (const [fx, fy] of [[0.5, 0.5], [0.55, 0.55], [0.45, 0.45], [0.6, 0.4], [0.4, 0.6]]) {
    const x = box.x + box.width * fx
    const y = box.y + box.height * fy
    await page.mouse.move(x, y)
    const lit = await page
      .waitForFunction(() => {
        const title = document.querySelector('.tooltip-title')?.textContent?.trim()
        return title && /(省|自治区|市)$/.test(title) ? { name: title } : null
      }, null, { timeout: 8_000 })
      .then((handle) => handle.jsonValue())
      .catch(() => null)
    if (lit) return { ...lit, x, y }
  }
  throw new Error('hoverProvince: found no province under the pointer')
}

/** After a change: the ready flag first drops (in the same task as the DOM update), then rises once the map has drawn. */
export async function mapRedrawn(page: Page): Promise<void> {
  await page.waitForTimeout(120)
  await page.waitForFunction(() => document.body.dataset.mapReady === '1' || document.body.dataset.atlasError !== undefined, null, { timeout: 120_000 })
  const error = await page.evaluate(() => document.body.dataset.atlasError)
  if (error !== undefined) throw new Error(`the page recorded an error: ${error}`)
}
