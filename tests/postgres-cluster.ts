// A throwaway PostgreSQL cluster from the machine's PostgreSQL binaries, for the PostgreSQL half of the suite
// (tests/server/postgres-setup.ts) and the PostGIS baseline of the join benchmark (tests/bench/join.bench.ts).
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Cluster {
  url: string
  stop: () => void
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
  return versions.length === 0 ? null : join(root, versions[0], 'bin')
}

/** Why no cluster with PostGIS can be started here, or null if one can. */
export function whyNoPostgres(): string | null {
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
export async function startCluster(): Promise<Cluster> {
  const bin = binDir()
  if (bin === null) throw new Error(`cannot start PostgreSQL: ${whyNoPostgres()}`)
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
