// The CRS an area file's coordinates are in, and their conversion to WGS84.
//
// Where it comes from, first that applies:
//   1. the `crs` option (--crs): wgs84 | gcj02 | bd09 | EPSG:4326 | EPSG:4490 | EPSG:4513…4554;
//   2. what the file states: a shapefile's .prj (WKT, ESRI or OGC flavour) or a GeoJSON `crs` member;
//   3. the coordinates: degrees inside China are WGS84 (CGCS2000 geographic is the same at map scale);
//      projected values whose easting carries a 3-degree zone prefix (35 411 884 → zone 35) are
//      CGCS2000 Gauss-Krüger of that zone. Anything else needs the option.
// A .prj naming CGCS2000 (or WGS84) 3-degree Gauss-Krüger — by name or by its parameters (k = 1,
// latitude of origin 0, false northing 0, central meridian a multiple of 3) — is taken as the matching
// EPSG:4513…4554. Offices often write a .prj for one flavour (zone prefix or none) over coordinates of the
// other: the coordinates decide, with a warning. Other projected CRSs go to proj4 as written; a datum other
// than CGCS2000/WGS84 (Beijing 1954, Xi'an 1980) has no transformation parameters in the .prj, so the
// result may be off by up to ~100 m, which is reported.
// `gcj02: true` says the geographic coordinates (after unprojecting) are GCJ-02 and converts them.
import gcoord from 'gcoord'
import type { Geometry, Position } from 'geojson'
import proj4 from 'proj4'
import { gaussKruger, gaussKrugerEpsg, inChina, parseCrs, toWgs84, type CrsId } from '../crs'
import { ImportError } from '../import-error'

export interface AreaCrs {
  id: string // 'EPSG:4523', 'wgs84', 'gcj02', … or 'WKT' for a .prj proj4 reads as written
  label: string // for the report: 'EPSG:4523（CGCS2000 3度带高斯-克吕格 第35带，带号）'
  source: 'option' | 'prj' | 'geojson' | 'coordinates'
  gcj02: boolean // the geographic result was GCJ-02 and has been converted
  toWgs84: (x: number, y: number) => [number, number]
}

export interface AreaCrsOptions {
  crs?: CrsId
  gcj02?: boolean // false
}

export interface ResolvedCrs {
  crs: AreaCrs
  warnings: string[]
}

/** `sample`: one position per feature (its first), in the file's coordinates. */
export function resolveAreaCrs(statedCrs: string | undefined, format: string, sample: readonly Position[], { crs, gcj02 = false }: AreaCrsOptions = {}): ResolvedCrs {
  const warnings: string[] = []
  let resolved: Omit<AreaCrs, 'gcj02' | 'toWgs84'> & { convert: (x: number, y: number) => [number, number] }
  if (crs !== undefined) {
    resolved = { ...known(crs), source: 'option' }
    if (statedCrs !== undefined) {
      const stated = tryStated(statedCrs, format, sample)
      if (stated && stated.id !== crs) warnings.push(`文件声明的坐标系为 ${stated.label}，按 --crs 指定的 ${crs} 读取`)
    }
  } else if (statedCrs !== undefined) {
    const stated = statedCrsOf(statedCrs, format, sample)
    warnings.push(...stated.warnings)
    resolved = stated
  } else {
    resolved = { ...fromCoordinates(sample), source: 'coordinates' }
    warnings.push(`文件没有说明坐标系，按坐标数值判断为 ${resolved.label}`)
  }
  const useGcj = gcj02 && resolved.id !== 'gcj02' && resolved.id !== 'bd09'
  const convert = resolved.convert
  return {
    crs: {
      id: resolved.id,
      label: useGcj ? `${resolved.label} + GCJ-02 纠偏` : resolved.label,
      source: resolved.source,
      gcj02: useGcj || resolved.id === 'gcj02',
      toWgs84: useGcj
        ? (x, y) => {
            const [lon, lat] = convert(x, y)
            const [wLon, wLat] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84)
            return [wLon, wLat]
          }
        : convert,
    },
    warnings,
  }
}

type Resolved = { id: string; label: string; convert: (x: number, y: number) => [number, number] }

function known(crs: CrsId): Resolved {
  return { id: crs, label: labelOf(crs), convert: (x, y) => toWgs84(x, y, crs) }
}

export function labelOf(crs: CrsId): string {
  const gk = crs.startsWith('EPSG:') ? gaussKruger(Number(crs.slice(5))) : null
  if (gk) return `${crs}（CGCS2000 3度带高斯-克吕格 ${gk.zonePrefix ? `第${gk.zone}带，带号` : `中央经线 ${gk.centralMeridian}°E，无带号`}）`
  if (crs === 'gcj02') return 'GCJ-02（火星坐标）'
  if (crs === 'bd09') return 'BD-09（百度坐标）'
  if (crs === 'EPSG:4490') return 'EPSG:4490（CGCS2000 经纬度）'
  return 'WGS84 经纬度'
}

