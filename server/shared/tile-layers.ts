// The vector tile layers of GET /api/tiles/{layer}/{z}/{x}/{y}.mvt: the server serves them, the web's maps
// name them in their sources (docs/boundaries.md).
import type { AreaLevel } from './domain'

/** A tile layer is the areas of one level, named in the plural as map styles name source layers. */
export const TILE_LAYERS = {
  provinces: 'province',
  prefectures: 'prefecture',
  counties: 'county',
  townships: 'township',
  villages: 'village',
} as const satisfies Record<string, AreaLevel>
export type TileLayer = keyof typeof TILE_LAYERS

/** Deepest zoom served: at z14 a tile is ~2.4 km wide, finer than any boundary the atlas holds (~100 m). */
export const MAX_TILE_ZOOM = 14

/** The tile layer holding the areas of `level`; null for a level with none (the country). */
export function tileLayerOf(level: AreaLevel): TileLayer | null {
  const found = Object.entries(TILE_LAYERS).find(([, l]) => l === level)
  return found ? (found[0] as TileLayer) : null
}
