// Which scheduled backups exist, which to keep and when the next is due, from their file names alone. Pure.
// A scheduled backup is named atlas-<UTC time>.sqlite, or .sqlite.enc when encrypted; other files in the
// directory are never touched.
import { timeStamp } from './backup'

/** The last scheduled backup as GET /api/health shows it. */
export interface BackupStatus {
  last: string | null // when the last backup was made (ISO), null before the first
  file: string | null // its name in ATLAS_BACKUP_DIR (not the path: /api/health is open to anyone)
  verified: boolean | null // whether its trial restore passed; null before the first
  error: string | null // what failed, when the backup or its verification did
  next: string // when the next is due (ISO)
}

const NAME = /^atlas-(\d{8}-\d{6})\.sqlite(\.enc)?$/

export function scheduledBackupName(at: Date, encrypted: boolean): string {
  return `atlas-${timeStamp(at)}.sqlite${encrypted ? '.enc' : ''}`
}

/** The scheduled backups among `names`, newest first (names sort by time). */
export function scheduledBackups(names: readonly string[]): string[] {
  return names.filter((name) => NAME.test(name)).sort((a, b) => stampOf(b).localeCompare(stampOf(a)) || a.localeCompare(b))
}

/** The scheduled backups beyond the newest `keep`: the ones to delete. */
export function backupsToDelete(names: readonly string[], keep: number): string[] {
  return scheduledBackups(names).slice(keep)
}

/** When the next backup is due: `everyMs` after the newest one, or now when there is none or it is overdue. */
export function nextBackupDue(names: readonly string[], everyMs: number, now: Date): Date {
  const newest = scheduledBackups(names)[0]
  if (newest === undefined) return now
  const stamp = stampOf(newest)
  const made = Date.UTC(+stamp.slice(0, 4), +stamp.slice(4, 6) - 1, +stamp.slice(6, 8), +stamp.slice(9, 11), +stamp.slice(11, 13), +stamp.slice(13, 15))
  return new Date(Math.max(now.getTime(), made + everyMs))
}

function stampOf(name: string): string {
  return NAME.exec(name)?.[1] ?? ''
}
