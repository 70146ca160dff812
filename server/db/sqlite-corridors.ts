// Demonstration corridors on the SQLite store: `corridors` and their ordered `corridor_stops` (migration 4).
// Every change is written to the audit log in the same transaction. A unit deleted elsewhere (an import
// rolled back) leaves its corridors through the foreign key's ON DELETE CASCADE.
import { returnedId, type SqlDatabase } from './sql'
import { writeAudit } from './sqlite-accounts'
import type { CorridorRecord } from '../shared/domain'
import type { CorridorInput, CorridorRepository } from './store'

interface CorridorRow {
  id: number
  name: string
  note: string
  sample: number
  updated_at: string
  updated_by: string
}

export function sqliteCorridors(db: SqlDatabase, now: () => Date): CorridorRepository {
  const stopsOf = (id: number): number[] =>
    (db.prepare('SELECT unit_id FROM corridor_stops WHERE corridor_id = ? ORDER BY position').all(id) as { unit_id: number }[]).map((r) => r.unit_id)
  const byId = (id: number): CorridorRecord | null => {
    const row = db.prepare('SELECT * FROM corridors WHERE id = ?').get(id) as CorridorRow | undefined
    return row ? recordOf(row, stopsOf(row.id)) : null
  }
  return {
    list() {
      const stops = new Map<number, number[]>()
      for (const r of db.prepare('SELECT corridor_id, unit_id FROM corridor_stops ORDER BY corridor_id, position').all() as { corridor_id: number; unit_id: number }[]) {
        const list = stops.get(r.corridor_id)
        if (list) list.push(r.unit_id)
        else stops.set(r.corridor_id, [r.unit_id])
      }
      return (db.prepare('SELECT * FROM corridors ORDER BY id').all() as CorridorRow[]).map((row) => recordOf(row, stops.get(row.id) ?? []))
    },
    get: byId,
    create(corridor, actor) {
      const at = now().toISOString()
      return db.transaction(() => {
        const id = insertCorridor(db, { ...corridor, sample: false }, at, actor)
        const after = byId(id) as CorridorRecord
        writeAudit(db, at, actor, 'create', 'corridor', String(id), null, after)
        return after
      })()
    },
    update(id, corridor, actor) {
      const at = now().toISOString()
      return db.transaction(() => {
        const before = byId(id)
        if (!before) return null
        db.prepare('UPDATE corridors SET name = ?, note = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(corridor.name, corridor.note, at, actor, id)
        db.prepare('DELETE FROM corridor_stops WHERE corridor_id = ?').run(id)
        insertStops(db, id, corridor.unitIds)
        const after = byId(id) as CorridorRecord
        writeAudit(db, at, actor, 'update', 'corridor', String(id), before, after)
        return after
      })()
    },
    delete(id, actor) {
      const at = now().toISOString()
      return db.transaction(() => {
        const before = byId(id)
        if (!before) return false
        db.prepare('DELETE FROM corridors WHERE id = ?').run(id) // its stops go with it (ON DELETE CASCADE)
        writeAudit(db, at, actor, 'delete', 'corridor', String(id), before, null)
        return true
      })()
    },
  }
}

/**
 * Inserts a corridor and its stops (positions 0, 1, …) inside the caller's transaction; returns its id.
 * Also used by loadDataset, which audits the load as a whole.
 */
export function insertCorridor(db: SqlDatabase, corridor: CorridorInput & { sample: boolean }, at: string, actor: string): number {
  const id = returnedId(
    db
      .prepare('INSERT INTO corridors (name, note, sample, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) RETURNING id')
      .get(corridor.name, corridor.note, corridor.sample ? 1 : 0, at, actor),
  )
  insertStops(db, id, corridor.unitIds)
  return id
}

function insertStops(db: SqlDatabase, corridorId: number, unitIds: readonly number[]): void {
  const insert = db.prepare('INSERT INTO corridor_stops (corridor_id, position, unit_id) VALUES (?, ?, ?)')
  unitIds.forEach((unitId, position) => insert.run(corridorId, position, unitId))
}

function recordOf(row: CorridorRow, unitIds: number[]): CorridorRecord {
  return {
    id: row.id,
    name: row.name,
    note: row.note,
    sample: row.sample === 1,
    unitIds,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  }
}
