// createApp(deps) → the Hono app. No process wiring here: server/index.ts opens the store and serves.
import { Hono, type MiddlewareHandler } from 'hono'
import type { AtlasStore } from './db/store'
import type { AppEnv } from './http/env'
import { errorBody } from './http/errors'
import { areaRoutes } from './routes/areas'
import { coverageRoutes } from './routes/coverage'
import { healthRoutes } from './routes/health'
import { schemeRoutes } from './routes/schemes'
import { unitRoutes } from './routes/units'

export interface AppDeps {
  store: AtlasStore
  version: string
  now?: () => Date // new Date(): injectable so tests fix "today"
  log?: (message: string) => void // console.error
  web?: MiddlewareHandler[] // serve the built web app for every path outside /api, tried in order
}

export function createApp({ store, version, now = () => new Date(), log = console.error, web }: AppDeps) {
  const api = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('store', store)
      c.set('today', now().toISOString().slice(0, 10))
      await next()
    })
    .route('/health', healthRoutes(version))
    .route('/schemes', schemeRoutes)
    .route('/areas', areaRoutes)
    .route('/units', unitRoutes)
    .route('/coverage', coverageRoutes)
    .onError((error, c) => {
      log(`${c.req.method} ${c.req.path} failed: ${error.stack ?? error.message}`)
      return c.json(errorBody('internal', 'the server could not complete the request; the error has been logged'), 500)
    })
  const app = new Hono()
    .route('/api', api)
    .all('/api/*', (c) => c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}`), 404))
  for (const handler of web ?? []) app.use('*', handler)
  return app
}

export type AppType = ReturnType<typeof createApp>
