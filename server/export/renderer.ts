// Renders export pages in headless Chromium: ONE browser kept across jobs (launched on first use,
// closed after it sits idle), and in it one warm page: its browser context (viewport and device scale
// factor) is kept while jobs ask for the same page size, so a job opens the /export page in render mode
// on the atlas's own origin in a tab that is already there, with the web bundle and fonts in its cache,
// and captures once the page says every map has drawn (body[data-export-ready]="1"). A job of another
// size gets a new context; a failed job's is closed. Reusing the context between readers is safe because
// answers that differ by caller are sent `private, no-cache` with `Vary: Authorization`
// (server/http/session.ts): the browser asks again every time and never serves one reader's copy to another.
import { DomainError } from '../domain-error'
import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { pdfScale } from '../shared/paper'
import type { ExportRequest } from './export-request'
import { zipStore, type ZipEntry } from './zip'

/** Flags that give WebGL2 through SwiftShader as root and keep the browser off the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  // Page text rasterised on the CPU: SwiftShader rasterising it on the GPU thread made every export frame
  // ~3 s slower to composite (Chrome trace: SkiaOutputSurfaceImplOnGpu::SwapBuffers), the map itself unchanged.
  '--disable-gpu-rasterization',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

export interface RendererOptions {
  executablePath?: string // ATLAS_CHROMIUM, else /usr/bin/chromium
  idleCloseMs?: number // 300 000: the browser is closed after this long without a job
  pageTimeoutMs?: number // 120 000: per sheet, for the map to draw
}

export interface RenderProgress {
  stage: 'starting' | 'loading' | 'drawing' | 'capturing' | 'done'
  done: number // sheets drawn (or captured, while capturing)
  total: number // sheets, once known
}

export interface RenderResult {
  bytes: Buffer
  pages: number
  widthPx: number
  heightPx: number
  sheets: string[] // area codes, one per page
}

/** Rendering failed in a way the caller can act on (no browser, the page's own error). */
export class RenderError extends DomainError {
  constructor(message: string) {
    super('unavailable', message, { code: 'export_unavailable' })
  }
}

/** A context and its page kept between jobs of one capture size. */
interface WarmPage {
  size: string // "cssWidth×cssHeight@deviceScaleFactor"
  context: BrowserContext
  page: Page
}

export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  return env.ATLAS_CHROMIUM || '/usr/bin/chromium'
}

export class ExportRenderer {
  private browser: Promise<Browser> | null = null
  private warm: WarmPage | null = null // null while a job uses it, or before the first job
  private idleTimer: NodeJS.Timeout | null = null
  private readonly executablePath: string
  private readonly idleCloseMs: number
  private readonly pageTimeoutMs: number

  constructor({ executablePath = chromiumPath(), idleCloseMs = 300_000, pageTimeoutMs = 120_000 }: RendererOptions = {}) {
    this.executablePath = executablePath
    this.idleCloseMs = idleCloseMs
    this.pageTimeoutMs = pageTimeoutMs
  }

  /** The browser's process id, once launched (for RSS measurements). */
  async browserPid(): Promise<number | null> {
    if (!this.browser) return null
    const browser = await this.browser
    const process = (browser as unknown as { _process?: { pid?: number } })._process // not public API; used only by the benchmark
    return process?.pid ?? null
  }

