// Process wiring only: read config, open the store, serve API + web app, shut down cleanly.
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Server } from 'node:http'
import { relative } from 'node:path'
import { createApp } from './app'
import { ensureFirstAdmin, ensureSeparatedAdministrators } from './auth/first-admin'
import { ConfigError, readConfig, type AtlasConfig } from './config'
import { gracefulServer } from './http/graceful-close'
import type { AtlasStore } from './db/store'
import { prepareForReading } from './ledger/kept-unit-tables'
import { openDataDirStore, STORE_FILE } from './open-store'
import { httpsRedirectServer, tlsServing } from './tls'
import { startScheduledBackups } from './backup-schedule'
import { startAlertWebhook } from './alerts/alert-schedule'
import { WEB_DIST_DIR } from './paths'
import { VERSION } from './version'

/** The store is damaged: the server refuses to start on it rather than serve or write wrong data. */
class StoreDamagedError extends Error {}

/** The data dir's store after SQLite's quick_check; refused, with what to do, when it is damaged. */
function openCheckedStore(config: AtlasConfig): AtlasStore {
  const advice = `restore a backup with atlas restore FILE (the damaged store is kept beside it), or move ${STORE_FILE} away to start afresh`
  let store: AtlasStore
  try {
    store = openDataDirStore(config, console.log, { checkAtOpen: true })
  } catch (error) {
    if (isDamage(error)) throw new StoreDamagedError(`the store in ${config.dataDir} cannot be opened (${(error as Error).message}): ${advice}`)
    throw error
  }
  let health: ReturnType<AtlasStore['health']>
  try {
    health = store.health()
  } catch (error) {
    store.close()
    if (isDamage(error)) throw new StoreDamagedError(`the store in ${config.dataDir} is damaged (${(error as Error).message}): ${advice}`)
    throw error
  }
  if (!health.ok) {
    store.close()
    throw new StoreDamagedError(`the store in ${config.dataDir} failed its integrity check (${health.integrity.slice(0, 400)}): ${advice}`)
  }
  console.log(`Store integrity ok: schema v${health.schemaVersion}, ${health.areas} areas, ${health.units} units`)
  // Built now rather than by the first request, which would otherwise wait for them; the units table's
  // sorted orders are made after the server listens, one per turn of the event loop.
  const started = Date.now()
  prepareForReading(store, setImmediate)
  console.log(`Indexed the store for reading in ${Date.now() - started} ms`)
  return store
}

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)
}

function main() {
  const config = readConfig(process.env)
  // Before the store opens: a bad certificate stops the start before anything else happens.
  const tls = config.tls ? tlsServing(config.tls) : null
  const store = openCheckedStore(config)
  ensureFirstAdmin(store, config.adminPassword, console.log, config.passwords)
  if (config.separationOfDuties) {
    ensureSeparatedAdministrators(store, { secadmin: config.secadminPassword, auditor: config.auditorPassword }, console.log, config.passwords)
  }
  // serveStatic resolves its root against the working directory.
  const root = relative(process.cwd(), WEB_DIST_DIR) || '.'
  const backups = config.scheduledBackups
    ? startScheduledBackups({
        store,
        settings: config.scheduledBackups,
        passphrase: config.backupPassphrase,
        crypto: config.crypto,
        log: console.log,
        logError: console.error,
      })
    : null
  const alertWebhook = config.alertWebhook
    ? startAlertWebhook({ store, url: config.alertWebhook, sensitiveCategories: config.sensitiveCategories, log: console.log, logError: console.error })
    : null
  const app = createApp({
    store,
    version: VERSION,
    web: [serveStatic({ root }), serveStatic({ root, path: 'index.html' })],
    mapReview: config.mapReview,
    ...(backups ? { backupStatus: backups.status } : {}),
    security: {
      requireLogin: config.requireLogin,
      frameAncestors: config.frameAncestors,
      allowedOrigins: config.allowedOrigins,
      trustedProxies: config.trustedProxies,
      sensitiveCategories: config.sensitiveCategories,
      workLimits: config.workLimits,
      passwords: config.passwords,
      sessions: config.sessions,
      mfa: config.mfa,
      accountIdleDays: config.accountIdleDays,
      separationOfDuties: config.separationOfDuties,
      backupPassphrase: config.backupPassphrase,
      crypto: config.crypto,
      hstsMaxAgeSeconds: config.hstsMaxAgeSeconds,
    },
  })
  const { notAfter, ...https } = tls ?? { notAfter: null }
  const server = serve({ fetch: app.fetch, port: config.port, ...https }, (info) => {
    console.log(`Unity Atlas ${VERSION} at ${tls ? 'https' : 'http'}://localhost:${info.port} (data: ${config.dataDir})`)
    if (notAfter) console.log(`HTTPS with ${config.tls?.cert}, valid until ${notAfter}`)
  })
  const redirect = config.httpRedirectPort === null ? null : httpsRedirectServer(config.port)
  redirect?.listen(config.httpRedirectPort, () => console.log(`Plain HTTP on port ${config.httpRedirectPort} redirects to HTTPS (308)`))
  const graceful = gracefulServer(server as Server)
  // Written where the store's owner cannot reach: a trail cut short or rewritten since no longer ends here.
  logAuditHead(store)
  const auditHeadLog = setInterval(() => logAuditHead(store), config.auditHeadLogMinutes * 60_000).unref()
  const failed = (port: number | null, setting: string) => (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${port} is already in use: stop the other server or set ${setting} to a free port`
        : `The server failed: ${error.message}`,
    )
    store.close()
    process.exit(1)
  }
  server.on('error', failed(config.port, 'PORT'))
  redirect?.on('error', failed(config.httpRedirectPort, 'ATLAS_HTTP_REDIRECT_PORT'))
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    clearInterval(auditHeadLog)
    console.log(`${signal}: finishing open requests and closing the store`)
    // Not process.exit(): a response still in the socket's buffers would be cut off. With the server
    // and the store closed, the process ends by itself once the last bytes are written.
    redirect?.close()
    backups?.stop()
    alertWebhook?.stop()
    graceful.close(() => {
      store.close()
      process.exitCode = 0
    })
    // A request that never ends must not keep the process alive for ever.
    setTimeout(() => {
      console.error(`${signal}: requests still open after ${SHUTDOWN_GRACE_MS / 1000} s; closing the store and exiting`)
      store.close()
      process.exit(1)
    }, SHUTDOWN_GRACE_MS).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

const SHUTDOWN_GRACE_MS = 30_000

function logAuditHead(store: AtlasStore): void {
  const head = store.audit.head()
  console.log(head === null ? 'audit chain head: none (the trail is empty)' : `audit chain head: ${head.id} ${head.hash}`)
}

try {
  main()
} catch (error) {
  console.error(
    error instanceof ConfigError
      ? `Configuration error: ${error.message}`
      : error instanceof StoreDamagedError
        ? `Refusing to start: ${error.message}`
        : error,
  )
  process.exit(1)
}
