// GET /api/backup (admins): a fresh online backup of the live store as a file to download. It is made in a
// temporary directory, streamed, and removed once the answer has been sent or abandoned.
import { Hono } from 'hono'
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { timeStamp } from '../db/backup'
import { auditRequest } from '../http/audit-event'
import type { AppEnv } from '../http/env'
import { costlyWork } from '../http/work-limits'
import { requireAdmin } from '../http/session'

export const backupRoutes = new Hono<AppEnv>().use(requireAdmin).get('/', costlyWork('unitExport'), async (c) => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-'))
  const remove = () => rmSync(dir, { recursive: true, force: true })
  const file = join(dir, 'atlas.sqlite')
  try {
    await c.var.store.backup(file, c.var.user?.username ?? 'unknown')
  } catch (error) {
    remove()
    throw error
  }
  // The store recorded the copy; this records who took it away, and from where.
  auditRequest(c, { action: 'download', entity: 'backup', result: 'success', detail: { bytes: statSync(file).size } })
  const body = Readable.toWeb(createReadStream(file).on('close', remove)) as ReadableStream<Uint8Array>
  return c.body(body, 200, {
    'Content-Type': 'application/vnd.sqlite3',
    'Content-Disposition': `attachment; filename="atlas-backup-${timeStamp(c.var.now()).slice(0, 13)}.sqlite"`,
    'Content-Length': String(statSync(file).size),
    'Cache-Control': 'no-store', // it holds every account's password hash
  })
})
