// Vector tiles of the areas: GET /api/tiles/{layer}/{z}/{x}/{y}.mvt (docs/boundaries.md). Read like /api/areas:
// open to whoever may read (ATLAS_REQUIRE_LOGIN applies through the app's middleware); areas carry no units.
import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import { cachedBytesAnswer } from '../http/snapshot-answers'
import { tileAddress } from '../tiles/tile-address'
import { layerSets } from '../tiles/store-generalisations'
import { vectorTile } from '../tiles/vector-tiles'

const MVT_TYPE = 'application/vnd.mapbox-vector-tile'

export const tileRoutes = new Hono<AppEnv>().get('/:layer/:z/:x/:y', (c) => {
  const address = tileAddress(c.req.param())
  const { areas } = c.var.store.snapshot()
  const tile = vectorTile(areas, address, (level) => layerSets(areas, level))
  c.header('Cache-Control', 'no-cache') // the areas can change: a browser revalidates, and gets a 304 while they have not
  return cachedBytesAnswer(c, tile, MVT_TYPE)
})
