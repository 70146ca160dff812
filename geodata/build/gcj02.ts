// GCJ-02, the offset datum of Chinese web maps the source is drawn in, to WGS84, the datum the atlas
// stores (at map scale the same as CGCS2000).
import type { MultiPolygon, Position } from 'geojson'
import gcoord from 'gcoord'
import { roundCoordinates } from '../../server/geo/polygon-clean.ts'

/**
 * One vertex to WGS84. gcoord inverts the GCJ-02 offset by iteration to 1e-6 degree (about 0.1 m).
 * The offset varies with position, so whole shapes cannot be shifted: each vertex is converted on its
 * own, and since the result depends only on the vertex, a vertex two counties share lands on the
 * same WGS84 point in both and the shared edge stays shared.
 */
export function wgs84FromGcj02Point(p: Position): Position {
  const [lon, lat] = gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84)
  return [lon, lat]
}

/** A GCJ-02 geometry in WGS84, rounded to `decimals` places (6 ≈ 0.1 m). */
export function wgs84FromGcj02(geometry: MultiPolygon, decimals = 6): MultiPolygon {
  const converted: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((rings) => rings.map((ring) => ring.map(wgs84FromGcj02Point))),
  }
  return roundCoordinates(converted, decimals)
}
