// Login throttling's state in the store (migration 19's `throttle_keys`), so that every server on one database
// counts the same failures: one row per limiter and key, its state as JSON, the oldest dropped past maxKeys.
import type { KeyedState, ThrottleStates } from '../auth/rate-limit'
import type { SqlDatabase } from './sql'

/** How often a write also drops the keys past maxKeys: often enough to bound the table, rarely enough to cost nothing. */
const PRUNE_EVERY = 100

export function sqliteThrottles(db: SqlDatabase, now: () => Date): ThrottleStates {
  let writes = 0
  return {
    keyed<T>(limiter: string, maxKeys: number): KeyedState<T> {
      return {
        get(key) {
          const row = db.prepare('SELECT state FROM throttle_keys WHERE limiter = ? AND key = ?').get(limiter, key) as { state: string } | undefined
          return row === undefined ? undefined : (JSON.parse(row.state) as T)
        },
        set(key, value) {
          db.prepare(`INSERT INTO throttle_keys (limiter, key, state, touched_at) VALUES (?, ?, ?, ?)
              ON CONFLICT (limiter, key) DO UPDATE SET state = excluded.state, touched_at = excluded.touched_at`)
            .run(limiter, key, JSON.stringify(value), now().toISOString())
          if (++writes % PRUNE_EVERY === 0) {
            db.prepare(`DELETE FROM throttle_keys WHERE limiter = ? AND key NOT IN
                (SELECT key FROM throttle_keys WHERE limiter = ? ORDER BY touched_at DESC LIMIT ?)`).run(limiter, limiter, maxKeys)
          }
        },
        delete(key) {
          db.prepare('DELETE FROM throttle_keys WHERE limiter = ? AND key = ?').run(limiter, key)
        },
      }
    },
  }
}
