// Loopback load on the real server: 100 000 units, 100 concurrent connections, per route errors and
// p50/p95/p99 latency against the target (0 errors, p95 ≤ 30 ms), while LOAD_WRITERS (5) signed-in writers
// edit two units at once with If-Match for the whole run (0 errors, no lost update: tests/bench/unit-writers.ts).
//
//   npm run bench:load                         60 s per route
//   LOAD_SECONDS=10 npm run bench:load         shorter
//   LOAD_CONNECTIONS=100 LOAD_UNITS=100000     the defaults
//   LOAD_CLIENTS=2                             load-generator processes sharing the connections
//   LOAD_ONLY=columns                          only the routes whose name or path holds this text
//   LOAD_SEEDED=DIR                            instead of seeding the prefecture demo, a copy of DIR's store: e.g. the
//                                              national demo at 1 000 000 units kept by START_KEEP=1 npm run bench:start
//                                              (its admin's password: LOAD_ADMIN_PASSWORD, default bench:start's)
//   LOAD_FLOOR=0                               without the floor: the same clients against bare node:http replaying
//                                              the units answer's bytes, the least any server could cost here
//   LOAD_PROFILE=DIR                           the server writes a V8 CPU profile into DIR (--cpu-prof)
//   LOAD_DATABASE_URL=postgres://…/postgres    the PostgreSQL store: the seeded store is copied (atlas copy-store)
//                                              into a new database on that server, dropped at the end
//
// The store is the demo (昭通市, 11 counties, schematic townships) plus LOAD_UNITS seeded units placed
// inside random townships; the server is `node --import tsx server/index.ts` in its own process (so the
// load generator does not share its event loop), on a temporary data dir removed at the end. Requests
// carry no session (anonymous viewers, the common case on a screen), no If-None-Match (every answer is a
// full 200) and, like a browser, Accept-Encoding: gzip, deflate, br (LOAD_GZIP=0 leaves it out).
// The load generator runs in LOAD_CLIENTS processes of its own: one autocannon process reading 30–50 KB
// answers sat at 100 % of a core while the server idled at 25 % (measured with top), so a single client
// measured itself, not the server. Each process records every response's latency; the percentiles are
// over all of them. Exits 1 when a route misses the target.
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import http from 'node:http'
import { readFileSync, writeFileSync } from 'node:fs'
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { copyStore } from '../../server/db/copy-store'
import { openPostgresDatabase } from '../../server/db/pg/pg-store'
import { openSyncConnection } from '../../server/db/pg/sync-connection'
import { openSqliteDatabase, openSqliteStore } from '../../server/db/sqlite-store'
import { STORE_FILE } from '../../server/open-store'
import { PROJECT_ROOT } from '../../server/paths'
import { freePort } from '../e2e/harness'
import { seedDemoWithUnits } from './bench-units'
import { counters, lostUpdates, runWriters, type WriterTally } from './unit-writers'

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60)
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100)
const UNITS = Number(process.env.LOAD_UNITS ?? 100_000)
const GZIP = process.env.LOAD_GZIP !== '0'
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 2)
const WRITERS = Number(process.env.LOAD_WRITERS ?? 5)
const DATABASE_SERVER = process.env.LOAD_DATABASE_URL || null
const PROFILE_DIR = process.env.LOAD_PROFILE
const WRITTEN_UNITS = [1, 2] // shared by the writers, so that they contend for the same versions
const SEEDED = process.env.LOAD_SEEDED || null
const ADMIN_PASSWORD = process.env.LOAD_ADMIN_PASSWORD ?? (SEEDED ? 'start-bench-password-1' : 'load-bench-password-1')
/** A load-generator process: `load.bench.ts --client <json>` prints its ClientResult as JSON. */
const CLIENT_FLAG = '--client'
/** The floor: `load.bench.ts --bare <answer.json> <port>` serves one recorded answer from bare node:http. */
const BARE_FLAG = '--bare'
const TARGET_P95_MS = 30
const HEADERS: Record<string, string> = GZIP ? { 'accept-encoding': 'gzip, deflate, br' } : {}

