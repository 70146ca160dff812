import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'
import { defineConfig } from 'vitest/config'
import { FIELD_ASSET_CACHE, FIELD_SCOPE, FIELD_WORKER_URL } from './web/inspect/field-worker.ts'

const repoRoot = fileURLToPath(new URL('.', import.meta.url))
const apiPort = process.env.PORT ?? '8787'

export default defineConfig({
  root: 'web',
  plugins: [
    react(),
    // The service worker of /inspect only (web/inspect/field-worker.ts registers it with that scope): the HTML
    // shell precached for navigations under /inspect, the scripts and styles it uses cached as they come. The
    // rest of the app is never under it; its manifest is linked by /inspect alone.
    VitePWA({
      strategies: 'generateSW',
      filename: FIELD_WORKER_URL.slice(1),
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['index.html', 'inspect.webmanifest', 'inspect-icon.svg'],
        navigateFallback: 'index.html',
        navigateFallbackAllowlist: [new RegExp(`^${FIELD_SCOPE}(?:/|$)`)],
        runtimeCaching: [{ urlPattern: ({ url }) => url.pathname.startsWith('/assets/'), handler: 'CacheFirst', options: { cacheName: FIELD_ASSET_CACHE } }],
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('web/dist', import.meta.url)),
    emptyOutDir: true,
    // MapLibre and deck.gl are large by nature; the warning would fire on every build.
    chunkSizeWarningLimit: 4096,
  },
  server: {
    proxy: {
      // API paths have no file extension; the dev server's own modules under web/api/ (e.g.
      // /api/client.ts?import) do, and must not be sent to the API server.
      '^/api(?:/[^?.]*)?(?:\\?.*)?$': `http://localhost:${apiPort}`,
    },
  },
  test: {
    // `root: 'web'` above is for the app; tests live under the repo root.
    root: repoRoot,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: repoRoot,
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/**/*.pg.test.ts'],
          // Two cores: one worker per core.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          // The first upload in a file starts an import worker (server/import/parse-pool.ts, ~1 s under tsx);
          // on a loaded two-core machine that has passed 5 s.
          testTimeout: 20_000,
        },
      },
      {
        // The store contract and the API tests again, on PostgreSQL + PostGIS (tests/server/test-store.ts picks the
        // engine), and what only a shared database does (*.pg.test.ts: two servers, a lost connection).
        extends: true,
        test: {
          name: 'postgres',
          root: repoRoot,
          include: ['tests/server/routes/**/*.test.ts', 'tests/server/security/**/*.test.ts', 'tests/server/db/store-contract.test.ts', 'tests/**/*.pg.test.ts'],
          // What reads nothing from the store but the snapshot (tile cutting, upload limits, progress streams) runs once.
          exclude: ['tests/server/routes/tiles.test.ts', 'tests/server/security/upload-caps.test.ts', 'tests/server/routes/import-progress.test.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ['tests/server/postgres-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: repoRoot,
          include: ['tests/e2e/**/*.test.ts'],
          // A real server, a vite build and a software-rendered browser: slow but bounded.
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Each e2e file starts its own server; running them side by side on two cores only makes both
          // slower, and so does running them beside the unit tests: a software-rendered page starved of
          // CPU took 10× longer to draw. So the unit project runs first, then the browser files one by one.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          globalSetup: ['tests/e2e/shared-chromium.ts'],
        },
      },
    ],
  },
})
