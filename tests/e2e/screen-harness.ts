// A server the screen's tests can stop and start again on the same port and data dir (to cut the
// screen's connection and restore it), and the checks every screen size must pass.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { PROJECT_ROOT } from '../../server/paths'
import { freePort } from './harness'

export interface RestartableServer {
  url: string
  port: number
  dataDir: string
  output(): string
  /** Stops the process (SIGTERM, then SIGKILL); the data dir stays for `start()`. */
  halt(): Promise<void>
  /** Starts it again on the same port and data dir, and waits until /api/health answers. */
  start(): Promise<void>
  /** Stops it for good and removes the data dir. */
  stop(): Promise<void>
}

export async function startRestartableServer({ env = {}, readyTimeoutMs = 90_000 } = {}): Promise<RestartableServer> {
  const port = await freePort()
  const dataDir = await mkdtemp(join(tmpdir(), 'atlas-screen-e2e-'))
  const url = `http://127.0.0.1:${port}`
  let child: ChildProcess | null = null
  let output = ''
  const start = async () => {
    const spawned = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PORT: String(port), ATLAS_DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = spawned
    spawned.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    spawned.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const deadline = Date.now() + readyTimeoutMs
    while (Date.now() < deadline) {
      if (spawned.exitCode !== null) throw new Error(`the server exited with code ${spawned.exitCode}:\n${output}`)
      try {
        if ((await fetch(`${url}/api/health`)).ok) return
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    throw new Error(`the server did not answer /api/health within ${readyTimeoutMs} ms:\n${output}`)
  }
  const halt = async () => {
    const running = child
    child = null
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()))
    running.kill('SIGTERM')
    const timer = setTimeout(() => running.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  const server: RestartableServer = {
    url,
    port,
    dataDir,
    output: () => output,
    halt,
    start,
    stop: async () => {
      await halt()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
  try {
    await start()
  } catch (error) {
    await server.stop()
    throw error
  }
  return server
}

export interface LayoutReport {
  viewport: { width: number; height: number }
  scroll: { width: number; height: number } // document scroll size
  outside: string[] // panels whose box leaves the viewport
  overflowing: string[] // panels whose content is larger than their box (clipped)
  panels: string[]
}

/** Where every [data-panel] lies, and whether anything scrolls or is clipped. */
export async function layoutReport(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const viewport = { width: window.innerWidth, height: window.innerHeight }
    const scroll = {
      width: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      height: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight),
    }
    const outside: string[] = []
    const overflowing: string[] = []
    const panels: string[] = []
    for (const element of document.querySelectorAll<HTMLElement>('[data-panel]')) {
      const name = element.dataset.panel ?? '?'
      panels.push(name)
      const box = element.getBoundingClientRect()
      const tolerance = 0.5
      if (box.left < -tolerance || box.top < -tolerance || box.right > viewport.width + tolerance || box.bottom > viewport.height + tolerance) {
        outside.push(`${name} ${JSON.stringify([box.left, box.top, box.right, box.bottom].map(Math.round))}`)
      }
      const body = element.querySelector<HTMLElement>('.screen-panel-body') ?? element
      if (name !== 'ticker' && name !== 'map' && (body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1)) {
        overflowing.push(`${name} ${body.scrollWidth}×${body.scrollHeight} in ${body.clientWidth}×${body.clientHeight}`)
      }
    }
    return { viewport, scroll, outside, overflowing, panels }
  })
}

export interface ScreenPage {
  page: Page
  consoleErrors: string[]
}

/**
 * Opens /screen… and waits for the map to report it has drawn (or, with `waitForMap: false`, for the
 * tour card). Reduced motion stops the ticker's scroll and the counters' roll: on a software renderer a
 * full-screen animation at 7680×2160 starves everything else. Closes the page when it fails.
 */
export async function openScreenPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  { waitForMap = true, timeoutMs = 150_000 } = {},
): Promise<ScreenPage> {
  const page = await browser.newPage({ viewport, reducedMotion: 'reduce' })
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`))
  try {
    await page.goto(url)
    if (waitForMap) {
      await page.waitForFunction(() => document.body.dataset.mapReady === '1' || document.body.dataset.atlasError !== undefined, null, { timeout: timeoutMs })
      const pageError = await page.evaluate(() => document.body.dataset.atlasError)
      if (pageError !== undefined) throw new Error(`the page recorded an error: ${pageError}`)
    } else {
      await page.waitForSelector('[data-panel=tour-card]', { timeout: timeoutMs })
    }
  } catch (error) {
    await page.close()
    throw error
  }
  return { page, consoleErrors }
}