function tryStated(stated: string, format: string, sample: readonly Position[]): Resolved | null {
  try {
    return statedCrsOf(stated, format, sample)
  } catch {
    return null
  }
}

function statedCrsOf(stated: string, format: string, sample: readonly Position[]): Resolved & { source: AreaCrs['source']; warnings: string[] } {
  if (format !== 'shapefile') {
    const urn = /(?:EPSG|epsg)::?(\d{4,5})\s*$/.exec(stated)
    const id: CrsId | null = /CRS84$/i.test(stated) ? 'wgs84' : urn ? parseCrsOrNull(`EPSG:${urn[1]}`) : null
    if (id === null) throw new ImportError(`GeoJSON 的 crs “${stated}”不受支持：请转为 WGS84，或用 --crs 指定`)
    return { ...checkedZone(known(id), sample), source: 'geojson' }
  }
  return { ...prjCrs(stated, sample), source: 'prj' }
}

function parseCrsOrNull(text: string): CrsId | null {
  try {
    return parseCrs(text)
  } catch {
    return null
  }
}

// ─── .prj ─────────────────────────────────────────────────────────────────────────────────────────────

const CGCS_OR_WGS = /china[_\s]*2000|cgcs\s*_?2000|china geodetic coordinate system 2000|wgs[_\s]*(19)?84/i
const OTHER_DATUM = /beijing[_\s]*1954|xian[_\s]*1980|xi'?an[_\s]*80|beijing[_\s]*54|new[_\s]*beijing/i

export interface PrjParameters {
  projected: boolean
  projection: string | null
  centralMeridian: number | null
  falseEasting: number | null
  falseNorthing: number | null
  scaleFactor: number | null
  latitudeOfOrigin: number | null
  datum: string
  name: string
}

export function prjParameters(wkt: string): PrjParameters {
  const parameter = (name: RegExp) => {
    const match = new RegExp(`PARAMETER\\[\\s*"(?:${name.source})"\\s*,\\s*(-?[\\d.eE+]+)`, 'i').exec(wkt)
    return match ? Number(match[1]) : null
  }
  return {
    projected: /^\s*PROJCS\[|^\s*PROJCRS\[/i.test(wkt),
    projection: /PROJECTION\[\s*"([^"]+)"/i.exec(wkt)?.[1] ?? null,
    centralMeridian: parameter(/central_meridian|longitude_of_center|longitude of natural origin/),
    falseEasting: parameter(/false_easting|false easting/),
    falseNorthing: parameter(/false_northing|false northing/),
    scaleFactor: parameter(/scale_factor|scale factor at natural origin/),
    latitudeOfOrigin: parameter(/latitude_of_origin|latitude of natural origin/),
    datum: /DATUM\[\s*"([^"]+)"/i.exec(wkt)?.[1] ?? '',
    name: /^\s*\w+\[\s*"([^"]+)"/.exec(wkt)?.[1] ?? '',
  }
}

