// atlas audit archive: records past the retention go to a file whose digest and chain `verify --archive`
// checks, and the kept trail still verifies from the archive's head; nothing is removed without a file.
import Database from 'better-sqlite3'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, test } from 'vitest'
import { STORE_FILE } from '../../../server/open-store'
import { atlas, tamper, trailDataDir } from './audit-trail'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Four records 200–197 days old, then six of the last six days: the first four are past 180 days. */
function agedTrail(): string {
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10)
  const dir = trailDataDir({ days: [200, 199, 198, 197, 6, 5, 4, 3, 2, 1].map(day) })
  dirs.push(dir)
  return dir
}

const auditRows = (dir: string) => {
  const db = new Database(join(dir, STORE_FILE), { readonly: true })
  try {
    return db.prepare('SELECT id, actor, action, after_json AS after FROM audit_log ORDER BY id').all() as { id: number; actor: string; action: string; after: string | null }[]
  } finally {
    db.close()
  }
}

describe('atlas audit archive', () => {
  test('moves the records past retention to a file; the kept trail and the archive both verify', async () => {
    const dir = agedTrail()
    const out = join(dir, 'archive.ndjson.gz')
    const archived = await atlas(dir, {}, 'audit', 'archive', '--out', out)
    expect(archived.err).toBe('')
    expect(archived.code).toBe(0)
    expect(archived.out).toMatch(/^Archived 4 records \(1–4, before .+\) to .+archive\.ndjson\.gz\n/)

    const lines = gunzipSync(readFileSync(out)).toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(6) // header, four records, trailer
    expect(lines[0]).toMatchObject({ format: 'atlas-audit-archive/1', firstId: 1, lastId: 4, records: 4, digestAlg: 'sha256' })
    expect(lines.slice(1, 5).map((r) => r.actor)).toEqual(['u1', 'u2', 'u3', 'u4'])

    const kept = auditRows(dir)
    expect(kept.map((r) => r.id)).toEqual([5, 6, 7, 8, 9, 10, 11])
    expect(kept.at(-1)).toMatchObject({ actor: 'cli', action: 'archive' })
    expect(JSON.parse(kept.at(-1)?.after ?? '{}')).toMatchObject({ records: 4, headHash: lines[0].headHash, digest: lines[5].digest })

    const verified = await atlas(dir, {}, 'audit', 'verify')
    expect(verified.code).toBe(0)
    expect(verified.out).toContain('Audit trail intact: 7 records checked from the head of the archive (record 4)')
    const archive = await atlas(dir, {}, 'audit', 'verify', '--archive', out)
    expect(archive.err).toBe('')
    expect(archive.out).toMatch(/^Archive intact: 4 records \(1–4\), head [0-9a-f]{64}, digest [0-9a-f]{64}; vouched for by record 11 of the store/)
  })

  test('a second run finds nothing more to archive and removes nothing', async () => {
    const dir = agedTrail()
    await atlas(dir, {}, 'audit', 'archive', '--out', join(dir, 'a.ndjson.gz'))
    const again = await atlas(dir, {}, 'audit', 'archive', '--out', join(dir, 'b.ndjson.gz'))
    expect(again.out).toMatch(/^Nothing to archive: no record is older than 180 days/)
    expect(auditRows(dir)).toHaveLength(7)
  })

  test('the default file is in the data dir under audit-archive/', async () => {
    const dir = agedTrail()
    expect((await atlas(dir, {}, 'audit', 'archive')).code).toBe(0)
    expect(readdirSync(join(dir, 'audit-archive'))).toEqual([expect.stringMatching(/^atlas-audit-1-4-\d{8}-\d{6}\.ndjson\.gz$/)])
  })

  test('an archive no record of the store vouches for is refused', async () => {
    const dir = agedTrail()
    const out = join(dir, 'archive.ndjson.gz')
    await atlas(dir, {}, 'audit', 'archive', '--out', out)
    const other = await atlas(agedTrail(), {}, 'audit', 'verify', '--archive', out)
    expect(other.code).toBe(1)
    expect(other.err).toMatch(/is consistent in itself \(records 1–4\) but no 'archive' record of the store carries its digest [0-9a-f]{64}: it is not vouched for/)
  })

  test('an archive edited afterwards is refused, naming the change', async () => {
    const dir = agedTrail()
    const out = join(dir, 'archive.ndjson.gz')
    await atlas(dir, {}, 'audit', 'archive', '--out', out)
    const text = gunzipSync(readFileSync(out)).toString('utf8')
    writeFileSync(out, gzipSync(text.replace('"actor":"u2"', '"actor":"u9"')))
    const edited = await atlas(dir, {}, 'audit', 'verify', '--archive', out)
    expect(edited.code).toBe(1)
    expect(edited.err).toContain('its digest does not match its content')
  })

  test('a broken trail is not archived', async () => {
    const dir = agedTrail()
    tamper(dir, (db) => db.prepare("UPDATE audit_log SET actor = 'x' WHERE id = 2").run())
    const refused = await atlas(dir, {}, 'audit', 'archive', '--out', join(dir, 'a.ndjson.gz'))
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('the trail is broken, so nothing was archived (run atlas audit verify): record 2 (')
    expect(auditRows(dir)).toHaveLength(10)
  })
})
