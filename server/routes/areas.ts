import { Hono } from 'hono'
import { DomainError } from '../domain-error'
import { z } from 'zod'
import { areaChainAt, areaFeatures, areaPlaces, selectAreas } from '../geo/area-query'
import type { AppEnv } from '../http/env'
import { areaCodeParam, areaLevelParam, geographicCrsParam, latParam, lonParam } from '../http/params'
import { cachedJson, cachedJsonAnswer } from '../http/snapshot-answers'
import { validated } from '../http/validate'
import { toWgs84 } from '../import/crs'

const areasQuery = z.object({
  level: areaLevelParam.optional(),
  parent: areaCodeParam.optional(),
  // full: the boundaries; label: each area's label point and its boundary's box (`bbox`), for maps that draw
  // the boundaries from /api/tiles
  geometry: z.enum(['full', 'label'], { error: 'expected full (the boundaries) or label (label points and boxes)' }).default('full'),
})

// WGS-84 unless crs says the point was read off 高德/腾讯 (gcj02) or 百度 (bd09), as the unit edit takes it.
const pointQuery = z.object({
  lon: lonParam,
  lat: latParam,
  crs: geographicCrsParam.default('wgs84'),
})

export const areaRoutes = new Hono<AppEnv>()
  .get('/', validated('query', areasQuery), (c) => {
    const query = c.req.valid('query')
    const snapshot = c.var.store.snapshot()
    if (query.parent !== undefined && !snapshot.areasByCode.has(query.parent)) {
      throw new DomainError('not_found', `parent: area ${query.parent} does not exist in the store`)
    }
    const { geometry, ...selection } = query
    // Kept per snapshot and compressed once: a national view's 34 provinces are 1.1 MB of JSON, a fifth of it gzipped.
    if (geometry === 'label') {
      const places = cachedJson(snapshot, `area-places:${JSON.stringify(selection)}`, () => areaPlaces(selectAreas(snapshot.areas, selection)))
      return cachedJsonAnswer<ReturnType<typeof areaPlaces>>(c, places)
    }
    const answer = cachedJson(snapshot, `areas:${JSON.stringify(selection)}`, () => areaFeatures(selectAreas(snapshot.areas, selection)))
    return cachedJsonAnswer<ReturnType<typeof areaFeatures>>(c, answer)
  })
  // The areas holding a point, deepest first (township → county → prefecture); [] outside every area.
  .get('/at', validated('query', pointQuery), (c) => {
    const query = c.req.valid('query')
    const [lon, lat] = toWgs84(query.lon, query.lat, query.crs)
    return c.json({ lon, lat, areas: areaChainAt(c.var.store.snapshot().areaIndex, lon, lat) }, 200)
  })
