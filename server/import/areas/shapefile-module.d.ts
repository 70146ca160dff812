// The part of mbostock's `shapefile` (0.6) the area import uses; the package ships no types.
declare module 'shapefile' {
  import type { FeatureCollection, Geometry } from 'geojson'
  export interface ShapefileOptions {
    encoding?: string // the DBF's text encoding, a TextDecoder label; default windows-1252
  }
  export function read(
    shp: ArrayBuffer | Uint8Array,
    dbf?: ArrayBuffer | Uint8Array | null,
    options?: ShapefileOptions,
  ): Promise<FeatureCollection<Geometry | null, Record<string, unknown>> & { bbox: number[] }>
}
