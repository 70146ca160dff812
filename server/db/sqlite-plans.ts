// Saved site-plan scenarios on the SQLite store.
import { returnedId, type SqlDatabase } from './sql'
import { writeAudit } from './sqlite-accounts'
import type { PlanRepository, PlanScenario } from './store'

interface ScenarioRow {
  id: number
  name: string
  area_code: string
  request_json: string
  result_json: string
  created_at: string
  created_by: string
}

export function sqlitePlans(db: SqlDatabase, now: () => Date): PlanRepository {
  const get = (id: number): PlanScenario | null => {
    const row = db.prepare('SELECT * FROM plan_scenarios WHERE id = ?').get(id) as ScenarioRow | undefined
    return row ? { ...summaryOf(row), request: JSON.parse(row.request_json), result: JSON.parse(row.result_json) } : null
  }
  return {
    list(areaCode) {
      const rows = db
        .prepare('SELECT * FROM plan_scenarios WHERE (CAST(? AS TEXT) IS NULL OR area_code = ?) ORDER BY id DESC')
        .all(areaCode ?? null, areaCode ?? null) as ScenarioRow[]
      return rows.map(summaryOf)
    },
    get,
    save(scenario) {
      const at = now().toISOString()
      return db.transaction(() => {
        const id = returnedId(
          db
            .prepare(`INSERT INTO plan_scenarios (name, area_code, request_json, result_json, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id`)
            .get(scenario.name, scenario.areaCode, JSON.stringify(scenario.request), JSON.stringify(scenario.result), at, scenario.createdBy),
        )
        writeAudit(db, at, scenario.createdBy, 'create', 'plan', String(id), null, { name: scenario.name, areaCode: scenario.areaCode })
        const saved = get(id)
        if (!saved) throw new Error(`plan scenario ${id} vanished after saving`)
        return saved
      })()
    },
    remove(id, actor) {
      return db.transaction(() => {
        const before = get(id)
        if (!before) return false
        db.prepare('DELETE FROM plan_scenarios WHERE id = ?').run(id)
        writeAudit(db, now().toISOString(), actor, 'delete', 'plan', String(id), { name: before.name, areaCode: before.areaCode }, null)
        return true
      })()
    },
  }
}

function summaryOf(row: ScenarioRow): Omit<PlanScenario, 'request' | 'result'> {
  return { id: row.id, name: row.name, areaCode: row.area_code, createdAt: row.created_at, createdBy: row.created_by }
}
