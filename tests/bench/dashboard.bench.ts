// The dashboard with 100 000 units: seeds a temporary store (the demo's areas, its units copied with small
// offsets until there are N), serves it, and measures in headless Chromium the first paint (navigation
// to body[data-map-ready="1"]) and the redraw after a category filter change. Prints the figures.
//   npx tsx tests/bench/dashboard.bench.ts [units=100000]
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../../server/db/sqlite-store'
import { STORE_FILE } from '../../server/open-store'
import { PROJECT_ROOT } from '../../server/paths'
import { demoDataset } from '../../server/seed/demo'
import { readDemoGeodata } from '../../server/seed/seed-store'
import { ensureWebBuild } from '../../server/web-build'
import { freePort, launchBrowser } from '../e2e/harness'

const target = Number(process.argv[2] ?? 100_000)
const today = new Date().toISOString().slice(0, 10)
const dir = await mkdtemp(join(tmpdir(), 'atlas-bench-'))
const dataset = demoDataset(readDemoGeodata(), today)
const base = dataset.units.filter((u) => u.lon !== null && u.lat !== null)
let seed = 1
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
const units = [...dataset.units]
for (let i = 0; units.length < target; i++) {
  const u = base[i % base.length]
  // ~300 m around the original, so the copy stays (nearly always) in the same township.
  units.push({ ...u, id: units.length + 1, name: `${u.name}·${i}`, lon: (u.lon as number) + (random() - 0.5) * 0.006, lat: (u.lat as number) + (random() - 0.5) * 0.006, history: u.history.map((h) => ({ ...h })) })
}
let started = Date.now()
const store = openSqliteStore(join(dir, STORE_FILE))
store.loadDataset({ ...dataset, units }, 'bench')
store.close()
console.log(`seeded ${units.length} units in ${Date.now() - started} ms`)

await ensureWebBuild()
const port = await freePort()
const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  cwd: PROJECT_ROOT,
  env: { ...process.env, PORT: String(port), ATLAS_DATA_DIR: dir },
  stdio: 'ignore',
})
const browser = await launchBrowser()
try {
  for (let i = 0; i < 120; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) break
    await new Promise((r) => setTimeout(r, 500))
  }
  const year = new Date().getFullYear()
  for (const [what, path] of [
    ['units', `/api/units?area=530600&scheme=qijin&minLevel=${encodeURIComponent('县级')}&year=${year}&status=${encodeURIComponent('命名,复查')}`],
    ['coverage', `/api/coverage?level=county&parent=530600&scheme=qijin&minLevel=${encodeURIComponent('县级')}&year=${year}`],
  ]) {
    started = Date.now()
    const body = await (await fetch(`http://127.0.0.1:${port}${path}`)).text()
    console.log(`GET ${what}: ${Date.now() - started} ms, ${(body.length / 1e6).toFixed(1)} MB`)
  }
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
  const ready = () => page.waitForFunction(() => document.body.dataset.mapReady === '1', null, { timeout: 300_000 })
  for (const run of ['cold', 'warm']) {
    started = Date.now()
    await page.goto(`http://127.0.0.1:${port}/`)
    await ready()
    console.log(`first paint (${run}): ${Date.now() - started} ms`)
  }
  for (const category of ['学校', '社区']) {
    started = Date.now()
    await page.locator(`[data-testid=filters] .chip[data-category=${category}]`).click()
    await page.waitForTimeout(20)
    await ready()
    console.log(`filter change (${category} off): ${Date.now() - started} ms (includes the API round trip)`)
  }
  started = Date.now()
  await page.getByLabel('每万人').check()
  await page.waitForTimeout(20)
  await ready()
  console.log(`measure change (no reload): ${Date.now() - started} ms`)
} finally {
  await browser.close()
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
  await rm(dir, { recursive: true, force: true })
}
