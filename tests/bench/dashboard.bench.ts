// The dashboard with 100 000 units against the demo's 476 in the same run. For each store: seeds a temporary
// data dir (the demo's areas; its units copied with small offsets until there are N), serves it, and measures
// in headless Chromium the first paint (navigation to body[data-map-ready="1"], i.e. everything drawn and
// settled), when the units answer arrived, and the redraw after a category filter change, a measure change
// and a drill-down. Prints the figures, the 100k/demo ratio, and the goals (first paint ≤ 2 s, filter
// change ≤ 200 ms). The demo run is the baseline: what the page costs with almost no data — in software GL
// that is mostly GPU program builds and frames, which no amount of data work removes.
//   npm run bench:dashboard            (or: npx tsx tests/bench/dashboard.bench.ts [units=100000])
//
// National mode: the dashboard of ATLAS_DEMO=national opening on the country, cold (a fresh browser profile) and
// warm (reloaded): the first paint (navigation to the first frame with the data, and to body[data-map-ready]:
// the province choropleth and the country's aggregated counts drawn) against the 2 s goal, and the bytes the
// page fetched (as sent: compressed) by kind. One store is seeded, then copied for each tree measured: with
// --before DIR, another checkout of the atlas (its web built) is measured first on the same store, in the same run.
//   npm run bench:dashboard -- national [units=20000] [--before DIR]
import { spawn, type ChildProcess } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator } from 'playwright-core'
import { openSqliteStore } from '../../server/db/sqlite-store'
import { STORE_FILE } from '../../server/open-store'
import { PROJECT_ROOT } from '../../server/paths'
import { demoDataset } from '../../server/seed/demo'
import { readDemoGeodata } from '../../server/seed/seed-store'
import { ensureWebBuild } from '../../server/web-build'
import { LAYERS_DRAWN_MARK, MAP_DRAWN_MARK } from '../../web/map/layer-draws'
import { freePort, launchBrowser } from '../e2e/harness'

const TARGET = Number(process.argv[2] === 'national' ? 0 : (process.argv[2] ?? 100_000))
const GOAL_FIRST_PAINT_MS = 2_000
const GOAL_FILTER_MS = 200
const today = new Date().toISOString().slice(0, 10)
const year = new Date().getFullYear()

type Figures = Record<string, number>

/** The demo dataset with its located units copied (~300 m around the original) until there are `count`. */
function datasetOf(count: number) {
  const dataset = demoDataset(readDemoGeodata(), today)
  const base = dataset.units.filter((u) => u.lon !== null && u.lat !== null)
  let seed = 1
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  const units = [...dataset.units]
  for (let i = 0; units.length < count; i++) {
    const u = base[i % base.length]
    units.push({ ...u, id: units.length + 1, name: `${u.name}·${i}`, lon: (u.lon as number) + (random() - 0.5) * 0.006, lat: (u.lat as number) + (random() - 0.5) * 0.006, history: u.history.map((h) => ({ ...h })) })
  }
  return { ...dataset, units }
}

