// The atlas served in this process on a free loopback port, for `atlas export` (Chromium needs a URL
// to open). The same app and web build `npm start` serves, on the same data dir.
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import type { AddressInfo } from 'node:net'
import { relative } from 'node:path'
import { createApp } from '../app'
import type { AtlasConfig } from '../config'
import { openDataDirStore } from '../open-store'
import { WEB_DIST_DIR } from '../paths'
import { VERSION } from '../version'
import { ensureWebBuild } from '../web-build'
import type { ExportService } from './service'

export interface LocalServer {
  url: string
  close(): Promise<void>
}

export async function startLocalServer(config: AtlasConfig, exporter: ExportService, log: (m: string) => void): Promise<LocalServer> {
  await ensureWebBuild(log)
  const store = openDataDirStore(config, log)
  const root = relative(process.cwd(), WEB_DIST_DIR) || '.'
  // Open to reads whatever ATLAS_REQUIRE_LOGIN says (this process already holds the data dir, and its
  // jobs carry no user), with the configured sensitive categories: the CLI renders as an anonymous viewer.
  const security = { sensitiveCategories: config.sensitiveCategories }
  const app = createApp({ store, version: VERSION, exporter, log, security, mapReview: config.mapReview, web: [serveStatic({ root }), serveStatic({ root, path: 'index.html' })] })
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    s.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close()
          resolve()
        })
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      }),
  }
}
