// What every area reader returns: features with their attributes as written and their geometry in the
// file's own CRS (reprojection comes after reading, see reproject.ts).
import type { Geometry } from 'geojson'
import type { TextEncoding } from '../decode-text'

export type AreaFormat = 'geojson' | 'topojson' | 'shapefile'

export type AttributeValue = string | number | boolean | null

export interface SourceFeature {
  /** 1-based position in the file: 第N个要素 in messages. */
  index: number
  properties: Record<string, AttributeValue>
  geometry: Geometry | null
}

export interface AreaTable {
  fileName: string
  format: AreaFormat
  features: SourceFeature[]
  /** Attribute names in file order (the union over all features). */
  fields: string[]
  /** Shapefile: the DBF's encoding; GeoJSON/TopoJSON: the text's. */
  encoding?: TextEncoding | 'gbk'
  /** Where the encoding came from: 'cpg', 'ldid' (the DBF header's language driver), 'detected', 'option'. */
  encodingSource?: 'cpg' | 'ldid' | 'detected' | 'option'
  /** The CRS the file states: a .prj's WKT, or a GeoJSON `crs` member's name. */
  statedCrs?: string
  /** Shapefile zip: the members read, e.g. ['乡镇.shp', '乡镇.dbf', '乡镇.prj']. */
  members?: string[]
  /** TopoJSON: the objects read. */
  objects?: string[]
  /** Notes about the file as a whole (e.g. a zip with two shapefiles, of which the first was read). */
  notes: string[]
}

export function featureLabel(index: number): string {
  return `第${index}个要素`
}