async function measure(browser: Browser, unitCount: number): Promise<Figures> {
  const figures: Figures = {}
  const dir = await mkdtemp(join(tmpdir(), 'atlas-bench-'))
  const dataset = datasetOf(unitCount)
  const store = openSqliteStore(join(dir, STORE_FILE))
  store.loadDataset(dataset, 'bench')
  store.close()
  figures.units = dataset.units.length
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: PROJECT_ROOT, env: { ...process.env, PORT: String(port), ATLAS_DATA_DIR: dir }, stdio: 'ignore' })
  const base = `http://127.0.0.1:${port}`
  try {
    for (let i = 0; i < 120; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break
      await new Promise((r) => setTimeout(r, 500))
    }
    const query = `area=530600&scheme=qijin&minLevel=${encodeURIComponent('县级')}&year=${year}&status=${encodeURIComponent('命名,复查')}`
    for (const [name, path] of [['geojson', `/api/units?${query}`], ['columns', `/api/units/columns?${query}`]]) {
      for (const run of ['first', 'cached']) {
        const started = performance.now()
        const answer = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'br' } })
        const compressed = Number(answer.headers.get('content-length') ?? NaN)
        const body = await answer.arrayBuffer()
        figures[`${name} answer, ${run} (ms)`] = performance.now() - started
        if (run === 'first') {
          figures[`${name} answer (MB)`] = body.byteLength / 1e6
          figures[`${name} answer, brotli (MB)`] = compressed / 1e6
        }
      }
    }
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    const ready = () => page.waitForFunction(() => document.body.dataset.mapReady === '1', null, { timeout: 300_000, polling: 'raf' })
    // When the page first drew the layers it settled on (web/map/layer-draws.ts marks it), in page time.
    const drawnAt = () => page.evaluate((mark) => performance.getEntriesByName(mark).at(-1)?.startTime ?? NaN, LAYERS_DRAWN_MARK)
    // Timed in the page from the pointer going down, so the time playwright takes to find and click the
    // control is left out; "settled" is when body[data-map-ready] turned "1" again.
    const timed = async (name: string, control: Locator) => {
      await control.waitFor()
      await page.evaluate(() => {
        const marks = window as unknown as { benchClickAt?: number; benchSettledAt?: number }
        marks.benchClickAt = marks.benchSettledAt = undefined
        document.addEventListener('pointerdown', () => (marks.benchClickAt = performance.now()), { capture: true, once: true })
        const observer = new MutationObserver(() => {
          if (marks.benchClickAt !== undefined && document.body.dataset.mapReady === '1') {
            marks.benchSettledAt = performance.now()
            observer.disconnect()
          }
        })
        observer.observe(document.body, { attributes: true, attributeFilter: ['data-map-ready'] })
      })
      await control.click()
      await page.waitForFunction(() => (window as unknown as { benchSettledAt?: number }).benchSettledAt !== undefined, null, { timeout: 300_000 })
      const { clickAt, settledAt } = await page.evaluate(() => {
        const marks = window as unknown as { benchClickAt: number; benchSettledAt: number }
        return { clickAt: marks.benchClickAt, settledAt: marks.benchSettledAt }
      })
      figures[`${name}: drawn (ms)`] = (await drawnAt()) - clickAt
      figures[`${name}: settled (ms)`] = settledAt - clickAt
    }
    for (const run of ['cold', 'warm']) {
      const started = performance.now()
      await page.goto(`${base}/`)
      await ready()
      const settled = performance.now() - started
      figures[`first paint ${run}: units arrived (ms)`] = await page.evaluate(() => {
        const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
        const entry = entries.find((e) => e.name.includes('/api/units/columns'))
        return entry ? entry.responseEnd : NaN
      })
      figures[`first paint ${run}: drawn (ms)`] = await drawnAt()
      figures[`first paint ${run}: settled (ms)`] = settled
    }
    await timed('filter 学校 off', page.locator('[data-testid=filters] .chip[data-category=学校]'))
    await timed('filter 社区 off', page.locator('[data-testid=filters] .chip[data-category=社区]'))
    await timed('measure change', page.getByLabel('每万人'))
    await timed('drill-down 镇雄县', page.locator('[data-testid=chart-ranking] .chart-row[data-key="530627"]'))
    await page.close()
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    await rm(dir, { recursive: true, force: true })
  }
  return figures
}

/** `node --import tsx server/index.ts` of the tree at `root` on a free port; resolves once /api/health answers. */
async function serve(root: string, env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: root, env: { ...process.env, PORT: String(port), ...env }, stdio: 'ignore' })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return { base, child }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 500))
  }
  await stop(child)
  throw new Error(`the server of ${root} did not start`)
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
}

/** The kind of a fetched path, for the bytes table. */
function kindOf(path: string): string {
  if (path.startsWith('/api/tiles/')) return 'tiles'
  if (path.startsWith('/api/areas')) return 'areas'
  if (path.startsWith('/api/')) return 'other API'
  return 'page, scripts, fonts'
}

