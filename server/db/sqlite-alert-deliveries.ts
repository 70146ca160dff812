// The webhook's ledger of delivered alerts on the SQLite store: the `alert_deliveries` table (migration 15).
// A delivery and its audit record are written in one transaction.
import { inJsonArray, type SqlDatabase } from './sql'
import { writeAudit } from './sqlite-accounts'
import type { AlertDeliveryRepository } from './store'

export function sqliteAlertDeliveries(db: SqlDatabase, now: () => Date): AlertDeliveryRepository {
  return {
    delivered(alertIds) {
      if (alertIds.length === 0) return new Set()
      const rows = db
        .prepare(`SELECT alert_id FROM alert_deliveries WHERE ${inJsonArray(db, 'alert_id', 'text')}`)
        .all(JSON.stringify(alertIds)) as { alert_id: string }[]
      return new Set(rows.map((r) => r.alert_id))
    },
    markDelivered(alertId, attempts, actor, detail) {
      const at = now().toISOString()
      db.transaction(() => {
        db.prepare('INSERT INTO alert_deliveries (alert_id, sent_at, attempts) VALUES (?, ?, ?) ON CONFLICT (alert_id) DO NOTHING').run(alertId, at, attempts)
        writeAudit(db, at, actor, 'send', 'alert', alertId, null, detail)
      })()
    },
  }
}
