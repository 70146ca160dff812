// Committed imports on the SQLite store. A commit is one transaction that also records, per unit, whether
// it was inserted or what it was before an update, so that the batch can be rolled back exactly.
import { returnedId, type SqlDatabase } from './sql'
import { DomainError } from '../domain-error'
import { NAMED_STATUSES, type HonourLevel, type UnitStatus } from '../shared/domain'
import { writeAudit } from './sqlite-accounts'
import type { ImportBatch, ImportBatchSummary, ImportRepository } from './store'

/** A rollback the ledger's later history forbids, or of an import that does not exist. */
export class ImportRollbackError extends DomainError {
  constructor(message: string) {
    super('conflict', message)
  }
}

interface BatchRow {
  id: number
  kind: 'units' | 'areas'
  file_name: string
  options_json: string
  report_json: string
  created_at: string
  created_by: string
  rolled_back_at: string | null
  rolled_back_by: string | null
  inserted: number
  updated: number
}

/** The unit columns an import may write, in the order the statements below bind them. */
const UNIT_COLUMNS = ['name', 'category', 'level', 'status', 'year_named', 'lon', 'lat', 'area_code', 'address', 'contact', 'notes', 'sample', 'external_id'] as const

/** The area columns an import may write (all but the code), restored as a whole on rollback. */
const AREA_COLUMNS = ['name', 'level', 'parent', 'geometry', 'population', 'minority_share', 'area_km2', 'schematic', 'population_is_sample', 'source'] as const

