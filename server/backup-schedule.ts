// Scheduled local backups (ATLAS_BACKUP_DIR, ATLAS_BACKUP_EVERY_HOURS, ATLAS_BACKUP_KEEP): an online backup on
// that rhythm, encrypted when ATLAS_BACKUP_PASSPHRASE is set, the newest N kept, and the newest verified by a
// trial restore. The outcome is logged and kept for GET /api/health. Process wiring for server/index.ts.
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { ScheduledBackups } from './config'
import type { CryptoSuite } from './crypto-suite'
import { encryptBackupFile, verifyBackup } from './db/backup'
import { backupsToDelete, nextBackupDue, scheduledBackupName, type BackupStatus } from './db/backup-rotation'
import type { AtlasStore } from './db/store'

export interface BackupScheduleDeps {
  store: AtlasStore
  settings: ScheduledBackups
  passphrase: string | null
  crypto: CryptoSuite
  log: (message: string) => void
  logError: (message: string) => void
  now?: () => Date
}

export function startScheduledBackups({ store, settings, passphrase, crypto, log, logError, now = () => new Date() }: BackupScheduleDeps) {
  mkdirSync(settings.dir, { recursive: true })
  const everyMs = settings.everyHours * 3_600_000
  let status: BackupStatus = { last: null, file: null, verified: null, error: null, next: nextBackupDue(readdirSync(settings.dir), everyMs, now()).toISOString() }
  let timer: NodeJS.Timeout | null = null
  let lastAttempt = -Infinity // a failed backup leaves no newer file: the next try waits a whole period too
  let stopped = false

  const runOnce = async () => {
    const at = now()
    lastAttempt = at.getTime()
    const file = join(settings.dir, scheduledBackupName(at, passphrase !== null))
    try {
      if (passphrase === null) await store.backup(file, 'scheduled-backup')
      else {
        const plain = `${file}.plain`
        try {
          await store.backup(plain, 'scheduled-backup')
          await encryptBackupFile(plain, file, passphrase, crypto)
        } finally {
          rmSync(plain, { force: true })
        }
      }
      for (const old of backupsToDelete(readdirSync(settings.dir), settings.keep)) rmSync(join(settings.dir, old), { force: true })
      const verified = await verifyBackup(file, passphrase, settings.dir)
      status = { last: at.toISOString(), file: basename(file), verified: true, error: null, next: status.next }
      log(`Scheduled backup ${file}: verified by a trial restore (${verified.tables} tables, ${verified.rows} rows)`)
    } catch (error) {
      const message = (error as Error).message
      status = { last: at.toISOString(), file: basename(file), verified: false, error: message, next: status.next }
      logError(`Scheduled backup ${file} FAILED: ${message}`)
    }
  }

  const schedule = () => {
    if (stopped) return
    const due = new Date(Math.max(nextBackupDue(readdirSync(settings.dir), everyMs, now()).getTime(), lastAttempt + everyMs))
    status = { ...status, next: due.toISOString() }
    // setTimeout holds at most ~24.8 days; a longer wait is taken in steps.
    timer = setTimeout(async () => {
      if (now() >= due) await runOnce()
      schedule()
    }, Math.min(Math.max(due.getTime() - now().getTime(), 0), 2 ** 31 - 1))
    timer.unref()
  }
  schedule()
  log(`Scheduled backups to ${settings.dir} every ${settings.everyHours} h, keeping ${settings.keep}${passphrase === null ? '' : ', encrypted'}; next ${status.next}`)

  return {
    status: (): BackupStatus => status,
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
