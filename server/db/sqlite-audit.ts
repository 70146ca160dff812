// The audit trail on the SQLite store: each record hash-chained to the one before (server/audit/chain-hash.ts),
// appended in the transaction of the change it records; triggers refuse UPDATE and DELETE on audit_log.
import type { SqlDatabase } from './sql'
import { chainHash, GENESIS_HASH, isChainHashAlgorithm, type ChainHashAlgorithm } from '../audit/chain-hash'
import type { StoredAuditRecord } from '../audit/chain-verify'
import { DomainError } from '../domain-error'
import type { AuditEntry, AuditFilter, AuditRepository, AuditResult } from './store'

interface AuditRow {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entity_id: string | null
  result: string
  address: string | null
  before_json: string | null
  after_json: string | null
  hash_alg: string | null
  prev_hash: string | null
  hash: string | null
}

/**
 * The append-only rule, in the store itself: the app cannot change or remove a record by mistake. Whoever holds
 * the file can drop these; the chain is what shows that they did. Migration 10 creates them; `removeArchived`
 * drops the DELETE one and creates it again inside its own transaction.
 */
export const AUDIT_NO_UPDATE_TRIGGER = `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: a record cannot be changed'); END`
export const AUDIT_NO_DELETE_TRIGGER = `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: records leave it only through atlas audit archive'); END`

export interface AppendedRecord {
  at: string
  actor: string
  action: string
  entity: string
  entityId: string | null
  result: AuditResult
  address: string | null
  before: unknown
  after: unknown
}

/** Appends one record linked to the current head; callers may run it inside the transaction of their change. */
export function appendAuditRecord(db: SqlDatabase, record: AppendedRecord): void {
  db.transaction(() => {
    const fields = {
      hashAlg: chainAlgorithm(db),
      prevHash: headHash(db),
      at: record.at,
      actor: record.actor,
      action: record.action,
      entity: record.entity,
      entityId: record.entityId,
      result: record.result,
      address: record.address,
      beforeJson: record.before === null ? null : JSON.stringify(record.before),
      afterJson: record.after === null || record.after === undefined ? null : JSON.stringify(record.after),
    }
    db.prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, result, address, before_json, after_json, hash_alg, prev_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      fields.at,
      fields.actor,
      fields.action,
      fields.entity,
      fields.entityId,
      fields.result,
      fields.address,
      fields.beforeJson,
      fields.afterJson,
      fields.hashAlg,
      fields.prevHash,
      chainHash(fields),
    )
  })()
}

/** What new records are hashed with: set at open from ATLAS_CRYPTO; each record keeps its own. */
export function setChainAlgorithm(db: SqlDatabase, algorithm: ChainHashAlgorithm): void {
  db.prepare('UPDATE audit_chain SET algorithm = ? WHERE id = 1 AND algorithm <> ?').run(algorithm, algorithm)
}

/** Links the rows written before migration 10, oldest first, so that an upgraded store verifies. */
export function chainUnlinkedRecords(db: SqlDatabase): void {
  const update = db.prepare('UPDATE audit_log SET hash_alg = ?, prev_hash = ?, hash = ? WHERE id = ?')
  let prevHash = headHash(db)
  const hashAlg = chainAlgorithm(db)
  for (const row of db.prepare('SELECT * FROM audit_log WHERE hash IS NULL ORDER BY id').all() as AuditRow[]) {
    const fields = { ...storedRecordOf(row), hashAlg, prevHash }
    prevHash = chainHash(fields)
    update.run(hashAlg, fields.prevHash, prevHash, row.id)
  }
}

function chainAlgorithm(db: SqlDatabase): ChainHashAlgorithm {
  const { algorithm } = db.prepare('SELECT algorithm FROM audit_chain WHERE id = 1').get() as { algorithm: string }
  if (!isChainHashAlgorithm(algorithm)) throw new Error(`audit_chain holds an unknown algorithm ${JSON.stringify(algorithm)}`)
  return algorithm
}

function startHash(db: SqlDatabase): string {
  return (db.prepare('SELECT start_hash FROM audit_chain WHERE id = 1').get() as { start_hash: string } | undefined)?.start_hash ?? GENESIS_HASH
}