/**
 * The same run before the hot path was fixed (2026-11-23, this 2-core machine, LOAD_SECONDS=10, load
 * average ≈ 8 from other work): every request recomputed coverage / selected the units, serialized the
 * JSON and SHA-1-hashed it for the ETag.
 */
const BEFORE: Record<string, { requests: number; errors: number; p50: number; p95: number; p99: number }> = {
  'coverage by county': { requests: 0, errors: 200, p50: NaN, p95: NaN, p99: NaN }, // every request timed out (10 s)
  'units of 绥江县, GeoJSON': { requests: 124, errors: 106, p50: 2395.5, p95: 7780.1, p99: 7791.9 },
}
const UNITS_QUERY = `area=530626&status=${encodeURIComponent('命名,复查')}&minLevel=${encodeURIComponent('县级')}&year=2025`
const UNITS_PATH = `/api/units?${UNITS_QUERY}`
const UNITS_COLUMNS_PATH = `/api/units/columns?${UNITS_QUERY}`

const ALL_ROUTES: { name: string; path: string; reference?: boolean; revalidate?: boolean }[] = [
  { name: 'coverage by county', path: '/api/coverage?level=county' },
  // The national view: every province (a prefecture's store has one, without a boundary).
  { name: 'coverage by province', path: '/api/coverage?level=province' },
  // What the dashboard, the screen and the export ask for a county: its named units at 县级 and above, as
  // of a year, as columns.
  { name: 'units of 绥江县', path: UNITS_COLUMNS_PATH },
  // The same units as GeoJSON, for other clients (GIS tools, scripts).
  { name: 'units of 绥江县, GeoJSON', path: UNITS_PATH },
  // Not a target: what a polling screen sends once it has the answer (If-None-Match → 304, no body).
  { name: 'reference: units 304', path: UNITS_COLUMNS_PATH, reference: true, revalidate: true },
  // Not a target: a tiny answer, to show what this machine and the load generator manage at all.
  ...(process.env.LOAD_REFERENCE === '0' ? [] : [{ name: 'reference: schemes', path: '/api/schemes', reference: true }]),
]

const ONLY = process.env.LOAD_ONLY
const ROUTES = ONLY ? ALL_ROUTES.filter((r) => r.name.includes(ONLY) || r.path.includes(ONLY)) : ALL_ROUTES

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

interface RouteResult {
  reference: boolean
  name: string
  path: string
  requests: number
  errors: number // connection errors + timeouts + non-2xx
  errorKinds: Record<string, number>
  p50: number
  p95: number
  p99: number
  bytes: number // size of one answer as sent (compressed when gzip is accepted)
  cpuPerRequestUs: number // the server's CPU time during the run per read answered; the writers' requests are in it, so a route that answers few reads carries more of their cost
  writes: (WriterTally & { lost: Map<number, [number, number]> }) | null // null: no writers ran (the floor)
}

interface ClientJob {
  url: string
  connections: number
  headers: Record<string, string>
  expected: number
}

interface ClientResult {
  latencies: number[]
  requests: number
  errors: number // connection errors + timeouts + unexpected statuses
  errorKinds: Record<string, number> // the same, by kind: "connection", "timeout", "HTTP 503"
}

/** One load-generator process's share: autocannon with `connections`, every response's latency kept. */
async function runClient({ url, connections, headers, expected }: ClientJob): Promise<ClientResult> {
  const latencies: number[] = []
  const unexpected: Record<string, number> = {}
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: SECONDS, timeout: 10, headers }, (error, result) => (error ? reject(error) : resolve(result)))
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime)
      if (status !== expected) unexpected[`HTTP ${status}`] = (unexpected[`HTTP ${status}`] ?? 0) + 1
    })
  })
  const errorKinds = { ...unexpected, ...(result.errors > 0 ? { connection: result.errors } : {}), ...(result.timeouts > 0 ? { timeout: result.timeouts } : {}) }
  return { latencies, requests: result.requests.total, errors: Object.values(errorKinds).reduce((a, b) => a + b, 0), errorKinds }
}

