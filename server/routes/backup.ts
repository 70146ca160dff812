// GET /api/backup (the backup duty: admins): a fresh online backup of the live store as a file to download. It
// is made in a temporary directory, streamed, and removed once the answer has been sent or abandoned. With
// ATLAS_BACKUP_PASSPHRASE set it is encrypted with it; under 三员分立 it must be, because a backup holds the
// audit trail the admin may not read: whoever keeps the passphrase (not the admin) can open it.
import { Hono } from 'hono'
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { encryptBackupFile, timeStamp } from '../db/backup'
import { DomainError } from '../domain-error'
import { auditRequest } from '../http/audit-event'
import type { AppEnv } from '../http/env'
import { costlyWork } from '../http/work-limits'
import { requireDuty } from '../http/session'

export const backupRoutes = new Hono<AppEnv>().use(requireDuty('backup')).get('/', costlyWork('unitExport'), async (c) => {
  const passphrase = c.var.backupPassphrase
  if (passphrase === null && c.var.separationOfDuties) {
    throw new DomainError(
      'forbidden',
      '三员分立：备份含审计记录，系统管理员只能下载加密备份；请在服务器上设置 ATLAS_BACKUP_PASSPHRASE（口令由安全管理员保管）(separated duties: set ATLAS_BACKUP_PASSPHRASE)',
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-'))
  const remove = () => rmSync(dir, { recursive: true, force: true })
  const plain = join(dir, 'atlas.sqlite')
  const file = passphrase === null ? plain : `${plain}.enc`
  try {
    await c.var.store.backup(plain, c.var.user?.username ?? 'unknown')
    if (passphrase !== null) await encryptBackupFile(plain, file, passphrase, c.var.cryptoSuite)
  } catch (error) {
    remove()
    throw error
  }
  const bytes = statSync(file).size
  // The store recorded the copy; this records who took it away, and from where.
  auditRequest(c, { action: 'download', entity: 'backup', result: 'success', detail: { bytes, encrypted: passphrase !== null } })
  const body = Readable.toWeb(createReadStream(file).on('close', remove)) as ReadableStream<Uint8Array>
  return c.body(body, 200, {
    'Content-Type': passphrase === null ? 'application/vnd.sqlite3' : 'application/octet-stream',
    'Content-Disposition': `attachment; filename="atlas-backup-${timeStamp(c.var.now()).slice(0, 13)}.sqlite${passphrase === null ? '' : '.enc'}"`,
    'Content-Length': String(bytes),
    'Cache-Control': 'no-store', // it holds every account's password hash
  })
})
