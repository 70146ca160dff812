import { Hono } from 'hono'
import type { AppEnv } from '../http/env'

export const schemeRoutes = new Hono<AppEnv>().get('/', (c) => c.json({ schemes: c.var.store.snapshot().schemes }, 200))
