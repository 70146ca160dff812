// Creation targets (创建目标) on the SQLite store: the `targets` table of migration 1. Every change is written
// to the audit log, with the target before and after, in the same transaction; the snapshot (which carries
// the targets into coverage) is rebuilt after each write.
import { returnedId, type SqlDatabase } from './sql'
import type { HonourLevel, Target } from '../shared/domain'
import { writeAudit } from './sqlite-accounts'
import type { TargetFields, TargetRepository } from './store'

interface TargetRow {
  id: number
  area_code: string
  scheme_id: string | null
  category: string | null
  min_level: HonourLevel | null
  count: number
  due_year: number
  note: string
}

export function sqliteTargets(db: SqlDatabase, now: () => Date, invalidate: () => void): TargetRepository {
  const byId = (id: number): Target | null => {
    const row = db.prepare('SELECT * FROM targets WHERE id = ?').get(id) as TargetRow | undefined
    return row ? targetOf(row) : null
  }
  /** Runs `change` in a transaction and rebuilds the snapshot once it has committed. */
  const committed = <T>(change: () => T): T => {
    const result = db.transaction(change)()
    invalidate()
    return result
  }
  return {
    list: () => (db.prepare('SELECT * FROM targets ORDER BY id').all() as TargetRow[]).map(targetOf),
    get: byId,
    create(fields, actor) {
      const at = now().toISOString()
      return committed(() => {
        const id = returnedId(
          db
            .prepare(`INSERT INTO targets (area_code, scheme_id, category, min_level, count, due_year, note)
                VALUES (@areaCode, @schemeId, @category, @minLevel, @count, @dueYear, @note) RETURNING id`)
            .get(fields),
        )
        const after = byId(id) as Target
        writeAudit(db, at, actor, 'create', 'target', String(id), null, after)
        return after
      })
    },
    update(id, fields, actor) {
      const at = now().toISOString()
      return committed(() => {
        const before = byId(id)
        if (!before) return null
        const { id: _id, ...kept } = before
        db.prepare(`UPDATE targets SET area_code = @areaCode, scheme_id = @schemeId, category = @category,
            min_level = @minLevel, count = @count, due_year = @dueYear, note = @note WHERE id = @id`).run({ ...kept, ...definedOf(fields), id })
        const after = byId(id) as Target
        writeAudit(db, at, actor, 'update', 'target', String(id), before, after)
        return after
      })
    },
    remove(id, actor) {
      const at = now().toISOString()
      return committed(() => {
        const before = byId(id)
        if (!before) return false
        db.prepare('DELETE FROM targets WHERE id = ?').run(id)
        writeAudit(db, at, actor, 'delete', 'target', String(id), before, null)
        return true
      })
    },
  }
}

/** The fields `fields` sets: a key present with `undefined` leaves the stored value alone. */
function definedOf(fields: Partial<TargetFields>): Partial<TargetFields> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
}

function targetOf(row: TargetRow): Target {
  return {
    id: row.id,
    areaCode: row.area_code,
    schemeId: row.scheme_id,
    category: row.category,
    minLevel: row.min_level,
    count: row.count,
    dueYear: row.due_year,
    note: row.note,
  }
}
