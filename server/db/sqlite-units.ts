// Writes to single units on the SQLite store. Each runs in one transaction with its history and audit rows,
// and bumps the unit's version, which writers send back (If-Match) so that no change is silently lost.
import { returnedId, type SqlDatabase } from './sql'
import { DomainError } from '../domain-error'
import type { HonourLevel, StatusChange, Unit, UnitStatus } from '../shared/domain'
import { writeAudit } from './sqlite-accounts'
import { staleUnitError, type ChangeNote, type StoredUnit, type UnitChange, type UnitFields, type UnitRepository } from './store'

export class UnknownUnitError extends DomainError {
  constructor(message: string) {
    super('not_found', message)
  }
}

export interface UnitRow {
  id: number
  name: string
  category: string
  level: HonourLevel | null
  status: UnitStatus
  year_named: number | null
  lon: number | null
  lat: number | null
  area_code: string | null
  address: string
  contact: string
  notes: string
  sample: number
  version: number
}

/** A unit's row as a snapshot reads it: without the version, which only writes compare. */
export type UnitRowRead = Omit<UnitRow, 'version'>

export function unitOfRow(r: UnitRowRead, history: StatusChange[]): Unit {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    level: r.level,
    status: r.status,
    yearNamed: r.year_named,
    lon: r.lon,
    lat: r.lat,
    areaCode: r.area_code,
    address: r.address,
    contact: r.contact,
    notes: r.notes,
    sample: r.sample === 1,
    history,
  }
}

const COLUMN_OF: Readonly<Record<keyof UnitFields, string>> = {
  name: 'name',
  category: 'category',
  level: 'level',
  status: 'status',
  yearNamed: 'year_named',
  lon: 'lon',
  lat: 'lat',
  areaCode: 'area_code',
  address: 'address',
  contact: 'contact',
  notes: 'notes',
}
const FIELDS = Object.keys(COLUMN_OF) as (keyof UnitFields)[]

interface ChangeRow {
  at: string
  by: string
  action: UnitChange['action']
  before: string | null
  after: string
  reason: string
}

/** `onWrite` hears which units each committed write changed, so the next snapshot reads only those again. */
export function sqliteUnits(db: SqlDatabase, onWrite: (unitIds: readonly number[]) => void): UnitRepository {
  const read = (id: number): StoredUnit | null => {
    const row = db.prepare('SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined
    if (!row) return null
    const { history: _history, ...unit } = unitOfRow(row, [])
    return { ...unit, version: row.version }
  }
  const current = (id: number, version: number): StoredUnit => {
    const unit = read(id)
    if (!unit) throw new UnknownUnitError(`unit ${id} does not exist`)
    if (unit.version !== version) throw staleUnitError(unit, version)
    return unit
  }
  const recordStatus = (id: number, from: UnitStatus | null, to: UnitStatus, { actor, at, reason }: ChangeNote, level: HonourLevel | null = null, document = '') =>
    db
      .prepare('INSERT INTO unit_status_history (unit_id, at, from_status, to_status, by, reason, level, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, at.slice(0, 10), from, to, actor, reason, level, document)
  const recordChange = (id: number, action: UnitChange['action'], before: Partial<UnitFields> | null, after: Partial<UnitFields>, { actor, at, reason }: ChangeNote) => {
    db.prepare('INSERT INTO unit_changes (unit_id, at, by, action, before, after, reason) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      at,
      actor,
      action,
      before === null ? null : JSON.stringify(before),
      JSON.stringify(after),
      reason,
    )
    writeAudit(db, at, actor, action === 'create' ? 'create' : action, 'unit', String(id), before, { ...after, ...(reason ? { reason } : {}) })
  }
  /** Writes `fields` where they differ from `unit`; the changed fields before and after. */
  const write = (unit: StoredUnit, fields: Partial<UnitFields>, at: string) => {
    const changed = FIELDS.filter((f) => fields[f] !== undefined && fields[f] !== unit[f])
    const before = Object.fromEntries(changed.map((f) => [f, unit[f]])) as Partial<UnitFields>
    const after = Object.fromEntries(changed.map((f) => [f, fields[f]])) as Partial<UnitFields>
    if (changed.length > 0) {
      db.prepare(`UPDATE units SET ${changed.map((f) => `${COLUMN_OF[f]} = ?`).join(', ')}, updated_at = ?, version = version + 1 WHERE id = ?`).run(
        ...changed.map((f) => fields[f] ?? null),
        at,
        unit.id,
      )
    }
    return { before, after, changed: changed.length > 0 }
  }
  const written = <T extends StoredUnit | StoredUnit[]>(work: () => T): T => {
    const result = db.transaction(work)()
    onWrite([result].flat().map((unit) => unit.id))
    return result
  }

  return {
    transition(moves, note) {
      return written(() =>
        moves.map((move) => {
          const unit = read(move.id)
          if (!unit) throw new UnknownUnitError(`unit ${move.id} does not exist`)
          if (move.version !== undefined && unit.version !== move.version) throw staleUnitError(unit, move.version)
          if (unit.status !== move.from) {
            throw new DomainError('conflict', `单位 #${unit.id}“${unit.name}” is now ${unit.status}, not ${move.from}: someone moved it since it was read; nothing was changed`, { details: { current: unit } })
          }
          const naming = move.naming ? { level: move.naming.level, yearNamed: move.naming.year } : {}
          write(unit, { status: move.to, ...naming }, note.at)
          recordStatus(unit.id, move.from, move.to, note, move.naming?.level ?? null, note.document)
          writeAudit(db, note.at, note.actor, 'transition', 'unit', String(unit.id), { status: unit.status, level: unit.level, yearNamed: unit.yearNamed }, {
            status: move.to,
            level: move.naming?.level ?? unit.level,
            yearNamed: move.naming?.year ?? unit.yearNamed,
            ...(note.reason ? { reason: note.reason } : {}),
            ...(note.document ? { document: note.document } : {}),
          })
          return read(unit.id) as StoredUnit
        }),
      )
    },
    externalIds() {
      const rows = db.prepare('SELECT id, external_id FROM units WHERE external_id IS NOT NULL').all() as { id: number; external_id: string }[]
      return new Map(rows.map((r) => [r.id, r.external_id]))
    },
    get: read,
    create(fields, note) {
      return written(() => {
        const id = returnedId(db
          .prepare(`INSERT INTO units (${FIELDS.map((f) => COLUMN_OF[f]).join(', ')}, sample, created_at, updated_at) VALUES (${FIELDS.map(() => '?').join(', ')}, 0, ?, ?) RETURNING id`)
          .get(...FIELDS.map((f) => fields[f] ?? null), note.at, note.at))
        recordStatus(id, null, fields.status, note, fields.status === '命名' ? fields.level : null)
        recordChange(id, 'create', null, fields, note)
        return read(id) as StoredUnit
      })
    },
    update(id, version, fields, note) {
      return written(() => {
        const unit = current(id, version)
        if (fields.status !== undefined && fields.status !== unit.status) {
          throw new DomainError('invalid', `status: ${unit.status} → ${fields.status} is a step of the naming workflow, not an edit (POST /api/units/${id}/transitions)`)
        }
        const { before, after, changed } = write(unit, fields, note.at)
        if (changed) recordChange(id, 'edit', before, after, note)
        return read(id) as StoredUnit
      })
    },
    changes(id) {
      const rows = db.prepare('SELECT at, by, action, before, after, reason FROM unit_changes WHERE unit_id = ? ORDER BY at, id').all(id) as ChangeRow[]
      return rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: JSON.parse(r.after) }))
    },
  }
}
