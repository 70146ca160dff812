// A GeoJSON FeatureCollection of unit points → a table: a header row, then one row per feature with the
// point's longitude and latitude first and the feature's properties after them. The geometry's columns come
// first so that they, not a property that happens to be called "lng", are the ones mapped to lon/lat.
// A feature without geometry (null) is a unit without coordinates, to be joined by its area; any geometry
// other than a Point makes the whole file unreadable as a unit ledger (it is probably an area file).
import { checkLimit, DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../limits'
import { ImportError } from './import-error'
import { parsedJson } from './file-reading'
import type { SourceRow } from './table'

export const GEOMETRY_COLUMNS = ['经度', '纬度'] as const

export interface GeoJsonTable {
  rows: SourceRow[] // rows[0] is the header (line 0); feature i is on line i + 1
  crs?: string // from the legacy `crs` member, when it names a CRS toWgs84 knows
}

const LISTED_PROBLEMS = 5 // problems named in an error; the rest are counted

type GeoJsonLimits = Pick<UploadLimits, 'jsonDepth' | 'rows' | 'columnsPerRow' | 'cells' | 'cellChars'>

export function geoJsonUnitRows(text: string, limits: GeoJsonLimits = DEFAULT_UPLOAD_LIMITS): GeoJsonTable {
  const json = parsedJson(text, limits)
  const features = featuresOf(json)
  checkLimit(limits, 'rows', features.length, '要素数')
  const keys = new Set<string>()
  const problems: string[] = []
  features.forEach((feature, i) => {
    const where = `features[${i}]（第${i + 1}个要素）`
    if (!isObject(feature) || feature.type !== 'Feature') {
      problems.push(`${where}不是 Feature`)
      return
    }
    const geometry = feature.geometry
    if (geometry !== null && geometry !== undefined) {
      if (!isObject(geometry) || geometry.type !== 'Point') {
        const type = isObject(geometry) ? String(geometry.type) : typeof geometry
        problems.push(`${where}的几何类型是 ${type}，单位台账只接受 Point`)
      } else if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length < 2) {
        problems.push(`${where}的 Point 没有 [经度, 纬度] 坐标`)
      }
    }
    if (isObject(feature.properties)) {
      for (const key of Object.keys(feature.properties)) keys.add(key)
      checkLimit(limits, 'columnsPerRow', keys.size + GEOMETRY_COLUMNS.length, `前${i + 1}个要素的属性列数`, i + 1 < features.length)
    }
  })
  checkLimit(limits, 'cells', features.length * (keys.size + GEOMETRY_COLUMNS.length), '要素数 × 列数')
  if (problems.length > 0) {
    const more = problems.length > LISTED_PROBLEMS ? `；另有 ${problems.length - LISTED_PROBLEMS} 处` : ''
    throw new ImportError(`${problems.slice(0, LISTED_PROBLEMS).join('；')}${more}`)
  }

  const columns = [...keys]
  const rows: SourceRow[] = [{ line: 0, cells: [...GEOMETRY_COLUMNS, ...columns] }]
  features.forEach((feature, i) => {
    const f = feature as { geometry?: { coordinates: unknown[] } | null; properties?: unknown }
    const [lon, lat] = f.geometry ? f.geometry.coordinates : ['', '']
    const properties = isObject(f.properties) ? f.properties : {}
    const cells = [propertyText(lon), propertyText(lat), ...columns.map((k) => propertyText(properties[k]))]
    for (const [column, cell] of cells.entries()) {
      checkLimit(limits, 'cellChars', cell.length, `第${i + 1}个要素的“${rows[0].cells[column]}”的字符数`)
    }
    rows.push({ line: i + 1, cells })
  })
  const crs = crsOf(json)
  return crs === undefined ? { rows } : { rows, crs }
}

function featuresOf(json: unknown): unknown[] {
  if (isObject(json) && json.type === 'FeatureCollection') {
    if (!Array.isArray(json.features)) throw new ImportError('FeatureCollection 没有 features 数组')
    return json.features
  }
  if (isObject(json) && json.type === 'Feature') return [json]
  const type = isObject(json) ? `的 type 为 ${String(json.type)}` : Array.isArray(json) ? '是数组' : `是 ${typeof json}`
  throw new ImportError(`GeoJSON 应为 FeatureCollection，此文件${type}`)
}

/** 'EPSG:4490' from "urn:ogc:def:crs:EPSG::4490" or "EPSG:4490"; 'wgs84' from OGC CRS84. */
function crsOf(json: unknown): string | undefined {
  if (!isObject(json) || !isObject(json.crs) || !isObject(json.crs.properties)) return undefined
  const name = String(json.crs.properties.name ?? '')
  if (/CRS84$/i.test(name)) return 'wgs84'
  const epsg = /EPSG:+(\d+)$/i.exec(name)
  return epsg === null ? undefined : `EPSG:${epsg[1]}`
}

function propertyText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