export function sqliteImports(db: SqlDatabase, now: () => Date, onWrite: () => void): ImportRepository {
  const summary = (id: number): ImportBatchSummary => {
    const row = db
      .prepare(`SELECT b.*, (SELECT count(*) FROM import_batch_changes c WHERE c.batch_id = b.id AND c.action = 'insert') AS inserted,
          (SELECT count(*) FROM import_batch_changes c WHERE c.batch_id = b.id AND c.action = 'update') AS updated
          FROM import_batches b WHERE b.id = ?`)
      .get(id) as BatchRow | undefined
    if (!row) throw new ImportRollbackError(`import ${id} does not exist`)
    return summaryOf(row)
  }
  return {
    commitUnits(units, { fileName, options, report, actor }, onWritten) {
      const at = now().toISOString()
      const id = db.transaction(() => {
        const batchId = returnedId(
          db
            .prepare(`INSERT INTO import_batches (kind, file_name, options_json, report_json, created_at, created_by)
                VALUES ('units', ?, ?, ?, ?, ?) RETURNING id`)
            .get(fileName, JSON.stringify(options), JSON.stringify(report), at, actor),
        )
        const recordChange = db.prepare(`INSERT INTO import_batch_changes (batch_id, entity, entity_id, action, before_json)
            VALUES (?, 'unit', ?, ?, ?)`)
        const insert = db.prepare(`INSERT INTO units (${UNIT_COLUMNS.join(', ')}, created_at, updated_at)
            VALUES (${UNIT_COLUMNS.map(() => '?').join(', ')}, ?, ?) RETURNING id`)
        const update = db.prepare(`UPDATE units SET ${UNIT_COLUMNS.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, version = version + 1 WHERE id = ?`)
        const insertHistory = db.prepare(`INSERT INTO unit_status_history (unit_id, at, from_status, to_status, by, reason, level) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        // A named unit's history keeps its level, so that it counts at that level in later as-of views.
        const history = (unitId: number, at: string, from: unknown, to: UnitStatus, by: string, reason: string, level: HonourLevel | null) =>
          insertHistory.run(unitId, at, from, to, by, reason, NAMED_STATUSES.includes(to) ? level : null)
        for (const [written, unit] of units.entries()) {
          if (written % 500 === 0) onWritten?.(written, units.length)
          const values = [unit.name, unit.category, unit.level, unit.status, unit.yearNamed, unit.lon, unit.lat, unit.areaCode,
            unit.address, unit.contact, unit.notes, unit.sample ? 1 : 0, unit.externalId]
          const reason = importReason(fileName, batchId)
          // A naming the file dates to an earlier year is kept at the end of that year, so that as-of views of
          // that year count it; anything else happened, as far as the atlas knows, on the import day.
          const on = NAMED_STATUSES.includes(unit.status) && unit.yearNamed !== null && `${unit.yearNamed}` < at.slice(0, 4) ? `${unit.yearNamed}-12-31` : at.slice(0, 10)
          if (unit.updates === null) {
            const unitId = returnedId(insert.get(...values, at, at))
            history(unitId, on, null, unit.status, actor, reason, unit.level)
            recordChange.run(batchId, String(unitId), 'insert', null)
          } else {
            const before = db.prepare('SELECT * FROM units WHERE id = ?').get(unit.updates) as Record<string, unknown> | undefined
            if (!before) throw new ImportRollbackError(`import: unit ${unit.updates} to update does not exist`)
            update.run(...values, at, unit.updates)
            if (before.status !== unit.status || before.level !== unit.level) history(unit.updates, on, before.status, unit.status, actor, reason, unit.level)
            recordChange.run(batchId, String(unit.updates), 'update', JSON.stringify(before))
          }
        }
        onWritten?.(units.length, units.length)
        writeAudit(db, at, actor, 'import', 'import', String(batchId), null, { fileName, units: units.length })
        return batchId
      })()
      onWrite()
      return summary(id)
    },
    commitAreas(areas, { fileName, options, report, actor }) {
      const at = now().toISOString()
      const id = db.transaction(() => {
        const batchId = returnedId(
          db
            .prepare(`INSERT INTO import_batches (kind, file_name, options_json, report_json, created_at, created_by)
                VALUES ('areas', ?, ?, ?, ?, ?) RETURNING id`)
            .get(fileName, JSON.stringify(options), JSON.stringify(report), at, actor),
        )
        const recordChange = db.prepare(`INSERT INTO import_batch_changes (batch_id, entity, entity_id, action, before_json)
            VALUES (?, 'area', ?, ?, ?)`)
        const select = db.prepare('SELECT * FROM areas WHERE code = ?')
        for (const area of areas) {
          const set: Partial<Record<(typeof AREA_COLUMNS)[number], unknown>> = {}
          if (area.name !== undefined) set.name = area.name
          if (area.level !== undefined) set.level = area.level
          if (area.parent !== undefined) set.parent = area.parent
          if (area.geometry !== undefined) {
            set.geometry = area.geometry === null ? null : JSON.stringify(area.geometry)
            set.schematic = 0 // a surveyed boundary replaces a 示意 cell
            set.source = `导入 ${fileName}`
          }
          if (area.areaKm2 !== undefined) set.area_km2 = area.areaKm2
          if (area.population !== undefined) {
            set.population = area.population
            set.population_is_sample = 0
          }
          if (area.minorityShare !== undefined) set.minority_share = area.minorityShare
          const columns = Object.keys(set) as (typeof AREA_COLUMNS)[number][]
          const before = select.get(area.code) as Record<string, unknown> | undefined
          if (before) {
            if (columns.length > 0) db.prepare(`UPDATE areas SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE code = ?`).run(...columns.map((c) => set[c]), area.code)
            recordChange.run(batchId, area.code, 'update', JSON.stringify(before))
          } else {
            if (area.exists || set.name === undefined || set.level === undefined) throw new ImportRollbackError(`import: area ${area.code} to update does not exist`)
            db.prepare(`INSERT INTO areas (code, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`).run(area.code, ...columns.map((c) => set[c]))
            recordChange.run(batchId, area.code, 'insert', null)
          }
        }
        writeAudit(db, at, actor, 'import', 'import', String(batchId), null, { fileName, areas: areas.length })
        return batchId
      })()
      onWrite()
      return summary(id)
    },
    list() {
      return (db.prepare('SELECT id FROM import_batches ORDER BY id DESC').all() as { id: number }[]).map((r) => summary(r.id))
    },
    get(id) {
      const row = db.prepare('SELECT * FROM import_batches WHERE id = ?').get(id) as BatchRow | undefined
      if (!row) return null
      return { ...summary(id), options: JSON.parse(row.options_json), report: JSON.parse(row.report_json) } satisfies ImportBatch
    },
    rollback(id, actor) {
      const at = now().toISOString()
      db.transaction(() => {
        const batch = summary(id)
        if (batch.rolledBackAt) throw new ImportRollbackError(`import ${id} was already rolled back on ${batch.rolledBackAt} by ${batch.rolledBackBy}`)
        const later = db
          .prepare(`SELECT DISTINCT c2.batch_id AS id FROM import_batch_changes c1 JOIN import_batch_changes c2
              ON c2.entity = c1.entity AND c2.entity_id = c1.entity_id AND c2.batch_id > c1.batch_id
              JOIN import_batches b ON b.id = c2.batch_id AND b.rolled_back_at IS NULL
              WHERE c1.batch_id = ?`)
          .all(id) as { id: number }[]
        if (later.length > 0) {
          throw new ImportRollbackError(`import ${id} cannot be rolled back: later imports ${later.map((b) => b.id).join(', ')} changed the same units; roll those back first`)
        }
        const changes = db.prepare('SELECT entity, entity_id, action, before_json FROM import_batch_changes WHERE batch_id = ? ORDER BY rowid DESC').all(id) as {
          entity: 'unit' | 'area'
          entity_id: string
          action: 'insert' | 'update'
          before_json: string | null
        }[]
        for (const change of changes) {
          if (change.entity === 'area') {
            rollbackArea(db, id, change)
            continue
          }
          if (change.action === 'insert') {
            db.prepare('DELETE FROM units WHERE id = ?').run(Number(change.entity_id))
          } else {
            const before = JSON.parse(change.before_json ?? '{}') as Record<string, unknown>
            // A category renamed since the import is restored under its name now (the old one is only a synonym).
            before.category = categoryRenamedSince(db, String(before.category), batch.createdAt)
            db.prepare(`UPDATE units SET ${UNIT_COLUMNS.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, version = version + 1 WHERE id = ?`).run(
              ...UNIT_COLUMNS.map((c) => before[c] ?? null),
              before.updated_at,
              Number(change.entity_id),
            )
            // Imports before the batch number was in the reason are told by file name and date.
            db.prepare(`DELETE FROM unit_status_history WHERE unit_id = ? AND (reason = ? OR (reason = ? AND at >= ?))`).run(
              Number(change.entity_id),
              importReason(batch.fileName, id),
              `导入 ${batch.fileName}`,
              batch.createdAt.slice(0, 10),
            )
          }
        }
        db.prepare('UPDATE import_batches SET rolled_back_at = ?, rolled_back_by = ? WHERE id = ?').run(at, actor, id)
        writeAudit(db, at, actor, 'rollback', 'import', String(id), { inserted: batch.inserted, updated: batch.updated }, null)
      })()
      onWrite()
      return summary(id)
    },
  }
}

/** The reason on the history rows an import writes: its file and its batch, which a rollback removes them by. */
function importReason(fileName: string, batchId: number): string {
  return `导入 ${fileName}（第 ${batchId} 批）`
}

/** `category` as the renames made since `since` (ISO time) have called it, following a chain of them. */
function categoryRenamedSince(db: SqlDatabase, category: string, since: string): string {
  const next = db.prepare('SELECT to_category AS name FROM category_renames WHERE from_category = ? AND at >= ? ORDER BY at, id LIMIT 1')
  const seen = new Set<string>()
  for (let row = next.get(category, since) as { name: string } | undefined; row && !seen.has(row.name); row = next.get(category, since) as { name: string } | undefined) {
    seen.add(category)
    category = row.name
  }
  return category
}

/** Deletes an area the batch inserted (refusing while areas below it exist) or restores its row before the batch. */
function rollbackArea(db: SqlDatabase, batchId: number, change: { entity_id: string; action: 'insert' | 'update'; before_json: string | null }): void {
  const code = change.entity_id
  if (change.action === 'insert') {
    const children = db.prepare('SELECT count(*) AS n FROM areas WHERE parent = ?').get(code) as { n: number }
    if (children.n > 0) throw new ImportRollbackError(`import ${batchId} cannot be rolled back: area ${code} it added now has ${children.n} areas below it`)
    db.prepare('DELETE FROM areas WHERE code = ?').run(code)
    return
  }
  const before = JSON.parse(change.before_json ?? '{}') as Record<string, unknown>
  db.prepare(`UPDATE areas SET ${AREA_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE code = ?`).run(...AREA_COLUMNS.map((c) => before[c] ?? null), code)
}

function summaryOf(row: BatchRow): ImportBatchSummary {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    inserted: row.inserted,
    updated: row.updated,
    rolledBackAt: row.rolled_back_at,
    rolledBackBy: row.rolled_back_by,
  }
}
