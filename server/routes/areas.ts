import { Hono } from 'hono'
import { DomainError } from '../domain-error'
import { z } from 'zod'
import { areaFeatures, selectAreas } from '../geo/area-query'
import type { AppEnv } from '../http/env'
import { areaCodeParam, areaLevelParam } from '../http/params'
import { validated } from '../http/validate'

const areasQuery = z.object({
  level: areaLevelParam.optional(),
  parent: areaCodeParam.optional(),
})

export const areaRoutes = new Hono<AppEnv>().get('/', validated('query', areasQuery), (c) => {
  const query = c.req.valid('query')
  const snapshot = c.var.store.snapshot()
  if (query.parent !== undefined && !snapshot.areasByCode.has(query.parent)) {
    throw new DomainError('not_found', `parent: area ${query.parent} does not exist in the store`)
  }
  return c.json(areaFeatures(selectAreas(snapshot.areas, query)), 200)
})
