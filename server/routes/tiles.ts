// Vector tiles of the areas: GET /api/tiles/{layer}/{z}/{x}/{y}.mvt (docs/boundaries.md). Read like /api/areas:
// open to whoever may read (ATLAS_REQUIRE_LOGIN applies through the app's middleware); areas carry no units.
import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import { COMPRESS, ifNoneMatchHolds, preferredEncoding } from '../http/snapshot-answers'
import { tileAddress } from '../tiles/tile-address'
import { shippedSet } from '../tiles/shipped-sets'
import { vectorTile } from '../tiles/vector-tiles'

const MVT_TYPE = 'application/vnd.mapbox-vector-tile'

export const tileRoutes = new Hono<AppEnv>().get('/:layer/:z/:x/:y', (c) => {
  const address = tileAddress(c.req.param())
  const tile = vectorTile(c.var.store.snapshot().areas, address, (level) => shippedSet(level))
  // As cachedJsonAnswer does for JSON: one ETag per representation, a matching If-None-Match answered before any body.
  const encoding = tile.body.byteLength > 0 ? preferredEncoding(c.req.header('accept-encoding')) : null
  const etag = encoding ? `W/${tile.etag.slice(0, -1)}-${encoding}"` : tile.etag
  c.header('Vary', 'Accept-Encoding', { append: true })
  c.header('Cache-Control', 'no-cache') // the areas can change: a browser revalidates, and gets a 304 while they have not
  c.header('ETag', etag)
  if (ifNoneMatchHolds(c.req.header('if-none-match'), etag)) return c.body(null, 304)
  if (encoding === null) return c.body(tile.body, 200, { 'Content-Type': MVT_TYPE })
  const encoded = (tile.encoded[encoding] ??= Uint8Array.from(COMPRESS[encoding](tile.body)))
  return c.body(encoded, 200, { 'Content-Type': MVT_TYPE, 'Content-Encoding': encoding })
})
