// Demand, candidate and required points from a file: GeoJSON points, or CSV with lon,lat[,weight][,id]
// (a header row is optional; 经度/纬度/权重/人口/编号 are understood too). Pure: text in, points out.
import { parseCsv } from '../import/csv'

export interface FilePoint {
  id: string
  position: [number, number]
  weight: number
  name: string
}

export class PointFileError extends Error {}

const HEADER_NAMES: Record<'lon' | 'lat' | 'weight' | 'id' | 'name', readonly string[]> = {
  lon: ['lon', 'lng', 'long', 'longitude', 'x', '经度'],
  lat: ['lat', 'latitude', 'y', '纬度'],
  weight: ['weight', 'population', 'pop', '权重', '人口', '人数'],
  id: ['id', 'code', '编号', '代码'],
  name: ['name', '名称', '地名'],
}

/** `what` names the file's role in messages, e.g. "demand file demand.csv". */
export function pointsFromText(text: string, fileName: string, what: string): FilePoint[] {
  const trimmed = text.trimStart()
  const points = trimmed.startsWith('{') ? pointsFromGeoJson(trimmed, `${what} ${fileName}`) : pointsFromCsv(text, `${what} ${fileName}`)
  if (points.length === 0) throw new PointFileError(`${what} ${fileName}: no points found (expected GeoJSON points or CSV rows lon,lat[,weight][,id])`)
  const seen = new Set<string>()
  for (const point of points) {
    if (seen.has(point.id)) throw new PointFileError(`${what} ${fileName}: id "${point.id}" appears twice (ids must be unique)`)
    seen.add(point.id)
  }
  return points
}

function pointsFromGeoJson(text: string, source: string): FilePoint[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new PointFileError(`${source}: not valid JSON (${(error as Error).message})`)
  }
  const features = isRecord(parsed) && parsed.type === 'FeatureCollection' && Array.isArray(parsed.features) ? parsed.features : null
  if (!features) throw new PointFileError(`${source}: expected a GeoJSON FeatureCollection`)
  return features.map((feature: unknown, i: number) => {
    const where = `${source}: feature ${i + 1}`
    if (!isRecord(feature) || !isRecord(feature.geometry) || feature.geometry.type !== 'Point' || !Array.isArray(feature.geometry.coordinates)) {
      throw new PointFileError(`${where}: expected a Point geometry`)
    }
    const [lon, lat] = feature.geometry.coordinates as unknown[]
    const properties = isRecord(feature.properties) ? feature.properties : {}
    const weight = firstDefined(properties, HEADER_NAMES.weight)
    const id = feature.id ?? firstDefined(properties, HEADER_NAMES.id) ?? String(i + 1)
    const name = firstDefined(properties, HEADER_NAMES.name)
    return checkedPoint(where, lon, lat, weight ?? 1, String(id), name === undefined ? String(id) : String(name))
  })
}

function pointsFromCsv(text: string, source: string): FilePoint[] {
  const rows = parseCsv(text).rows.filter((r) => r.cells.some((c) => c.trim() !== ''))
  if (rows.length === 0) return []
  const header = rows[0].cells.map((c) => c.trim().toLowerCase())
  const column = (field: keyof typeof HEADER_NAMES) => header.findIndex((h) => HEADER_NAMES[field].includes(h))
  const hasHeader = column('lon') >= 0 && column('lat') >= 0
  const at = hasHeader
    ? { lon: column('lon'), lat: column('lat'), weight: column('weight'), id: column('id'), name: column('name') }
    : { lon: 0, lat: 1, weight: 2, id: 3, name: -1 }
  return rows.slice(hasHeader ? 1 : 0).map((row) => {
    const cell = (i: number) => (i >= 0 && i < row.cells.length ? row.cells[i].trim() : '')
    const where = `${source}: line ${row.line}`
    const id = cell(at.id) || `line-${row.line}`
    return checkedPoint(where, numberOf(cell(at.lon)), numberOf(cell(at.lat)), cell(at.weight) === '' ? 1 : numberOf(cell(at.weight)), id, cell(at.name) || id)
  })
}

function checkedPoint(where: string, lon: unknown, lat: unknown, weight: unknown, id: string, name: string): FilePoint {
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < 73 || lon > 136) {
    throw new PointFileError(`${where}: longitude ${String(lon)} is not a longitude in China (expected 73–136)`)
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < 3 || lat > 54) {
    throw new PointFileError(`${where}: latitude ${String(lat)} is not a latitude in China (expected 3–54)`)
  }
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
    throw new PointFileError(`${where}: weight ${String(weight)} is not a weight (expected a number ≥ 0)`)
  }
  return { id, position: [lon, lat], weight, name }
}

function numberOf(text: string): number | string {
  const value = Number(text)
  return text === '' || Number.isNaN(value) ? text || '(empty)' : value
}

function firstDefined(record: Record<string, unknown>, names: readonly string[]): unknown {
  for (const [key, value] of Object.entries(record)) if (names.includes(key.toLowerCase()) && value !== null && value !== undefined) return value
  return undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
