// Screen profiles on the SQLite store: the `screen_profiles` table (migration 3). Every change is
// written to the audit log in the same transaction.
import type { SqlDatabase } from './sql'
import { writeAudit } from './sqlite-accounts'
import type { ScreenProfileRecord, ScreenProfileRepository } from './store'

interface ProfileRow {
  id: string
  name: string
  config_json: string
  updated_at: string
  updated_by: string
}

export function sqliteScreenProfiles(db: SqlDatabase, now: () => Date): ScreenProfileRepository {
  const byId = (id: string): ScreenProfileRecord | null => {
    const row = db.prepare('SELECT * FROM screen_profiles WHERE id = ?').get(id) as ProfileRow | undefined
    return row ? profileOf(row) : null
  }
  return {
    list: () => (db.prepare('SELECT * FROM screen_profiles ORDER BY id').all() as ProfileRow[]).map(profileOf),
    get: byId,
    put(id, name, config, actor) {
      const at = now().toISOString()
      return db.transaction(() => {
        const before = byId(id)
        db.prepare(`INSERT INTO screen_profiles (id, name, config_json, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, config_json = excluded.config_json,
            updated_at = excluded.updated_at, updated_by = excluded.updated_by`).run(id, name, JSON.stringify(config), at, actor)
        const after = byId(id) as ScreenProfileRecord
        writeAudit(db, at, actor, before ? 'update' : 'create', 'screen_profile', id, before, after)
        return { profile: after, created: before === null }
      })()
    },
    delete(id, actor) {
      const at = now().toISOString()
      return db.transaction(() => {
        const before = byId(id)
        if (!before) return false
        db.prepare('DELETE FROM screen_profiles WHERE id = ?').run(id)
        writeAudit(db, at, actor, 'delete', 'screen_profile', id, before, null)
        return true
      })()
    },
  }
}

function profileOf(row: ProfileRow): ScreenProfileRecord {
  return { id: row.id, name: row.name, config: JSON.parse(row.config_json) as unknown, updatedAt: row.updated_at, updatedBy: row.updated_by }
}