/** Runs `job` split over CLIENTS processes (connections shared out) and merges what they measured. */
async function runClients(job: ClientJob): Promise<ClientResult> {
  const shares = Array.from({ length: CLIENTS }, (_, i) => Math.floor(job.connections / CLIENTS) + (i < job.connections % CLIENTS ? 1 : 0))
  const results = await Promise.all(
    shares.map(
      (connections) =>
        new Promise<ClientResult>((resolve, reject) => {
          const client = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/load.bench.ts', CLIENT_FLAG, JSON.stringify({ ...job, connections })], {
            cwd: PROJECT_ROOT,
            stdio: ['ignore', 'pipe', 'inherit'],
          })
          let output = ''
          client.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
          client.once('error', reject)
          client.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as ClientResult) : reject(new Error(`a load client exited with ${code}`))))
        }),
    ),
  )
  return {
    latencies: results.flatMap((r) => r.latencies),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    errorKinds: results.reduce<Record<string, number>>((kinds, r) => {
      for (const [kind, n] of Object.entries(r.errorKinds)) kinds[kind] = (kinds[kind] ?? 0) + n
      return kinds
    }, {}),
  }
}

/** What the clients measured, as a row's figures: counts, latency percentiles and the server's CPU per request. */
function measured(result: ClientResult, cpuSeconds: number) {
  const latencies = [...result.latencies].sort((a, b) => a - b)
  return {
    requests: result.requests,
    errors: result.errors,
    errorKinds: result.errorKinds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    cpuPerRequestUs: (cpuSeconds / result.requests) * 1e6,
  }
}

/** CPU seconds (user + system) process `pid` has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
}
const CLOCK_TICKS = 100 // USER_HZ on Linux

async function load(url: string, route: (typeof ROUTES)[number], cookie: string, serverPid: number): Promise<RouteResult> {
  const headers = { ...HEADERS }
  if (route.revalidate) headers['if-none-match'] = (await fetch(`${url}${route.path}`, { headers: HEADERS })).headers.get('etag') ?? ''
  const before = await counters(url, cookie, WRITTEN_UNITS)
  const cpuBefore = cpuSeconds(serverPid)
  const [result, writes] = await Promise.all([
    runClients({ url: `${url}${route.path}`, connections: CONNECTIONS, headers, expected: route.revalidate ? 304 : 200 }),
    runWriters(url, cookie, WRITTEN_UNITS, WRITERS, Date.now() + SECONDS * 1000),
  ])
  const cpu = cpuSeconds(serverPid) - cpuBefore
  const lost = await lostUpdates(url, cookie, writes, before)
  const sample = await new Promise<number>((resolve, reject) => {
    // node:http, not fetch: fetch would decompress, and the size on the wire is what matters here.
    http.get(`${url}${route.path}`, { headers }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () => resolve(bytes))
    }).on('error', reject)
  })
  return {
    reference: route.reference === true,
    name: route.name,
    path: route.path,
    ...measured(result, cpu),
    bytes: sample,
    writes: { ...writes, lost },
  }
}

interface RecordedAnswer {
  status: number
  headers: Record<string, string>
  body: string // base64
}

/** The answer `path` gives, as sent (compressed as the load's headers ask), to replay from the bare server. */
function recordAnswer(url: string, path: string): Promise<RecordedAnswer> {
  return new Promise((resolve, reject) => {
    http.get(`${url}${path}`, { headers: HEADERS }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const headers: Record<string, string> = {}
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string' && name !== 'date' && name !== 'connection' && name !== 'keep-alive') headers[name] = value
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('base64') })
      })
    }).on('error', reject)
  })
}

