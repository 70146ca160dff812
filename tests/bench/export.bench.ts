// Export benchmark: A3 @ 300 DPI PNG of the prefecture (goal ≤ 15 s) and, in the same run, of the whole
// country with its 南海诸岛 inset (goal ≤ 15 s, issue 24; the national demo in a second data dir), the 11-county atlas of 昭通 as one PDF (goal ≤ 2 min),
// and the peak resident memory of server + Chromium (every process of the browser's tree, from /proc).
// First the county map a briefing draws (A4 @ 150 DPI) and the briefings themselves (county ≤ 10 s,
// prefecture ≤ 20 s, issue 17).
// Run: npm run bench:export   (ATLAS_BENCH_OUT=dir keeps the files)
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readConfig } from '../../server/config'
import { exportRequestOf } from '../../server/export/export-request'
import { startLocalServer } from '../../server/export/local-server'
import { createExportService } from '../../server/export/service'

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-export-'))
const nationalDir = mkdtempSync(join(tmpdir(), 'atlas-bench-export-national-'))
const keep = process.env.ATLAS_BENCH_OUT
const exporter = createExportService()
const server = await startLocalServer(readConfig({ ...process.env, ATLAS_DATA_DIR: dataDir }), exporter, () => {})
const nationalServer = await startLocalServer(
  readConfig({ ...process.env, ATLAS_DATA_DIR: nationalDir, ATLAS_DEMO: 'national', ATLAS_DEMO_UNITS: process.env.ATLAS_DEMO_UNITS ?? '20000' }),
  exporter,
  () => {},
)

let peakRss = 0
let browserPid: number | null = null
const sampler = setInterval(() => {
  void exporter.renderer.browserPid().then((pid) => (browserPid = pid))
  peakRss = Math.max(peakRss, process.memoryUsage().rss + (browserPid ? treeRss(browserPid) : 0))
}, 200)

async function timed(label: string, query: string, goalSeconds: number, on = server) {
  const request = exportRequestOf(new URLSearchParams(query))
  const started = performance.now()
  const job = exporter.queue.enqueue(request, on.url)
  const result = await job.done
  const seconds = (performance.now() - started) / 1000
  if (keep) writeFileSync(join(keep, `${label.replace(/\W+/g, '-')}.${request.format}`), result.bytes)
  const verdict = seconds <= goalSeconds ? 'ok' : 'OVER GOAL'
  console.log(`${label.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s  (goal ≤ ${goalSeconds} s, ${verdict})  ${result.pages} page(s), ${result.widthPx}×${result.heightPx} px, ${(result.bytes.length / 1e6).toFixed(2)} MB`)
  return seconds
}

async function timedBrief(label: string, query: string, goalSeconds: number) {
  const started = performance.now()
  const answer = await fetch(`${server.url}/api/brief?${query}`)
  const bytes = Buffer.from(await answer.arrayBuffer())
  if (!answer.ok) throw new Error(`${label}: ${answer.status} ${bytes.toString('utf8').slice(0, 200)}`)
  const seconds = (performance.now() - started) / 1000
  console.log(`${label.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s  (goal ≤ ${goalSeconds} s, ${seconds <= goalSeconds ? 'ok' : 'OVER GOAL'})  ${(bytes.length / 1e3).toFixed(0)} kB`)
}

try {
  console.log(`Export benchmark on ${server.url} (data: ${dataDir})`)
  await timed('county map A4 @ 150 DPI (cold browser)', 'format=png&area=530626&year=2025&paper=A4&dpi=150', 10)
  await timed('county map A4 @ 150 DPI (warm page)', 'format=png&area=530626&year=2025&paper=A4&dpi=150', 10)
  await timedBrief('county briefing DOCX (530626)', 'area=530626&period=2025&format=docx', 10)
  await timedBrief('prefecture briefing DOCX (530600)', 'area=530600&period=2025&format=docx', 20)
  await timed('A3 @ 300 DPI PNG (cold browser)', 'format=png&paper=A3&dpi=300', 15)
  await timed('A3 @ 300 DPI PNG (warm browser)', 'format=png&paper=A3&dpi=300', 15)
  await timed('national A3 @ 300 DPI PNG (first)', 'format=png&area=000000&paper=A3&dpi=300', 15, nationalServer)
  await timed('national A3 @ 300 DPI PNG (again)', 'format=png&area=000000&paper=A3&dpi=300', 15, nationalServer)
  await timed('11-county atlas, A4 @ 150 DPI PDF', 'format=pdf&paper=A4&dpi=150&atlasBy=county', 120)
  await timed('11-county atlas, A4 @ 300 DPI PDF', 'format=pdf&paper=A4&dpi=300&atlasBy=county', 120)
  console.log(`peak RSS, server + Chromium (all its processes): ${(peakRss / 1024 / 1024).toFixed(0)} MB`)
} finally {
  clearInterval(sampler)
  await exporter.renderer.close()
  await server.close()
  await nationalServer.close()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(nationalDir, { recursive: true, force: true })
}

/** Resident bytes of `pid` and every descendant, from /proc (Linux). */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>()
  const rss = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const parent = Number(fields[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
      rss.set(Number(entry), Number(fields[21]) * 4096)
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0
  const stack = [pid]
  while (stack.length > 0) {
    const p = stack.pop() as number
    total += rss.get(p) ?? 0
    stack.push(...(children.get(p) ?? []))
  }
  return total
}