  /**
   * `token`: the job's render credential (server/auth/render-tokens.ts), given to the page as ?token=,
   * which sends it with its own API requests only; absent, the page reads as an anonymous viewer.
   */
  async render(request: ExportRequest, baseUrl: string, onProgress: (p: RenderProgress) => void = () => {}, token?: string): Promise<RenderResult> {
    this.holdOpen()
    try {
      onProgress({ stage: 'starting', done: 0, total: 0 })
      const t0 = Date.now()
      const browser = await this.launched()
      const { cssWidth, cssHeight } = request.capture
      const slot = await this.pageOfSize(browser, request.capture)
      const page = slot.page
      const problems: string[] = []
      const onPageError = (error: Error) => problems.push(error.message)
      page.on('pageerror', onPageError)
      let reusable = false
      try {
        const freeze = request.format === 'pdf' ? '&freeze=1' : ''
        const credential = token ? `&token=${encodeURIComponent(token)}` : ''
        onProgress({ stage: 'loading', done: 0, total: 0 })
        const pageUrl = `${baseUrl.replace(/\/$/, '')}/export?render=1&${request.pageQuery}${freeze}${credential}`
        await page.goto(pageUrl, { waitUntil: 'domcontentloaded' }).catch((error: Error) => {
          // Playwright names the URL it failed to open: keep the credential out of logs and answers.
          throw token ? new Error(error.message.split(token).join('…')) : error
        })
        const trace = process.env.ATLAS_EXPORT_TRACE ? (what: string) => console.error(`[export] ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`) : () => {}
        const sheets = await this.waitUntilDrawn(page, onProgress, problems)
        trace('drawn')
        const result = { pages: sheets.length, widthPx: request.size.widthPx, heightPx: request.size.heightPx, sheets }
        const clip = { x: 0, y: 0, width: cssWidth, height: cssHeight }
        const omitBackground = request.options.transparent
        if (request.format === 'png') {
          onProgress({ stage: 'capturing', done: 0, total: 1 })
          const bytes = await capturePng(page, clip, omitBackground)
          trace('captured')
          reusable = true
          return { ...result, bytes }
        }
        if (request.format === 'zip') {
          const entries: ZipEntry[] = []
          for (let i = 0; i < sheets.length; i++) {
            onProgress({ stage: 'capturing', done: i, total: sheets.length })
            await page.evaluate((index) => window.atlasExport?.show(index), i)
            await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
            const data = await capturePng(page, clip, omitBackground)
            entries.push({ name: `${String(i + 1).padStart(2, '0')}-${sheets[i]}.png`, data })
          }
          reusable = true
          return { ...result, bytes: zipStore(entries) }
        }
        onProgress({ stage: 'capturing', done: 0, total: sheets.length })
        const bytes = await page.pdf({
          width: `${request.size.widthMm}mm`,
          height: `${request.size.heightMm}mm`,
          margin: { top: '0', right: '0', bottom: '0', left: '0' },
          printBackground: true,
          scale: pdfScale(request.size, cssWidth, cssHeight),
        })
        reusable = true
        return { ...result, bytes }
      } finally {
        page.off('pageerror', onPageError)
        await this.putBack(slot, reusable)
      }
    } finally {
      this.releaseLater()
    }
  }

  /** The warm page when it has this capture size, else a new context and page (the warm one closed). */
  private async pageOfSize(browser: Browser, { cssWidth, cssHeight, deviceScaleFactor }: ExportRequest['capture']): Promise<WarmPage> {
    const size = `${cssWidth}×${cssHeight}@${deviceScaleFactor}`
    const warm = this.warm
    this.warm = null
    if (warm && warm.size === size && !warm.page.isClosed()) return warm
    await warm?.context.close().catch(() => undefined)
    const context = await browser.newContext({ viewport: { width: cssWidth, height: cssHeight }, deviceScaleFactor })
    return { size, context, page: await context.newPage() }
  }

  /**
   * After a job: a page that finished is emptied (about:blank lets go of its maps' WebGL memory and of the
   * job's credential in its URL) and kept for the next job; one that failed is closed with its context.
   */
  private async putBack(slot: WarmPage, reusable: boolean): Promise<void> {
    const emptied = reusable && (await slot.page.goto('about:blank').then(() => true, () => false))
    if (!emptied || this.warm || !this.browser) {
      await slot.context.close().catch(() => undefined)
      return
    }
    this.warm = slot
  }

