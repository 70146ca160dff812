// Which tile a request names: /api/tiles/{layer}/{z}/{x}/{y}.mvt. Pure: the route hands the raw path parts in.
import { DomainError } from '../domain-error'
import { MAX_TILE_ZOOM, TILE_LAYERS, type TileLayer } from '../shared/tile-layers'

export interface TileAddress {
  layer: TileLayer
  z: number
  x: number
  y: number
}

export function tileAddress(parts: { layer: string; z: string; x: string; y: string }): TileAddress {
  if (!Object.hasOwn(TILE_LAYERS, parts.layer)) {
    throw new DomainError('invalid', `layer: ${JSON.stringify(parts.layer)} is not a tile layer (expected one of ${Object.keys(TILE_LAYERS).join(', ')})`)
  }
  const z = wholeNumber('z', parts.z, MAX_TILE_ZOOM, `a zoom level from 0 to ${MAX_TILE_ZOOM}`)
  const last = 2 ** z - 1
  const x = wholeNumber('x', parts.x, last, `a tile column from 0 to ${last} at zoom ${z}`)
  const row = /^(.*)\.mvt$/.exec(parts.y)
  if (row === null) throw new DomainError('invalid', `y: ${JSON.stringify(parts.y)} is not valid (expected a tile row and .mvt, e.g. 3.mvt)`)
  const y = wholeNumber('y', row[1], last, `a tile row from 0 to ${last} at zoom ${z}, then .mvt`)
  return { layer: parts.layer as TileLayer, z, x, y }
}

function wholeNumber(name: string, text: string, max: number, expected: string): number {
  const value = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN
  if (!(value <= max)) throw new DomainError('invalid', `${name}: ${JSON.stringify(text)} is not valid (expected ${expected})`)
  return value
}
