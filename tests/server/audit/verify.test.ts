// atlas audit verify on an intact trail and on store files edited by hand (a record changed, inserted,
// deleted), the triggers that keep the app from editing the trail, an upgraded store, and the SM3 chain.
import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { chainHash } from '../../../server/audit/chain-hash'
import { MIGRATIONS } from '../../../server/db/migrations'
import { migrate, openSqliteStore } from '../../../server/db/sqlite-store'
import { STORE_FILE } from '../../../server/open-store'
import { atlas, tamper, trailDataDir } from './audit-trail'

const dirs: string[] = []
const trail = (...args: Parameters<typeof trailDataDir>) => {
  const dir = trailDataDir(...args)
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const headOf = (dataDir: string) => {
  const db = new Database(join(dataDir, STORE_FILE), { readonly: true })
  try {
    return db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string }
  } finally {
    db.close()
  }
}

describe('atlas audit verify', () => {
  test('an intact trail: exit 0, the number of records and the head hash', async () => {
    const dir = trail()
    const { code, out } = await atlas(dir, {}, 'audit', 'verify')
    expect(code).toBe(0)
    expect(out).toBe(`Audit trail intact: 10 records checked from the genesis hash; head: record 10 ${headOf(dir).hash}\n`)
  })

  test('a record changed by hand is named, with its time, actor and type', async () => {
    const dir = trail()
    tamper(dir, (db) => db.prepare("UPDATE audit_log SET address = '192.0.2.1' WHERE id = 4").run())
    const { code, err } = await atlas(dir, {}, 'audit', 'verify')
    expect(code).toBe(1)
    expect(err).toContain('after 3 intact records: record 4 (2026-01-04T10:00:00.000Z u4 sign-in session): its hash does not match its fields — changed after it was written')
  })

  test('a record deleted by hand: the record after the gap is named', async () => {
    const dir = trail()
    tamper(dir, (db) => db.prepare('DELETE FROM audit_log WHERE id = 6').run())
    const { code, err } = await atlas(dir, {}, 'audit', 'verify')
    expect(code).toBe(1)
    expect(err).toContain("record 7 (2026-01-07T10:00:00.000Z u7 sign-in session): its previous-hash does not match record 5's hash — a record between them was deleted")
  })

  test('the first records deleted: the new first record does not start at the genesis', async () => {
    const dir = trail()
    tamper(dir, (db) => db.prepare('DELETE FROM audit_log WHERE id <= 2').run())
    const { err } = await atlas(dir, {}, 'audit', 'verify')
    expect(err).toContain('record 3 (2026-01-03T10:00:00.000Z u3 sign-in session): its previous-hash does not match the genesis hash — records before it were deleted')
  })

  test('a record inserted with a well-made hash of its own: the inserted record is named', async () => {
    const dir = trail()
    tamper(dir, (db) => {
      // Make room after record 5 and slip in a record linked to it, hashed as the atlas would.
      db.prepare('UPDATE audit_log SET id = id + 100 WHERE id > 5').run()
      db.prepare('UPDATE audit_log SET id = id - 99 WHERE id > 100').run()
      const five = db.prepare('SELECT hash FROM audit_log WHERE id = 5').get() as { hash: string }
      const fields = {
        hashAlg: 'sha256' as const, prevHash: five.hash, at: '2026-01-05T12:00:00.000Z', actor: 'admin', action: 'update',
        entity: 'user', entityId: '2', result: 'success', address: null, beforeJson: null, afterJson: '{"role":"admin"}',
      }
      db.prepare(`INSERT INTO audit_log (id, at, actor, action, entity, entity_id, result, address, before_json, after_json, hash_alg, prev_hash, hash)
          VALUES (6, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(fields.at, fields.actor, fields.action, fields.entity, fields.entityId, fields.result, fields.address, fields.beforeJson, fields.afterJson, fields.hashAlg, fields.prevHash, chainHash(fields))
    })
    const { code, err } = await atlas(dir, {}, 'audit', 'verify')
    expect(code).toBe(1)
    expect(err).toContain('record 6 (2026-01-05T12:00:00.000Z admin update user 2): record 7 follows the record before it directly — record 6 was inserted')
  })

  test('a record inserted by plain SQL, without the chain: named as inserted outside the atlas', async () => {
    const dir = trail()
    tamper(dir, (db) => db.prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES ('2026-02-01T00:00:00.000Z', 'x', 'delete', 'unit')").run())
    const { code, err } = await atlas(dir, {}, 'audit', 'verify')
    expect(code).toBe(1)
    expect(err).toContain('record 11 (2026-02-01T00:00:00.000Z x delete unit): it has no hash of the chain — it was inserted outside the atlas')
  })

  test('under ATLAS_CRYPTO=gm new records are chained with SM3, and a trail of both algorithms verifies', async () => {
    const dir = trail({ auditHash: 'sm3' })
    const store = openSqliteStore(join(dir, STORE_FILE), { auditHash: 'sha256' })
    store.audit.record({ actor: 'admin', action: 'sign-out', entity: 'session', result: 'success', address: null })
    store.close()
    const db = new Database(join(dir, STORE_FILE), { readonly: true })
    expect(db.prepare('SELECT hash_alg AS alg, count(*) AS n FROM audit_log GROUP BY hash_alg ORDER BY hash_alg').all()).toEqual([
      { alg: 'sha256', n: 1 },
      { alg: 'sm3', n: 10 },
    ])
    db.close()
    expect((await atlas(dir, { ATLAS_CRYPTO: 'gm' }, 'audit', 'verify')).code).toBe(0)
    tamper(dir, (db) => db.prepare("UPDATE audit_log SET actor = 'u9' WHERE id = 3").run())
    expect((await atlas(dir, { ATLAS_CRYPTO: 'gm' }, 'audit', 'verify')).err).toContain('record 3 (2026-01-03T10:00:00.000Z u9 sign-in session): its hash does not match its fields')
  })
})

describe('the store keeps the trail append-only', () => {
  test('UPDATE and DELETE on audit_log are refused by triggers', () => {
    const dir = trail()
    const db = new Database(join(dir, STORE_FILE))
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE id = 1").run()).toThrow('audit_log is append-only: a record cannot be changed')
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow('audit_log is append-only: records leave it only through atlas audit archive')
    db.close()
  })

  test('a store upgraded from schema 9 has its old records chained, in order, and verifies', async () => {
    const dir = trail()
    const file = join(dir, STORE_FILE)
    rmSync(file)
    const old = new Database(file)
    migrate(old, MIGRATIONS.filter((m) => m.version <= 9))
    for (const n of [1, 2, 3]) {
      old.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, after_json) VALUES (?, 'admin', 'create', 'user', ?, '{}')").run(`2025-0${n}-01T00:00:00.000Z`, String(n))
    }
    old.close()
    openSqliteStore(file).close()
    const { code, out } = await atlas(dir, {}, 'audit', 'verify')
    expect(code).toBe(0)
    expect(out).toContain('Audit trail intact: 3 records checked from the genesis hash; head: record 3 ')
  })
})
