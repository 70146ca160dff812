// GeoJSON and TopoJSON area files → an AreaTable. The text is decoded as unit ledgers are (BOM, UTF-8,
// else GB18030). TopoJSON (type "Topology") is expanded with topojson-client: every object that holds
// polygons is read, in the order the file lists them; an object of only points or lines is skipped and
// named in the notes.
import type { Feature, GeoJsonObject, Geometry } from 'geojson'
import { feature as topoFeature } from 'topojson-client'
import type { Topology } from 'topojson-specification'
import { checkLimit, DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../limits'
import { decodeText, type EncodingOption } from '../decode-text'
import { ImportError } from '../import-error'
import { parsedJson } from '../file-reading'
import type { AreaTable, AttributeValue, SourceFeature } from './area-table'

type AreaJsonLimits = Pick<UploadLimits, 'jsonDepth' | 'rows' | 'columnsPerRow' | 'positions'>

export function readAreaJson(bytes: Uint8Array, fileName: string, encoding: EncodingOption = 'auto', limits: AreaJsonLimits = DEFAULT_UPLOAD_LIMITS): AreaTable {
  const { text, encoding: used } = decodeText(bytes, encoding)
  const json = parsedJson(text, limits)
  if (!isObject(json)) throw new ImportError('JSON 的顶层不是对象：应为 GeoJSON 的 FeatureCollection 或 TopoJSON 的 Topology')
  if (json.type === 'Topology') return topoJsonTable(json, fileName, used, limits)
  const notes: string[] = []
  const features = geoJsonFeatures(json)
  const statedCrs = crsName(json.crs)
  return { fileName, format: 'geojson', ...tableOf(features, limits), encoding: used, ...(statedCrs ? { statedCrs } : {}), notes }
}

function topoJsonTable(json: Record<string, unknown>, fileName: string, encoding: AreaTable['encoding'], limits: AreaJsonLimits): AreaTable {
  if (!isObject(json.objects) || !Array.isArray(json.arcs)) throw new ImportError('TopoJSON 缺少 objects 或 arcs')
  const topology = json as unknown as Topology
  const features: Feature<Geometry | null>[] = []
  const objects: string[] = []
  const notes: string[] = []
  // Arcs are shared: a file of a few megabytes can name one long arc a million times. Count first.
  const arcLengths = (json.arcs as unknown[]).map((arc) => (Array.isArray(arc) ? arc.length : 0))
  let positions = 0
  for (const object of Object.values(json.objects)) positions += positionsOf(object, arcLengths)
  checkLimit(limits, 'positions', positions, 'TopoJSON 展开后的坐标点数')
  for (const [name, object] of Object.entries(topology.objects)) {
    let expanded: Feature<Geometry | null>[]
    try {
      const result = topoFeature(topology, object) as unknown as GeoJsonObject
      expanded = geoJsonFeatures(result as unknown as Record<string, unknown>)
    } catch (error) {
      if (error instanceof ImportError) throw error
      throw new ImportError(`TopoJSON 对象“${name}”无法展开（${error instanceof Error ? error.message : String(error)}）`, { cause: error })
    }
    if (!expanded.some((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')) {
      notes.push(`TopoJSON 对象“${name}”没有面要素，已跳过`)
      continue
    }
    objects.push(name)
    checkLimit(limits, 'rows', features.length + expanded.length, 'TopoJSON 展开后的要素数')
    for (const feature of expanded) features.push(feature)
  }
  if (objects.length === 0) throw new ImportError('TopoJSON 中没有含面要素的对象')
  const statedCrs = crsName(json.crs)
  return { fileName, format: 'topojson', ...tableOf(features, limits), encoding, objects, ...(statedCrs ? { statedCrs } : {}), notes }
}

/** The positions a TopoJSON object expands to: the lengths of the arcs it names, each time it names them. */
function positionsOf(object: unknown, arcLengths: readonly number[]): number {
  if (!isObject(object)) return 0
  if (object.type === 'GeometryCollection' && Array.isArray(object.geometries)) {
    return object.geometries.reduce((sum: number, geometry: unknown) => sum + positionsOf(geometry, arcLengths), 0)
  }
  const countArcs = (arcs: unknown): number => {
    if (typeof arcs === 'number') return arcLengths[arcs < 0 ? ~arcs : arcs] ?? 0
    return Array.isArray(arcs) ? arcs.reduce((sum: number, inner: unknown) => sum + countArcs(inner), 0) : 0
  }
  return countArcs(object.arcs)
}

/** The features of a FeatureCollection, a single Feature, or a bare geometry. */
function geoJsonFeatures(json: Record<string, unknown>): Feature<Geometry | null>[] {
  if (json.type === 'FeatureCollection') {
    if (!Array.isArray(json.features)) throw new ImportError('FeatureCollection 没有 features 数组')
    return json.features.map((f, i) => {
      if (!isObject(f) || f.type !== 'Feature') throw new ImportError(`features[${i}]（第${i + 1}个要素）不是 Feature`)
      return f as unknown as Feature<Geometry | null>
    })
  }
  if (json.type === 'Feature') return [json as unknown as Feature<Geometry | null>]
  if (json.type === 'Polygon' || json.type === 'MultiPolygon' || json.type === 'GeometryCollection') {
    return [{ type: 'Feature', properties: {}, geometry: json as unknown as Geometry }]
  }
  throw new ImportError(`不是 GeoJSON 或 TopoJSON（type 为 ${JSON.stringify(json.type ?? null)}）`)
}

function tableOf(features: Feature<Geometry | null>[], limits: AreaJsonLimits): Pick<AreaTable, 'features' | 'fields'> {
  checkLimit(limits, 'rows', features.length, '要素数')
  const fields = new Set<string>()
  const out: SourceFeature[] = features.map((f, i) => {
    const properties: Record<string, AttributeValue> = {}
    if (isObject(f.properties)) {
      for (const [key, value] of Object.entries(f.properties)) {
        fields.add(key)
        properties[key] = attributeValue(value)
      }
    }
    // TopoJSON keeps a feature's id outside its properties; GeoJSON may too. Offer it as a field "id".
    if (f.id !== undefined && !('id' in properties)) {
      fields.add('id')
      properties.id = attributeValue(f.id)
    }
    checkLimit(limits, 'columnsPerRow', fields.size, `前${i + 1}个要素的属性字段数`, i + 1 < features.length)
    return { index: i + 1, properties, geometry: isObject(f.geometry) ? (f.geometry as Geometry) : null }
  })
  return { features: out, fields: [...fields] }
}

function attributeValue(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  return JSON.stringify(value)
}

/** The legacy `crs` member's name, e.g. "urn:ogc:def:crs:EPSG::4523" or "EPSG:4490". */
function crsName(crs: unknown): string | undefined {
  if (!isObject(crs) || !isObject(crs.properties)) return undefined
  const name = crs.properties.name
  return typeof name === 'string' ? name : undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
