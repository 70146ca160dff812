// Start-up and memory of the national demo: the real server (`node --import tsx server/index.ts`) on a
// temporary data dir, started twice: first on the empty dir (it seeds START_UNITS invented units into the whole
// country, then indexes them), then again on the store it left (what every later start costs). Each start is
// timed from spawn until /api/health answers, with the phases the server logs; RSS is read from /proc after
// the start (VmRSS) together with its peak (VmHWM). Goals (issue 16): a start on an existing store ≤ 20 s,
// RSS ≤ 2 GB, at 1 000 000 units.
//
//   npm run bench:start                          1 000 000 units
//   START_UNITS=100000 npm run bench:start       smaller
//   START_PROFILE=DIR                            the server writes a V8 CPU profile of each start into DIR
//   START_NODE_ARGS="--max-old-space-size=6000"  extra arguments for the server's node
//   START_KEEP=1                                 keep the seeded data dir (its path is printed)
//   START_SEEDED=DIR                             start only on a copy of DIR's store (seeded before, e.g. kept)
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { STORE_FILE } from '../../server/open-store'
import { PROJECT_ROOT } from '../../server/paths'
import { freePort } from '../e2e/harness'

const UNITS = Number(process.env.START_UNITS ?? 1_000_000)
const PROFILE_DIR = process.env.START_PROFILE
const NODE_ARGS = (process.env.START_NODE_ARGS ?? '').split(' ').filter(Boolean)
const KEEP = process.env.START_KEEP === '1'
const SEEDED = process.env.START_SEEDED
const TARGET_START_S = 20
const TARGET_RSS_BYTES = 2 * 1024 ** 3

interface StartResult {
  listening: number // seconds from spawn to the server's "Unity Atlas … at" line (everything indexed, listening)
  seconds: number // … to its first /api/health answer (the store's integrity check, when a minute old, runs again then)
  rss: number // bytes, after the start
  peakRss: number // bytes, the process's high-water mark
  log: string[] // the server's lines, each with the seconds since spawn
}

/** Kilobytes of `field` (VmRSS, VmHWM) in /proc/<pid>/status, as bytes. */
function procStatus(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`))
  return line ? Number(line.split(/\s+/)[1]) * 1024 : NaN
}

async function start(dataDir: string): Promise<StartResult> {
  const port = await freePort()
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []
  const t0 = performance.now()
  const child = spawn(process.execPath, [...NODE_ARGS, ...profile, '--import', 'tsx', 'server/index.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), ATLAS_DATA_DIR: dataDir, ATLAS_DEMO: 'national', ATLAS_DEMO_UNITS: String(UNITS), ATLAS_ADMIN_PASSWORD: 'start-bench-password-1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log: string[] = []
  let listening = NaN
  const seconds = () => ((performance.now() - t0) / 1000).toFixed(1).padStart(6)
  const record = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.startsWith('Unity Atlas ')) listening = (performance.now() - t0) / 1000
      if (line.trim()) log.push(`${seconds()} s  ${line.slice(0, 160)}`)
    }
  }
  child.stdout.on('data', record)
  child.stderr.on('data', record)
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log.join('\n')}`)
      if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) break
      await new Promise((r) => setTimeout(r, 100))
    }
    const elapsed = (performance.now() - t0) / 1000
    return { listening, seconds: elapsed, rss: procStatus(child.pid!, 'VmRSS'), peakRss: procStatus(child.pid!, 'VmHWM'), log }
  } finally {
    child.kill('SIGTERM')
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r))
  }
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'atlas-start-'))
  try {
    console.log(`national demo, ${UNITS} units; load average before: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
    if (SEEDED) await copyFile(join(SEEDED, STORE_FILE), join(dataDir, STORE_FILE))
    const first = SEEDED ? null : await start(dataDir)
    if (first) console.log(`\nfirst start (seeds the demo, then indexes it):\n${first.log.join('\n')}`)
    const again = await start(dataDir)
    console.log(`\nstart on the seeded store${SEEDED ? ` (a copy of ${SEEDED})` : ''}:\n${again.log.join('\n')}`)
    console.log(`\n                      listening s   health s   RSS after   RSS peak`)
    for (const [name, r] of [['first (seeding)', first], ['on the seeded store', again]] as const) {
      if (r) console.log(`${name.padEnd(20)} ${r.listening.toFixed(1).padStart(13)} ${r.seconds.toFixed(1).padStart(10)} ${gb(r.rss).padStart(11)} ${gb(r.peakRss).padStart(10)}`)
    }
    const ok = again.listening <= TARGET_START_S && again.rss <= TARGET_RSS_BYTES
    console.log(`\ngoal on the seeded store: start ≤ ${TARGET_START_S} s, RSS ≤ ${gb(TARGET_RSS_BYTES)}: ${ok ? 'ok' : 'MISSED'}`)
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
    process.exitCode = ok ? 0 : 1
  } finally {
    if (KEEP) console.log(`kept the data dir: ${dataDir}`)
    else await rm(dataDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