/** Serves `answer` to every request, and nothing else: what node:http and this machine cost at all. */
function serveBare(answerFile: string, port: number): void {
  const answer = JSON.parse(readFileSync(answerFile, 'utf8')) as RecordedAnswer
  const body = Buffer.from(answer.body, 'base64')
  http.createServer((_req, res) => res.writeHead(answer.status, answer.headers).end(body)).listen(port, '127.0.0.1', () => process.stdout.write('listening\n'))
}

/**
 * The same clients against the bare server replaying the units answer's bytes and headers: the floor this
 * machine and load generator put under any server, measured in the same run (no writers: nothing to write).
 */
async function loadFloor(url: string, dataDir: string): Promise<RouteResult> {
  const answerFile = join(dataDir, 'recorded-answer.json')
  writeFileSync(answerFile, JSON.stringify(await recordAnswer(url, UNITS_COLUMNS_PATH)))
  const port = await freePort()
  const bare = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/load.bench.ts', BARE_FLAG, answerFile, String(port)], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    await new Promise<void>((resolve, reject) => {
      bare.stdout.once('data', () => resolve())
      bare.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)))
    })
    const cpuBefore = cpuSeconds(bare.pid!)
    const result = await runClients({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, headers: HEADERS, expected: 200 })
    const cpu = cpuSeconds(bare.pid!) - cpuBefore
    const bytes = Buffer.from((JSON.parse(readFileSync(answerFile, 'utf8')) as RecordedAnswer).body, 'base64').length
    return {
      reference: true,
      name: 'floor: node:http',
      path: `the answer of ${UNITS_COLUMNS_PATH}, replayed by bare node:http`,
      ...measured(result, cpu),
      bytes,
      writes: null,
    }
  } finally {
    bare.kill('SIGTERM')
  }
}

