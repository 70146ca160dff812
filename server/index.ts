// Process wiring only: read config, open the store, serve API + web app, shut down cleanly.
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { relative } from 'node:path'
import { createApp } from './app'
import { ensureFirstAdmin } from './auth/first-admin'
import { ConfigError, readConfig } from './config'
import { openDataDirStore } from './open-store'
import { WEB_DIST_DIR } from './paths'
import { VERSION } from './version'

function main() {
  const config = readConfig(process.env)
  const store = openDataDirStore(config, console.log)
  ensureFirstAdmin(store, config.adminPassword, console.log)
  // serveStatic resolves its root against the working directory.
  const root = relative(process.cwd(), WEB_DIST_DIR) || '.'
  const app = createApp({
    store,
    version: VERSION,
    web: [serveStatic({ root }), serveStatic({ root, path: 'index.html' })],
    security: {
      requireLogin: config.requireLogin,
      frameAncestors: config.frameAncestors,
      allowedOrigins: config.allowedOrigins,
    },
  })
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    console.log(`Unity Atlas ${VERSION} at http://localhost:${info.port} (data: ${config.dataDir})`)
  })
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${config.port} is already in use: stop the other server or set PORT to a free port`
        : `The server failed: ${error.message}`,
    )
    store.close()
    process.exit(1)
  })
  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing open requests and closing the store`)
    server.close(() => {
      store.close()
      process.exit(0)
    })
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

try {
  main()
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error)
  process.exit(1)
}
