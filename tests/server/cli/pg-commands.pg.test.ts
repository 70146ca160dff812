// atlas migrate, copy-store and backup against PostgreSQL (the postgres project).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../server/cli/main'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import { MIGRATIONS } from '../../../server/db/migrations'
import { databaseUrl, newTestDatabase, seedDemoWithAdmin, testNow, testPostgres } from '../test-store'
import { openSyncConnection } from '../../../server/db/pg/sync-connection'

const postgres = testPostgres()
const dir = mkdtempSync(join(tmpdir(), 'atlas-pg-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function atlas(args: string[], env: Record<string, string> = {}) {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), env: { ATLAS_DATA_DIR: dir, ...env } })
  return { code, out, err }
}

describe.skipIf(postgres === null)('atlas migrate, copy-store and backup on PostgreSQL', () => {
  it('migrate makes a new database at the latest version and says so; again it has nothing to do', async () => {
    const name = `atlas_test_cli_${process.pid}`
    const admin = openSyncConnection(postgres!.url)
    admin.query(`CREATE DATABASE ${name}`)
    admin.close()
    const env = { ATLAS_DATABASE_URL: databaseUrl(postgres!.url, name) }
    const latest = MIGRATIONS.at(-1)!.version
    expect(await atlas(['migrate'], env)).toMatchObject({ code: 0, out: expect.stringContaining(`schema version 0 → ${latest} (the latest)`) })
    expect(await atlas(['migrate'], env)).toMatchObject({ code: 0, out: expect.stringContaining('nothing to do') })
  })

  it('copy-store moves a SQLite deployment into PostgreSQL, says what it moved; backup brings it back as a file', async () => {
    const file = join(dir, 'source.sqlite')
    const source = openSqliteStore(file, { now: testNow })
    seedDemoWithAdmin(source)
    const units = source.health().units
    source.close()
    const url = newTestDatabase(postgres!, 'empty')
    const copied = await atlas(['copy-store', '--from', `sqlite:${file}`, '--to', url])
    expect(copied.code, copied.err).toBe(0)
    expect(copied.out).toMatch(new RegExp(`Copied \\d+ rows in \\d+ tables .*units ${units}`))

    const backup = join(dir, 'from-postgres.sqlite')
    const backedUp = await atlas(['backup', backup], { ATLAS_DATABASE_URL: url })
    expect(backedUp.code, backedUp.err).toBe(0)
    expect(backedUp.out).toContain(`${units} units`)
    const restored = openSqliteStore(backup)
    expect(restored.health().units).toBe(units)
    // The copy is in the backup's trail; the backup itself is recorded after it, in the database's, which verifies.
    expect(restored.audit.list({ limit: 5 }).map((r) => r.action)).toContain('copy')
    restored.close()
    expect(await atlas(['audit', 'verify'], { ATLAS_DATABASE_URL: url })).toMatchObject({ code: 0, out: expect.stringContaining('intact') })
  })

  it('copy-store refuses a target that holds data, and a bad address, by name', async () => {
    const url = newTestDatabase(postgres!, 'demo')
    const file = join(dir, 'other.sqlite')
    openSqliteStore(file).close()
    expect(await atlas(['copy-store', '--from', `sqlite:${file}`, '--to', url])).toMatchObject({ code: 1, err: expect.stringContaining('not empty') })
    expect(await atlas(['copy-store', '--from', 'mysql://x', '--to', url])).toMatchObject({ code: 2, err: expect.stringContaining('is not a store address') })
  })
})