/** The seeded SQLite store copied into a new database on `server` (the PostgreSQL store's figures). */
async function copiedToPostgres(file: string, server: string): Promise<{ url: string; drop: () => void }> {
  const name = `atlas_load_${process.pid}`
  const admin = openSyncConnection(server)
  admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(server)
  url.pathname = `/${name}`
  const t0 = Date.now()
  const from = openSqliteDatabase(file)
  const to = openPostgresDatabase(url.toString())
  const { rows } = copyStore(from.db, to.db)
  from.close()
  to.close()
  console.log(`Copied ${rows} rows into PostgreSQL (${name}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return { url: url.toString(), drop: () => { admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); admin.close() } }
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'atlas-load-'))
  const t0 = Date.now()
  if (SEEDED) await copyFile(join(SEEDED, STORE_FILE), join(dataDir, STORE_FILE))
  const store = openSqliteStore(join(dataDir, STORE_FILE))
  const townships = SEEDED ? null : seedDemoWithUnits(store, UNITS)
  const units = store.health().units
  store.close()
  console.log(SEEDED ? `Copied ${units} units from ${SEEDED} in ${((Date.now() - t0) / 1000).toFixed(1)} s` : `Seeded ${units} units over ${townships} townships in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  const database = DATABASE_SERVER === null ? null : await copiedToPostgres(join(dataDir, STORE_FILE), DATABASE_SERVER)

  const port = await freePort()
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/index.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), ATLAS_DATA_DIR: dataDir, ATLAS_DEMO: '0', ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD, ...(database ? { ATLAS_DATABASE_URL: database.url } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  try {
    const deadline = Date.now() + 120_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`)
      if (Date.now() > deadline) throw new Error(`the server did not start:\n${output}`)
      const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false)
      if (ok) break
      await new Promise((r) => setTimeout(r, 250))
    }
    // Warm up: the first request builds the snapshot (the join of 100 000 units).
    for (const route of ROUTES) {
      const w0 = Date.now()
      const answer = await fetch(`${url}${route.path}`)
      if (!answer.ok) throw new Error(`${route.path}: HTTP ${answer.status} ${await answer.text()}`)
      await answer.arrayBuffer()
      console.log(`warm-up ${route.name}: ${Date.now() - w0} ms`)
    }
    console.log(`\n${CONNECTIONS} connections (over ${CLIENTS} load-generator processes) × ${SECONDS} s per route, ${units} units, ${GZIP ? 'gzip accepted' : 'no compression'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`)
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
    if (!login.ok || !cookie) throw new Error(`the writers cannot sign in: HTTP ${login.status}`)
    const results: RouteResult[] = []
    for (const route of ROUTES) results.push(await load(url, route, cookie, child.pid!))
    if (process.env.LOAD_FLOOR !== '0') results.push(await loadFloor(url, dataDir))
    console.log('route                 requests   req/s  errors   p50 ms   p95 ms   p99 ms  answer  server µs/req  target')
    let missed = false
    for (const r of results) {
      const ok = r.errors === 0 && r.p95 <= TARGET_P95_MS
      if (!r.reference) missed ||= !ok
      console.log(
        [
          r.name.padEnd(20),
          String(r.requests).padStart(9),
          String(Math.round(r.requests / SECONDS)).padStart(7),
          String(r.errors).padStart(7),
          r.p50.toFixed(1).padStart(8),
          r.p95.toFixed(1).padStart(8),
          r.p99.toFixed(1).padStart(8),
          `${(r.bytes / 1024).toFixed(1)} KB`.padStart(9),
          r.cpuPerRequestUs.toFixed(0).padStart(14),
          r.reference ? '  (reference)' : ok ? '  ok' : `  MISSED (0 errors, p95 ≤ ${TARGET_P95_MS} ms)`,
        ].join(' '),
      )
    }
    for (const r of results) console.log(`  ${r.name}: ${r.path}${r.errors > 0 ? ` (errors: ${Object.entries(r.errorKinds).map(([kind, n]) => `${kind} ${n}`).join(', ')})` : ''}`)
    console.log(`\nwriters (${WRITERS} on units ${WRITTEN_UNITS.join(', ')}, If-Match, re-read after a 412), during each route:`)
    for (const r of results) {
      if (r.writes === null) continue
      const accepted = [...r.writes.accepted.values()].reduce((a, b) => a + b, 0)
      const ok = r.writes.errors.length === 0 && r.writes.lost.size === 0
      if (!r.reference) missed ||= !ok
      const lost = [...r.writes.lost].map(([id, [counter, written]]) => `unit ${id}: counter ${counter}, accepted ${written}`).join('; ')
      console.log(`  ${r.name.padEnd(20)} accepted ${accepted}, 412 retried ${r.writes.conflicts}, errors ${r.writes.errors.length}${r.writes.errors[0] ? ` (${r.writes.errors[0]})` : ''}, lost updates ${r.writes.lost.size}${lost ? ` (${lost})` : ''}  ${ok ? 'ok' : 'MISSED'}`)
    }
    console.log(`\nload average after the run: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
    console.log('\nbefore the fix (same run, recorded):')
    for (const [name, b] of Object.entries(BEFORE)) {
      console.log(`  ${name.padEnd(20)} requests ${b.requests}, errors ${b.errors}, p50 ${b.p50} ms, p95 ${b.p95} ms, p99 ${b.p99} ms`)
    }
    process.exitCode = missed ? 1 : 0
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    database?.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

const clientArgument = process.argv.indexOf(CLIENT_FLAG)
const bareArgument = process.argv.indexOf(BARE_FLAG)
if (bareArgument >= 0) serveBare(process.argv[bareArgument + 1], Number(process.argv[bareArgument + 2]))
else (clientArgument >= 0 ? runClient(JSON.parse(process.argv[clientArgument + 1]) as ClientJob).then((r) => void process.stdout.write(JSON.stringify(r))) : main()).catch(
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
