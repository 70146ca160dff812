import { Hono } from 'hono'
import type { BackupStatus } from '../db/backup-rotation'
import type { AppEnv } from '../http/env'

/** `backupStatus`: the scheduled backups' last outcome (ATLAS_BACKUP_DIR), shown as `backup`; absent when off. */
export function healthRoutes(version: string, backupStatus?: () => BackupStatus) {
  return new Hono<AppEnv>().get('/', (c) => {
    const store = c.var.store.health()
    // A failed backup is shown, not made a 503: the atlas still serves, and a load balancer must not drop it.
    return c.json({ ok: store.ok, version, store, ...(backupStatus ? { backup: backupStatus() } : {}) }, store.ok ? 200 : 503)
  })
}
