// Mapbox Vector Tiles of the store's areas, one layer per level: geojson-vt cuts them, vt-pbf encodes them.
// Kept per snapshot's areas (a unit write keeps the areas, so tiles and their ETags outlive it; an area write
// makes a new list and starts afresh), and per z3/z5 sets: when a layer's generalisation becomes ready, its tiles
// at zoom ≤ 5, cut from the stored geometry meanwhile, are cut again from it.
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import { cachedBytes, keepBounded, type BoundedAnswers, type CachedJson } from '../http/snapshot-answers'
import type { Area } from '../shared/domain'
import { generalisationAt, layerFeatures, type Generalisation, type ZoomSets } from './generalisations'
import { MAX_TILE_ZOOM, TILE_LAYERS, type TileLayer } from '../shared/tile-layers'
import type { TileAddress } from './tile-address'
import { withHairlinesAsOuterRings } from './hairline-rings'

export const TILE_EXTENT = 4096 // tile coordinates per side: the MVT default, ~0.1 px at 512 px
const TILE_BUFFER = 64 // tile units drawn beyond each edge, so strokes join across tiles

/** The MVT, uncompressed (empty when no area reaches the tile), kept with its ETag and encodings as JSON answers are. */
export type EncodedTile = CachedJson

export interface TileCacheOptions {
  maxTiles?: number // 4096 per areas list: a national view at z6 needs a few hundred
  maxBytes?: number // 64 MiB per areas list
}

interface LayerTiles {
  sets: ZoomSets | null // what the indexes and tiles at zoom ≤ 5 were made from
  indexes: Map<Generalisation, GeoJSONVT> // without sets, 'stored' serves every zoom
  tiles: BoundedAnswers // by z/x/y, oldest first
}

const tilesByAreas = new WeakMap<readonly Area[], Map<TileLayer, LayerTiles>>()

/** The tile at `address`, cut from `areas` (a snapshot's) once and then served from memory; `setsOf` as layerFeatures takes them. */
export function vectorTile(
  areas: readonly Area[],
  address: TileAddress,
  setsOf: (level: Area['level']) => ZoomSets | null,
  { maxTiles = 4096, maxBytes = 64 << 20 }: TileCacheOptions = {},
): EncodedTile {
  let layers = tilesByAreas.get(areas)
  if (!layers) tilesByAreas.set(areas, (layers = new Map()))
  let layer = layers.get(address.layer)
  if (!layer) layers.set(address.layer, (layer = { sets: null, indexes: new Map(), tiles: { entries: new Map(), bytes: 0 } }))
  const level = TILE_LAYERS[address.layer]
  // Zoom ≥ 6 draws the stored geometry whatever the sets: it neither asks for them nor waits on them.
  const sets = generalisationAt(address.z) === 'stored' ? layer.sets : setsOf(level)
  if (sets !== layer.sets) dropGeneralised(layer, sets)
  const key = `${address.z}/${address.x}/${address.y}`
  const kept = layer.tiles.entries.get(key)
  if (kept) return kept

  const generalisation = sets === null ? 'stored' : generalisationAt(address.z)
  let index = layer.indexes.get(generalisation)
  if (!index) {
    const features = layerFeatures(areas.filter((a) => a.level === level), sets, generalisation)
    // tolerance 0: geojson-vt must not simplify (see generalisations.ts); only cut and quantise.
    index = new GeoJSONVT(features, { maxZoom: MAX_TILE_ZOOM, indexMaxZoom: 4, tolerance: 0, extent: TILE_EXTENT, buffer: TILE_BUFFER })
    layer.indexes.set(generalisation, index)
  }
  const cut = index.getTile(address.z, address.x, address.y)
  // The features' type is geojson-vt's internal and public ones at once; the rewound rings keep the public one, which is what vt-pbf reads.
  const drawn = cut === null ? null : ({ ...cut, features: withHairlinesAsOuterRings(cut.features) } as GeoJSONVTTile)
  const body = drawn === null ? new Uint8Array(0) : Uint8Array.from(fromGeojsonVt({ [address.layer]: drawn }, { version: 2, extent: TILE_EXTENT }))
  const tile: EncodedTile = cachedBytes(body)
  keepBounded(layer.tiles, key, tile, maxTiles, maxBytes)
  return tile
}

/** The layer's indexes and tiles at zoom ≤ 5 forgotten: they are made from `sets` from now on. */
function dropGeneralised(layer: LayerTiles, sets: ZoomSets | null): void {
  layer.sets = sets
  layer.indexes.delete('z3')
  layer.indexes.delete('z5')
  for (const [key, tile] of layer.tiles.entries) {
    if (generalisationAt(Number(key.split('/')[0])) === 'stored') continue
    layer.tiles.entries.delete(key)
    layer.tiles.bytes -= tile.body.byteLength
  }
}
