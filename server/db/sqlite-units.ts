// Writes to single units on the SQLite store. Each runs in one transaction with its history and audit rows.
import type Database from 'better-sqlite3'
import { DomainError } from '../domain-error'
import type { UnitStatus } from '../shared/domain'
import { writeAudit } from './sqlite-accounts'
import type { UnitRepository } from './store'

export class UnknownUnitError extends DomainError {
  constructor(message: string) {
    super('not_found', message)
  }
}

export function sqliteUnits(db: Database.Database, onWrite: () => void): UnitRepository {
  return {
    changeStatus(ids, to, { actor, reason, at }) {
      db.transaction(() => {
        for (const id of ids) {
          const row = db.prepare('SELECT id, name, status FROM units WHERE id = ?').get(id) as { id: number; name: string; status: UnitStatus } | undefined
          if (!row) throw new UnknownUnitError(`unit ${id} does not exist`)
          if (row.status === to) continue
          db.prepare('UPDATE units SET status = ?, updated_at = ? WHERE id = ?').run(to, at, id)
          db.prepare(`INSERT INTO unit_status_history (unit_id, at, from_status, to_status, by, reason) VALUES (?, ?, ?, ?, ?, ?)`).run(
            id,
            at.slice(0, 10),
            row.status,
            to,
            actor,
            reason,
          )
          writeAudit(db, at, actor, 'status', 'unit', String(id), { name: row.name, status: row.status }, { name: row.name, status: to, reason })
        }
      })()
      onWrite()
    },
    externalIds() {
      const rows = db.prepare('SELECT id, external_id FROM units WHERE external_id IS NOT NULL').all() as { id: number; external_id: string }[]
      return new Map(rows.map((r) => [r.id, r.external_id]))
    },
  }
}
