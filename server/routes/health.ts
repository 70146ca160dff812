import { Hono } from 'hono'
import type { AppEnv } from '../http/env'

export function healthRoutes(version: string) {
  return new Hono<AppEnv>().get('/', (c) => {
    const store = c.var.store.health()
    return c.json({ ok: store.ok, version, store }, store.ok ? 200 : 503)
  })
}