  /**
   * Prints a self-contained HTML page (a 工作简报) to a PDF in the same browser, text as text; its @page rule
   * sets the paper. The page may load nothing: every request it makes is refused.
   */
  async printHtml(html: string): Promise<Buffer> {
    this.holdOpen()
    try {
      const browser = await this.launched()
      const context = await browser.newContext()
      try {
        await context.route('**/*', (route) => route.abort())
        const page = await context.newPage()
        page.setDefaultTimeout(this.pageTimeoutMs)
        await page.setContent(html, { waitUntil: 'load' })
        await page.evaluate(() => document.fonts.ready.then(() => undefined))
        return await page.pdf({ preferCSSPageSize: true, printBackground: true })
      } catch (error) {
        throw new RenderError(`the briefing could not be printed: ${(error as Error).message.split('\n')[0]}`)
      } finally {
        await context.close()
      }
    } finally {
      this.releaseLater()
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    this.warm = null // closed with the browser
    const browser = this.browser
    this.browser = null
    if (browser) await (await browser.catch(() => null))?.close()
  }

  private launched(): Promise<Browser> {
    if (!this.browser) {
      if (!existsSync(this.executablePath)) {
        throw new RenderError(
          `Chromium was not found at ${this.executablePath}: install it with "apt-get install chromium fonts-noto-cjk" (Debian), or set ATLAS_CHROMIUM to its path`,
        )
      }
      this.browser = chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS }).catch((error: Error) => {
        this.browser = null
        throw new RenderError(`Chromium at ${this.executablePath} did not start: ${error.message.split('\n')[0]}`)
      })
      void this.browser.then(
        (b) =>
          b.on('disconnected', () => {
            this.browser = null
            this.warm = null
          }),
        () => undefined,
      )
    }
    return this.browser
  }

  /** Waits for body[data-export-ready]="1", reporting body[data-export-progress]; the page's own error wins. */
  private async waitUntilDrawn(page: Page, onProgress: (p: RenderProgress) => void, problems: string[]): Promise<string[]> {
    let lastDone = -1
    let lastChange = Date.now()
    let lastProgressText: string | null = null
    for (;;) {
      const state = await page.evaluate(() => ({
        ready: document.body.dataset.exportReady === '1',
        error: document.body.dataset.atlasError ?? null,
        progress: document.body.dataset.exportProgress ?? null,
        sheets: window.atlasExport?.sheets ?? [],
      }))
      if (state.error !== null) throw new RenderError(`the export page failed: ${state.error}`)
      if (state.ready) return state.sheets
      const [done, total] = (state.progress ?? '0/0').split('/').map(Number)
      if (done !== lastDone) {
        lastDone = done
        lastChange = Date.now()
        onProgress({ stage: 'drawing', done, total })
      }
      if (process.env.ATLAS_EXPORT_TRACE && state.progress !== lastProgressText) {
        lastProgressText = state.progress
        console.error(`[export] progress ${state.progress} at ${new Date().toISOString().slice(17, 23)}`)
      }
      if (Date.now() - lastChange > this.pageTimeoutMs) {
        throw new RenderError(`the export page did not finish drawing within ${this.pageTimeoutMs / 1000} s${problems.length ? `: ${problems.join('; ')}` : ''}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  private holdOpen(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  private releaseLater(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => void this.close(), this.idleCloseMs)
    this.idleTimer.unref()
  }
}

/**
 * A PNG of `clip` at the page's device scale factor. Chromium's fast PNG setting (optimizeForSpeed: a
 * lighter zlib level) cuts the encoding time of a 17-megapixel A3 @ 300 DPI page; a transparent capture
 * goes through Playwright, which clears the default background first.
 */
async function capturePng(page: Page, clip: { x: number; y: number; width: number; height: number }, omitBackground: boolean): Promise<Buffer> {
  if (omitBackground) return page.screenshot({ clip, omitBackground, type: 'png' })
  const cdp = await page.context().newCDPSession(page)
  try {
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', clip: { ...clip, scale: 1 }, optimizeForSpeed: true, captureBeyondViewport: false })
    return Buffer.from(data, 'base64')
  } finally {
    await cdp.detach()
  }
}