function prjCrs(wkt: string, sample: readonly Position[]): Resolved & { warnings: string[] } {
  const p = prjParameters(wkt)
  const cgcs = CGCS_OR_WGS.test(p.datum) || CGCS_OR_WGS.test(p.name)
  if (!p.projected) {
    if (/GEOGCS\[|GEOGCRS\[/i.test(wkt) && cgcs) return { ...known(/wgs/i.test(p.datum) ? 'wgs84' : 'EPSG:4490'), warnings: [] }
  }
  const transverse = p.projection !== null && /transverse|gauss/i.test(p.projection)
  const cm = p.centralMeridian
  const gkLike =
    cgcs && transverse && cm !== null && Number.isInteger(cm / 3) && cm >= 75 && cm <= 135 &&
    (p.scaleFactor ?? 1) === 1 && (p.latitudeOfOrigin ?? 0) === 0 && (p.falseNorthing ?? 0) === 0
  if (gkLike) {
    const zone = cm / 3
    const prefix = p.falseEasting !== null && Math.round(p.falseEasting) === zone * 1_000_000 + 500_000
    const unprefixed = p.falseEasting !== null && Math.round(p.falseEasting) === 500_000
    if (prefix || unprefixed) return checkedZone(known(`EPSG:${gaussKrugerEpsg(zone, prefix)}`), sample)
  }
  let convert: proj4.Converter
  try {
    convert = proj4(wkt, 'EPSG:4326')
  } catch (error) {
    throw new ImportError(`.prj 的坐标系无法解析（${error instanceof Error ? error.message : String(error)}）：${wkt.slice(0, 120)}`, { cause: error })
  }
  const warnings = []
  if (OTHER_DATUM.test(p.datum) || OTHER_DATUM.test(p.name)) {
    warnings.push(`.prj 的基准为 ${p.datum || p.name}，未给出到 WGS84/CGCS2000 的转换参数，按 proj4 默认换算，误差可达百米`)
  } else if (!cgcs) {
    warnings.push(`.prj 的基准“${p.datum || '未写明'}”不是 CGCS2000 或 WGS84，按 proj4 换算，请核对`)
  }
  return {
    id: 'WKT',
    label: `.prj：${p.name || 'WKT'}`,
    convert: (x, y) => {
      const [lon, lat] = convert.forward([x, y])
      return [lon, lat]
    },
    warnings,
  }
}

/**
 * A Gauss-Krüger CRS checked against the coordinates: eastings with a zone prefix under an unprefixed CRS
 * (or the other way round), or a prefix naming another zone, switch to what the coordinates say.
 */
function checkedZone(resolved: Resolved, sample: readonly Position[]): Resolved & { warnings: string[] } {
  const gk = resolved.id.startsWith('EPSG:') ? gaussKruger(Number(resolved.id.slice(5))) : null
  const eastings = sample.map((p) => p[0]).filter((x) => Number.isFinite(x))
  if (gk === null || eastings.length === 0) return { ...resolved, warnings: [] }
  const zones = new Set(eastings.map(zoneOfEasting))
  const [zone] = zones
  if (zones.size === 1 && zone !== null && zone !== undefined) {
    if (gk.zonePrefix && gk.zone === zone) return { ...resolved, warnings: [] }
    const switched = known(`EPSG:${gaussKrugerEpsg(zone, true)}`)
    return { ...switched, warnings: [`坐标系声明为 ${resolved.label}，但东坐标带有带号 ${zone}（如 ${Math.round(eastings[0])}），按 ${switched.label} 读取`] }
  }
  if (gk.zonePrefix && eastings.every((x) => x >= 100_000 && x < 1_000_000)) {
    const switched = known(`EPSG:${gaussKrugerEpsg(gk.zone, false)}`)
    return { ...switched, warnings: [`坐标系声明为 ${resolved.label}，但东坐标没有带号（如 ${Math.round(eastings[0])}），按 ${switched.label} 读取`] }
  }
  return { ...resolved, warnings: [] }
}

function zoneOfEasting(x: number): number | null {
  const zone = Math.floor(x / 1_000_000)
  const inZone = x - zone * 1_000_000
  return zone >= 25 && zone <= 45 && inZone >= 300_000 && inZone <= 700_000 ? zone : null
}

function fromCoordinates(sample: readonly Position[]): Resolved {
  const finite = sample.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
  if (finite.length === 0) return known('wgs84')
  if (finite.every((p) => inChina(p[0], p[1]))) return known('wgs84')
  const zones = new Set(finite.map((p) => zoneOfEasting(p[0])))
  const [zone] = zones
  if (zones.size === 1 && zone !== null && zone !== undefined && finite.every((p) => p[1] >= 300_000 && p[1] <= 6_100_000)) {
    return known(`EPSG:${gaussKrugerEpsg(zone, true)}`)
  }
  const [x, y] = finite[0]
  throw new ImportError(
    `坐标（如 ${x}, ${y}）不是中国范围内的经纬度，也不是带带号的高斯-克吕格坐标，且文件没有说明坐标系：` +
      `请附上 .prj，或用 --crs 指定（如 EPSG:4544 为 CGCS2000 中央经线 105°E 无带号）`,
  )
}

// ─── Geometry ────────────────────────────────────────────────────────────────────────────────────────

/** Every position of a (multi)polygon converted to WGS84 [lon, lat]; Z and M values are dropped. */
export function reprojectGeometry<G extends Geometry>(geometry: G, crs: Pick<AreaCrs, 'toWgs84'>): G {
  const ring = (positions: Position[]) => positions.map((p) => crs.toWgs84(p[0], p[1]) as Position)
  switch (geometry.type) {
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map(ring) }
    case 'MultiPolygon':
      return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) }
    case 'GeometryCollection':
      return { ...geometry, geometries: geometry.geometries.map((g) => reprojectGeometry(g, crs)) }
    default:
      return geometry
  }
}

/** The first position of a geometry, or null when it has none. */
export function firstPosition(geometry: Geometry | null): Position | null {
  if (geometry === null) return null
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates[0] ?? null
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates[0]?.[0] ?? null
    case 'MultiPolygon':
      return geometry.coordinates[0]?.[0]?.[0] ?? null
    case 'GeometryCollection':
      for (const g of geometry.geometries) {
        const p = firstPosition(g)
        if (p) return p
      }
      return null
  }
}
