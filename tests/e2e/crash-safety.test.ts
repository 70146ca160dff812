// Crash safety against the real server process (node --import tsx server/index.ts):
// - SIGKILL in the middle of a 50 000-row import commit leaves the store as it was, and whole;
// - a damaged store is refused at start with a message that says what to do;
// - SIGTERM lets a request in flight finish, then the process exits 0.
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, statSync, writeSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { openSqliteStore } from '../../server/db/sqlite-store'
import { STORE_FILE } from '../../server/open-store'
import { PROJECT_ROOT } from '../../server/paths'
import { seedDemo } from '../../server/seed/seed-store'
import { freePort } from './harness'

const ADMIN_PASSWORD = 'crash-test-admin-pw-1'
const ROWS = 50_000
const TOWNSHIPS = ['530626101', '530626102', '530626103', '530626104', '530626105'] // 绥江县
const CATEGORIES = ['机关', '企业', '社区', '乡镇', '学校', '连队']

/** A ledger of `rows` units joined by township code (no coordinates), each with its own 编号. */
function ledgerCsv(rows: number): string {
  const lines = ['单位名称,创建类别,命名级别,命名年份,状态,行政区划代码,编号']
  for (let i = 0; i < rows; i++) lines.push(`压测单位${i},${CATEGORIES[i % 6]},县级,2020,命名,${TOWNSHIPS[i % 5]},CRASH-${i}`)
  return `${lines.join('\n')}\n`
}

interface Server {
  url: string
  child: ChildProcess
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output(): string
}

const children: ChildProcess[] = []
const dirs: string[] = []

/** The real server on `dataDir`; resolves when /api/health answers (or rejects with its output if it exits). */
async function startOn(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), ATLAS_DATA_DIR: dataDir, ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return { url: `http://127.0.0.1:${port}`, child, exited, output: () => output }
}

async function ready(server: Server, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`the server exited:\n${server.output()}`)
    try {
      if ((await fetch(`${server.url}/api/health`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the server was not ready within ${timeoutMs} ms:\n${server.output()}`)
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM')
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000)
  await server.exited
  clearTimeout(timer)
}

async function signIn(server: Server): Promise<string> {
  const answer = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  })
  expect(answer.status, await answer.clone().text()).toBe(200)
  return (answer.headers.get('set-cookie') ?? '').split(';')[0]
}

interface Health {
  ok: boolean
  store: { integrity: string; units: number; areas: number }
}

async function health(server: Server): Promise<Health> {
  return (await (await fetch(`${server.url}/api/health`)).json()) as Health
}

/** A signed-in import as the atlas's own page sends it: with the session cookie and the atlas's Origin. */
function importRequest(server: Server, csv: string, cookie: string, dryRun: boolean): RequestInit {
  const form = new FormData()
  form.append('file', new File([csv], 'crash-ledger.csv', { type: 'text/csv' }))
  form.append('dryRun', String(dryRun))
  form.append('duplicates', 'reject')
  return { method: 'POST', headers: { Cookie: cookie, Origin: server.url }, body: form }
}

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-crash-'))
  dirs.push(dir)
  return dir
}

function fileState(file: string): string {
  try {
    const s = statSync(file)
    return `${s.size}:${s.mtimeMs}`
  } catch {
    return 'absent'
  }
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

describe('crash safety of the real server', () => {
  const csv = ledgerCsv(ROWS)

  test('SIGKILL in the middle of a 50 000-row import commit: after a restart the store is unchanged and whole', async () => {
    const dataDir = await newDataDir()
    const first = await startOn(dataDir)
    await ready(first)
    const cookie = await signIn(first)
    const before = await health(first)
    expect(before).toMatchObject({ ok: true, store: { integrity: 'ok' } })

    // Nothing writes to the store until the import's commit transaction starts: the first change to the
    // WAL file is that transaction spilling its pages, and the kill comes right then.
    const wal = join(dataDir, `${STORE_FILE}-wal`)
    const baseline = fileState(wal)
    const answer = fetch(`${first.url}/api/import/units`, importRequest(first, csv, cookie, false)).then(
      (r) => r.status,
      () => 'connection lost' as const,
    )
    const deadline = Date.now() + 60_000
    while (fileState(wal) === baseline && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2))
    expect(fileState(wal), 'the commit started writing').not.toBe(baseline)
    first.child.kill('SIGKILL')
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' })
    expect(await answer, 'the import never answered').toBe('connection lost')

    const second = await startOn(dataDir)
    await ready(second)
    expect(second.output()).toMatch(/Store integrity ok/)
    const after = await health(second)
    expect(after).toEqual({ ...before, store: { ...before.store } })
    expect(after.store.units).toBe(before.store.units)
    const batches = await (await fetch(`${second.url}/api/import/batches`, { headers: { Cookie: await signIn(second) } })).json()
    expect(batches.imports).toEqual([])

    // And the store takes the same import whole afterwards.
    const retry = await fetch(`${second.url}/api/import/units`, importRequest(second, csv, await signIn(second), false))
    expect(retry.status).toBe(200)
    expect((await health(second)).store.units).toBe(before.store.units + ROWS)
    await stop(second)
  }, 180_000)

  test('a damaged store is refused at start, with what to do', async () => {
    for (const damage of ['header', 'page'] as const) {
      const dataDir = await newDataDir()
      const file = join(dataDir, STORE_FILE)
      const store = openSqliteStore(file)
      seedDemo(store, '2026-11-23')
      store.close()
      const fd = openSync(file, 'r+')
      // 'header': not a database at all; 'page': a b-tree page overwritten (what quick_check finds).
      writeSync(fd, Buffer.alloc(4096, 0x5a), 0, damage === 'header' ? 100 : 4096, damage === 'header' ? 0 : 10 * 4096)
      closeSync(fd)
      const server = await startOn(dataDir)
      const { code } = await server.exited
      expect(code, server.output()).toBe(1)
      expect(server.output()).toMatch(/Refusing to start: the store in .* (cannot be opened|is damaged|failed its integrity check)/)
      expect(server.output()).toContain('atlas restore FILE')
      expect(server.output()).toContain('move atlas.sqlite away')
    }
  }, 120_000)

  test('SIGTERM during a slow request: the request completes, then the process exits 0', async () => {
    const dataDir = await newDataDir()
    const server = await startOn(dataDir)
    await ready(server)
    const cookie = await signIn(server)
    const started = Date.now()
    // A dry run of 50 000 rows takes seconds: it is in flight when SIGTERM arrives.
    const slow = fetch(`${server.url}/api/import/units`, importRequest(server, csv, cookie, true))
    await new Promise((r) => setTimeout(r, 700))
    server.child.kill('SIGTERM')
    const answer = await slow
    expect(answer.status).toBe(200)
    // The whole answer (about 15 MB) arrives: nothing is cut off when the server closes.
    const body = (await answer.json()) as { dryRun: boolean; report: { rows: unknown[] } }
    expect(body.dryRun).toBe(true)
    expect(body.report.rows).toHaveLength(ROWS)
    expect(Date.now() - started).toBeGreaterThan(700)
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(server.output()).toContain('SIGTERM: finishing open requests')
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow()
  }, 120_000)
})
