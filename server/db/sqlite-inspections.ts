// Inspections (督导) on the SQLite store: the `inspections` table of migration 1 as migration 7 widened it.
// Each write runs in one transaction with its audit row (the inspection before and after), bumps the version
// that writers send back (If-Match), and invalidates the snapshot, which carries every inspection.
import type Database from 'better-sqlite3'
import { DomainError } from '../domain-error'
import type { ChecklistEntry, Inspection, InspectionRating } from '../shared/domain'
import { writeAudit } from './sqlite-accounts'
import { staleInspectionError, type InspectionFilter, type InspectionRepository } from './store'

export interface InspectionRow {
  id: number
  unit_id: number
  date: string
  inspector: string
  inspectors: string // JSON array
  findings: string
  follow_up: string
  checklist: string // JSON array
  rating: InspectionRating | null
  follow_up_due: string | null
  follow_up_closed_at: string | null
  follow_up_closed_by: string
  created_by: string
  created_at: string | null
  version: number
}

export function inspectionOfRow(r: InspectionRow): Inspection {
  return {
    id: r.id,
    unitId: r.unit_id,
    date: r.date,
    inspector: r.inspector,
    inspectors: JSON.parse(r.inspectors) as string[],
    findings: r.findings,
    followUp: r.follow_up,
    checklist: JSON.parse(r.checklist) as ChecklistEntry[],
    rating: r.rating,
    followUpDue: r.follow_up_due,
    followUpClosedAt: r.follow_up_closed_at,
    followUpClosedBy: r.follow_up_closed_by,
    createdBy: r.created_by,
    createdAt: r.created_at,
    version: r.version,
  }
}

/** The names as the old `inspector` column holds them. */
export function joinedInspectors(inspectors: readonly string[]): string {
  return inspectors.join('、')
}

const NEWEST_FIRST = 'ORDER BY date DESC, id DESC'

export function sqliteInspections(db: Database.Database, now: () => Date, invalidate: () => void): InspectionRepository {
  const byId = (id: number): Inspection | null => {
    const row = db.prepare('SELECT * FROM inspections WHERE id = ?').get(id) as InspectionRow | undefined
    return row ? inspectionOfRow(row) : null
  }
  return {
    list({ unitIds, from, to }: InspectionFilter = {}) {
      const where: string[] = []
      const params: (string | number)[] = []
      if (unitIds !== undefined) {
        where.push(`unit_id IN (SELECT value FROM json_each(?))`) // one parameter, however many units
        params.push(JSON.stringify(unitIds))
      }
      if (from !== undefined) {
        where.push('date >= ?')
        params.push(from)
      }
      if (to !== undefined) {
        where.push('date <= ?')
        params.push(to)
      }
      const sql = `SELECT * FROM inspections ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ${NEWEST_FIRST}`
      return (db.prepare(sql).all(...params) as InspectionRow[]).map(inspectionOfRow)
    },
    get: byId,
    create(fields, actor) {
      const at = now().toISOString()
      const inspection = db.transaction(() => {
        const id = Number(
          db
            .prepare(`INSERT INTO inspections (unit_id, date, inspector, inspectors, findings, follow_up, checklist, rating,
                follow_up_due, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(fields.unitId, fields.date, joinedInspectors(fields.inspectors), JSON.stringify(fields.inspectors), fields.findings,
              fields.followUp, JSON.stringify(fields.checklist), fields.rating, fields.followUpDue, actor, at).lastInsertRowid,
        )
        const after = byId(id) as Inspection
        writeAudit(db, at, actor, 'create', 'inspection', String(id), null, after)
        return after
      })()
      invalidate()
      return inspection
    },
    update(id, version, fields, actor) {
      const at = now().toISOString()
      const inspection = db.transaction(() => {
        const before = byId(id)
        if (!before) throw new DomainError('not_found', `inspection ${id} does not exist`)
        if (before.version !== version) throw staleInspectionError(before, version)
        const next = { ...before, ...definedOf(fields) }
        // Closing records who closed; reopening (followUpClosedAt: null) forgets it.
        const closedBy = fields.followUpClosedAt === undefined ? before.followUpClosedBy : fields.followUpClosedAt === null ? '' : actor
        db.prepare(`UPDATE inspections SET date = ?, inspector = ?, inspectors = ?, findings = ?, follow_up = ?, checklist = ?,
            rating = ?, follow_up_due = ?, follow_up_closed_at = ?, follow_up_closed_by = ?, version = version + 1
            WHERE id = ? AND version = ?`)
          .run(next.date, joinedInspectors(next.inspectors), JSON.stringify(next.inspectors), next.findings, next.followUp,
            JSON.stringify(next.checklist), next.rating, next.followUpDue, next.followUpClosedAt, closedBy, id, version)
        const after = byId(id) as Inspection
        writeAudit(db, at, actor, 'update', 'inspection', String(id), before, after)
        return after
      })()
      invalidate()
      return inspection
    },
  }
}

/** The fields given a value: an absent key keeps the stored one (null is a value: it clears). */
function definedOf<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>
}