async function measureNational(browser: Browser, root: string, dataDir: string): Promise<Figures> {
  const figures: Figures = {}
  const { base, child } = await serve(root, { ATLAS_DATA_DIR: dataDir })
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
    const page = await context.newPage()
    let bytes: Record<string, number> = {}
    const sizes: Promise<void>[] = []
    page.on('requestfinished', (request) => {
      const kind = kindOf(request.url().replace(base, ''))
      sizes.push(request.sizes().then((size) => void (bytes[kind] = (bytes[kind] ?? 0) + size.responseBodySize + size.responseHeadersSize), () => undefined))
    })
    for (const run of ['cold', 'warm']) {
      bytes = {}
      const started = performance.now()
      await (run === 'cold' ? page.goto(`${base}/`) : page.reload())
      await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, { timeout: 300_000, polling: 'raf' })
      figures[`${run}: settled (ms)`] = performance.now() - started
      const markAt = (mark: string) => page.evaluate((name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN, mark)
      // The first frame with the data: deck.gl's layers (names, counts) and, from tiles, MapLibre's choropleth (a tree
      // that draws the choropleth with deck.gl sets no map mark; there the deck.gl mark is the choropleth's).
      const [deckAt, mapAt] = [await markAt(LAYERS_DRAWN_MARK), await markAt(MAP_DRAWN_MARK)]
      figures[`${run}: deck.gl layers drawn (ms)`] = deckAt
      figures[`${run}: map layers drawn (ms)`] = mapAt
      figures[`${run}: drawn (ms)`] = Number.isNaN(mapAt) ? deckAt : Math.max(deckAt, mapAt)
      await Promise.all(sizes.splice(0))
      for (const [kind, n] of Object.entries(bytes)) figures[`${run}: ${kind} (KB)`] = n / 1e3
      figures[`${run}: all (KB)`] = Object.values(bytes).reduce((sum, n) => sum + n, 0) / 1e3
    }
    await context.close()
  } finally {
    await stop(child)
  }
  return figures
}

async function benchNational(units: number, before: string | null): Promise<void> {
  const seeded = await mkdtemp(join(tmpdir(), 'atlas-bench-national-'))
  const copies: string[] = []
  const browser = await launchBrowser()
  try {
    const seeding = performance.now()
    await stop((await serve(PROJECT_ROOT, { ATLAS_DATA_DIR: seeded, ATLAS_DEMO: 'national', ATLAS_DEMO_UNITS: String(units) })).child)
    console.log(`national demo with ${units} units seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`)
    const results: [string, Figures][] = []
    for (const [name, root] of [...(before ? [['before', before]] : []), ['this tree', PROJECT_ROOT]]) {
      const copy = await mkdtemp(join(tmpdir(), 'atlas-bench-national-'))
      copies.push(copy)
      await cp(seeded, copy, { recursive: true })
      results.push([name, await measureNational(browser, root, copy)])
    }
    const keys = [...new Set(results.flatMap(([, f]) => Object.keys(f)))]
    console.table(keys.map((key) => Object.fromEntries([['figure', key], ...results.map(([name, f]) => [name, round(f[key] ?? NaN)])])))
    for (const [name, f] of results) {
      const firstPaint = f['warm: drawn (ms)']
      console.log(`${name}: goal first paint ≤ ${GOAL_FIRST_PAINT_MS} ms ${firstPaint <= GOAL_FIRST_PAINT_MS ? 'met' : 'missed'} (warm ${round(firstPaint)} ms, cold ${round(f['cold: drawn (ms)'])} ms to the first frame with the data)`)
    }
  } finally {
    await browser.close()
    for (const dir of [seeded, ...copies]) await rm(dir, { recursive: true, force: true })
  }
}

await ensureWebBuild()
if (process.argv[2] === 'national') {
  const args = process.argv.slice(3)
  const beforeAt = args.indexOf('--before')
  const units = args.find((arg, i) => /^\d+$/.test(arg) && (beforeAt < 0 || i !== beforeAt + 1))
  await benchNational(Number(units ?? 20_000), beforeAt < 0 ? null : (args[beforeAt + 1] ?? null))
  process.exit(0)
}
const browser = await launchBrowser()
try {
  const baseline = await measure(browser, 0)
  const large = await measure(browser, TARGET)
  const rows = Object.keys(large).map((key) => {
    const ratio = baseline[key] > 0 ? large[key] / baseline[key] : NaN
    return { figure: key, demo: round(baseline[key]), [`${large.units} units`]: round(large[key]), ratio: Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '' }
  })
  console.table(rows)
  const worstFilter = (f: Figures) => Math.max(f['filter 学校 off: drawn (ms)'], f['filter 社区 off: drawn (ms)'])
  const firstPaint = large['first paint warm: drawn (ms)']
  console.log(`goal first paint ≤ ${GOAL_FIRST_PAINT_MS} ms: ${firstPaint <= GOAL_FIRST_PAINT_MS ? 'met' : 'missed'} (${round(firstPaint)} ms to the first frame with the data; demo ${round(baseline['first paint warm: drawn (ms)'])} ms)`)
  console.log(`goal filter change ≤ ${GOAL_FILTER_MS} ms: ${worstFilter(large) <= GOAL_FILTER_MS ? 'met' : 'missed'} (${round(worstFilter(large))} ms to the first frame with the change; demo ${round(worstFilter(baseline))} ms)`)
} finally {
  await browser.close()
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