function headHash(db: SqlDatabase): string {
  const head = db.prepare('SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined
  return head?.hash ?? startHash(db)
}

export function sqliteAudit(db: SqlDatabase, now: () => Date): AuditRepository {
  const where = (filter: AuditFilter) => {
    const clauses: string[] = []
    const params: unknown[] = []
    const add = (clause: string, value: string | undefined) => {
      if (value === undefined) return
      clauses.push(clause)
      params.push(value)
    }
    add('actor = ?', filter.actor)
    add('action = ?', filter.action)
    add('entity = ?', filter.entity)
    add('entity_id = ?', filter.entityId)
    add('at >= ?', filter.since)
    add('at < ?', filter.until)
    return { sql: clauses.length === 0 ? '1 = 1' : clauses.join(' AND '), params }
  }
  return {
    list({ limit, before, ...filter }) {
      const { sql, params } = where(filter)
      return (db.prepare(`SELECT * FROM audit_log WHERE ${sql} AND (CAST(? AS INTEGER) IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`)
        .all(...params, before ?? null, before ?? null, limit) as AuditRow[]).map(entryOf)
    },
    *each(filter) {
      const { sql, params } = where(filter)
      for (const row of db.prepare(`SELECT * FROM audit_log WHERE ${sql} ORDER BY id`).iterate(...params) as Iterable<AuditRow>) yield entryOf(row)
    },
    record(event) {
      appendAuditRecord(db, {
        at: now().toISOString(),
        actor: event.actor,
        action: event.action,
        entity: event.entity,
        entityId: event.entityId ?? null,
        result: event.result,
        address: event.address,
        before: null,
        after: event.detail ?? null,
      })
    },
    head() {
      return (db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined) ?? null
    },
    chain() {
      const records = db.prepare('SELECT * FROM audit_log ORDER BY id')
      const archived = db.prepare('SELECT archived_through FROM audit_chain WHERE id = 1').get() as { archived_through: number | null }
      return {
        start: { prevHash: startHash(db), label: archived.archived_through === null ? 'the genesis hash' : `the head of the archive (record ${archived.archived_through})` },
        records: { *[Symbol.iterator]() { for (const row of records.iterate() as Iterable<AuditRow>) yield storedRecordOf(row) } },
      }
    },
    archivable(cutoff) {
      const first = db.prepare('SELECT min(id) AS id FROM audit_log WHERE at >= ?').get(cutoff) as { id: number | null }
      return (db.prepare('SELECT * FROM audit_log WHERE (CAST(? AS INTEGER) IS NULL OR id < ?) ORDER BY id').all(first.id, first.id) as AuditRow[]).map(storedRecordOf)
    },
    removeArchived(range, actor) {
      db.transaction(() => {
        const oldest = db.prepare('SELECT id FROM audit_log ORDER BY id LIMIT 1').get() as { id: number } | undefined
        const last = db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(range.lastId) as { hash: string | null } | undefined
        const count = (db.prepare('SELECT count(*) AS n FROM audit_log WHERE id <= ?').get(range.lastId) as { n: number }).n
        if (!oldest || last?.hash !== range.headHash || count !== range.records) {
          throw new DomainError('conflict', `the audit trail no longer starts with the ${range.records} records archived through record ${range.lastId}: nothing was removed; archive again`)
        }
        // The one deliberate removal: the DELETE trigger is dropped and made again inside this transaction, so
        // no other writer ever sees the trail without it, and a failure anywhere here restores it with the rest.
        // (An "archived" marker would keep every record in the store for ever, which retention is meant to end.)
        db.exec('DROP TRIGGER audit_log_no_delete')
        db.prepare('DELETE FROM audit_log WHERE id <= ?').run(range.lastId)
        db.exec(AUDIT_NO_DELETE_TRIGGER)
        db.prepare('UPDATE audit_chain SET start_hash = ?, archived_through = ? WHERE id = 1').run(range.headHash, range.lastId)
        appendAuditRecord(db, {
          at: now().toISOString(),
          actor,
          action: 'archive',
          entity: 'audit_log',
          entityId: String(range.lastId),
          result: 'success',
          address: null,
          before: null,
          after: { records: range.records, headHash: range.headHash, digest: range.digest, file: range.file },
        })
      })()
    },
  }
}

function storedRecordOf(row: AuditRow): StoredAuditRecord {
  return {
    id: row.id,
    hashAlg: row.hash_alg,
    prevHash: row.prev_hash ?? '',
    hash: row.hash,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    result: row.result,
    address: row.address,
    beforeJson: row.before_json,
    afterJson: row.after_json,
  }
}

function entryOf(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    result: r.result === 'failure' ? 'failure' : 'success',
    address: r.address,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
    hash: r.hash,
  }
}
