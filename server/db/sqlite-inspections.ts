// Inspections (督导) on the SQLite store: the `inspections` table of migration 1 as migrations 7 and 16 widened it.
// Each write runs in one transaction with its audit row (the inspection before and after), bumps the version
// that writers send back (If-Match), and invalidates the snapshot, which carries every inspection.
import { inJsonArray, returnedId, type SqlDatabase } from './sql'
import { DomainError } from '../domain-error'
import type { ChecklistEntry, Inspection, InspectionRating, PhotoRef } from '../shared/domain'
import { writeAudit } from './sqlite-accounts'
import { photoRefsByInspection } from './sqlite-photos'
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
  client_id: string | null
  gps_lon: number | null
  gps_lat: number | null
  gps_accuracy_m: number | null
  gps_taken_at: string | null
}

export function inspectionOfRow(r: InspectionRow, photos: PhotoRef[] = []): Inspection {
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
    clientId: r.client_id,
    gps: r.gps_lon === null || r.gps_lat === null ? null : { lon: r.gps_lon, lat: r.gps_lat, accuracyM: r.gps_accuracy_m ?? 0, takenAt: r.gps_taken_at ?? '' },
    photos,
  }
}

/** Inspections of `rows` with their photos. */
export function inspectionsOfRows(db: SqlDatabase, rows: readonly InspectionRow[], all = false): Inspection[] {
  const photos = photoRefsByInspection(db, all ? undefined : rows.map((r) => r.id))
  return rows.map((r) => inspectionOfRow(r, photos.get(r.id)))
}

/** The names as the old `inspector` column holds them. */
export function joinedInspectors(inspectors: readonly string[]): string {
  return inspectors.join('、')
}

const NEWEST_FIRST = 'ORDER BY date DESC, id DESC'

export function sqliteInspections(db: SqlDatabase, now: () => Date, invalidate: () => void): InspectionRepository {
  const one = (sql: string, key: number | string): Inspection | null => {
    const row = db.prepare(sql).get(key) as InspectionRow | undefined
    return row ? inspectionsOfRows(db, [row])[0] : null
  }
  const byId = (id: number) => one('SELECT * FROM inspections WHERE id = ?', id)
  return {
    list({ unitIds, from, to }: InspectionFilter = {}) {
      const where: string[] = []
      const params: (string | number)[] = []
      if (unitIds !== undefined) {
        where.push(inJsonArray(db, 'unit_id', 'integer')) // one parameter, however many units
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
      return inspectionsOfRows(db, db.prepare(sql).all(...params) as InspectionRow[])
    },
    get: byId,
    byClientId: (clientId) => one('SELECT * FROM inspections WHERE client_id = ?', clientId),
    create(fields, actor) {
      const at = now().toISOString()
      const { clientId = null, gps = null } = fields
      const inspection = db.transaction(() => {
        const taken = clientId === null ? null : (db.prepare('SELECT id FROM inspections WHERE client_id = ?').get(clientId) as { id: number } | undefined)
        if (taken) throw new DomainError('conflict', `clientId: ${clientId} is already the id of inspection ${taken.id}`)
        const id = returnedId(
          db
            .prepare(`INSERT INTO inspections (unit_id, date, inspector, inspectors, findings, follow_up, checklist, rating,
                follow_up_due, created_by, created_at, client_id, gps_lon, gps_lat, gps_accuracy_m, gps_taken_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
            .get(fields.unitId, fields.date, joinedInspectors(fields.inspectors), JSON.stringify(fields.inspectors), fields.findings,
              fields.followUp, JSON.stringify(fields.checklist), fields.rating, fields.followUpDue, actor, at,
              clientId, gps?.lon ?? null, gps?.lat ?? null, gps?.accuracyM ?? null, gps?.takenAt ?? null),
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
