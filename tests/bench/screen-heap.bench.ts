// Does /screen run unattended without growing? Runs it in Chromium with a 1 s refresh and a fast tour,
// forces a GC before each sample, and compares the JS heap after warm-up with the heap at the end.
//   npm run bench:screen                       (defaults: 60 s warm-up, 4 min measured)
//   SCREEN_BENCH_WARMUP_S=30 SCREEN_BENCH_MEASURE_S=120 npm run bench:screen
// Exit code 1 when growth is 10 % or more.
import type { CDPSession } from 'playwright-core'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer } from '../e2e/harness'

const WARMUP_S = Number(process.env.SCREEN_BENCH_WARMUP_S ?? 60)
const MEASURE_S = Number(process.env.SCREEN_BENCH_MEASURE_S ?? 240)
const SAMPLE_S = Number(process.env.SCREEN_BENCH_SAMPLE_S ?? 30)
const TARGET_GROWTH = 0.1

interface Sample {
  at: number // seconds since the page opened
  heapUsed: number // bytes, after a forced GC
  nodes: number // DOM nodes
  listeners: number // JS event listeners
}

async function sample(cdp: CDPSession, started: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN
  return { at: Math.round((Date.now() - started) / 1000), heapUsed: usedSize, nodes: metric('Nodes'), listeners: metric('JSEventListeners') }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`
const show = (s: Sample) => `t=${String(s.at).padStart(4)} s  heap ${mb(s.heapUsed).padStart(9)}  DOM nodes ${s.nodes}  listeners ${s.listeners}`

async function main(): Promise<number> {
  await ensureWebBuild()
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const url = `${server.url}/screen?interval=1&tour=3&idle=5`
    console.log(`screen heap bench: ${url}, warm-up ${WARMUP_S} s, measured ${MEASURE_S} s, sample every ${SAMPLE_S} s`)
    const started = Date.now()
    await page.goto(url)
    await page.waitForSelector('[data-panel=tour-card]', { timeout: 90_000 })
    await page.waitForTimeout(WARMUP_S * 1000)
    const baseline = await sample(cdp, started)
    console.log(`${show(baseline)}  (after warm-up)`)
    const samples = [baseline]
    for (let elapsed = 0; elapsed < MEASURE_S; elapsed += SAMPLE_S) {
      await page.waitForTimeout(Math.min(SAMPLE_S, MEASURE_S - elapsed) * 1000)
      const s = await sample(cdp, started)
      samples.push(s)
      console.log(show(s))
    }
    const end = samples[samples.length - 1]
    const growth = (end.heapUsed - baseline.heapUsed) / baseline.heapUsed
    const polls = await page.evaluate(() => document.querySelector('[data-testid=screen-freshness]')?.textContent ?? '')
    console.log(`heap after warm-up ${mb(baseline.heapUsed)}, at end ${mb(end.heapUsed)}: growth ${(growth * 100).toFixed(1)} % (target < ${TARGET_GROWTH * 100} %)`)
    console.log(`DOM nodes ${baseline.nodes} → ${end.nodes}, listeners ${baseline.listeners} → ${end.listeners}; status "${polls}"`)
    if (errors.length > 0) console.log(`page errors:\n${errors.join('\n')}`)
    return growth < TARGET_GROWTH && errors.length === 0 ? 0 : 1
  } finally {
    await browser.close()
    await server.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
