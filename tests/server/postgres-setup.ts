// The PostgreSQL half of the suite (the `postgres` project in vite.config.ts): a database server for its tests,
// either ATLAS_TEST_DATABASE_URL or a throwaway cluster started here from the machine's PostgreSQL binaries and
// stopped after. Template databases (migrated; migrated and seeded with the demo) make each test's store a quick
// CREATE DATABASE … TEMPLATE. Without PostgreSQL and PostGIS the half is skipped and says so, unless
// ATLAS_REQUIRE_POSTGRES=1 (CI), where that is an error.
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { TEMPLATES, type TestDatabase } from './test-store'

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: TestDatabase | null
  }
}

interface Cluster {
  url: string
  stop: () => void
}

export default async function setup(project: TestProject) {
  const required = process.env.ATLAS_REQUIRE_POSTGRES === '1'
  let cluster: Cluster | null = null
  let url = process.env.ATLAS_TEST_DATABASE_URL || null
  if (url === null) {
    const why = whyNoPostgres()
    if (why !== null) {
      if (required) throw new Error(`ATLAS_REQUIRE_POSTGRES=1 but ${why}`)
      console.warn(`\n*** The PostgreSQL half of the suite was SKIPPED: ${why}. Install postgresql and postgis (bash .ci/run does) or set ATLAS_TEST_DATABASE_URL. ***\n`)
      project.provide('postgres', null)
      return
    }
    cluster = await startCluster()
    url = cluster.url
  }
  try {
    const { makeTemplates } = await import('./test-store-templates')
    await makeTemplates(url)
  } catch (error) {
    cluster?.stop()
    throw error
  }
  project.provide('postgres', { url, templates: TEMPLATES })
  return async () => {
    if (cluster !== null) return cluster.stop()
    await dropTestDatabases(url)
  }
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
  return versions.length === 0 ? null : join(root, versions[0], 'bin')
}

function whyNoPostgres(): string | null {
  const bin = binDir()
  if (bin === null) return 'no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb: apt-get install postgresql)'
  const version = bin.split('/').at(-2)!
  if (!existsSync(`/usr/share/postgresql/${version}/extension/postgis.control`)) return `no PostGIS for PostgreSQL ${version} (apt-get install postgresql-${version}-postgis-3)`
  return null
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/** initdb refuses to run as root: then the cluster belongs to the `postgres` user the Debian package makes. */
async function startCluster(): Promise<Cluster> {
  const bin = binDir()!
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pg-'))
  const asRoot = process.getuid?.() === 0
  const run = (tool: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args]
    const result = spawnSync(file, argv, { encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`)
  }
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })))
  const port = await freePort()
  run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'atlas', '--no-locale', '-E', 'UTF8'])
  // fsync off: a throwaway cluster; its speed matters, its durability does not.
  run('pg_ctl', ['-D', join(dir, 'data'), '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`, 'start'])
  return {
    url: `postgres://atlas@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', join(dir, 'data'), '-w', '-m', 'immediate', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

async function dropTestDatabases(url: string): Promise<void> {
  const client = new pg.Client(url)
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'atlas_test_%'")
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
  } finally {
    await client.end()
  }
}
