// Coordinate reference systems a ledger's points come in, and their conversion to WGS84 (which the store
// keeps; CGCS2000 geographic, EPSG:4490, equals WGS84 at map scale and is taken as is).
//
// - 'wgs84' / 'EPSG:4326' / 'EPSG:4490': longitude, latitude as given.
// - 'gcj02' (火星坐标: Amap, Tencent, Google China) and 'bd09' (Baidu): converted with gcoord.
// - CGCS2000 3-degree Gauss-Krüger, transverse Mercator on GRS80, k = 1, false northing 0:
//     EPSG:4513 … 4533: zones 25 … 45, central meridian 3 × zone (75°E … 135°E), false easting
//       zone × 1 000 000 + 500 000 (the zone number prefixes the easting: 35 411 884 is zone 35);
//     EPSG:4534 … 4554: central meridian 75°E … 135°E in 3° steps, false easting 500 000 (no prefix).
//   Gauss-Krüger values whose easting carries a zone prefix are recognised without being told the CRS.
//   Chinese surveying names the northing X and the easting Y; a ledger whose "X" column holds the
//   northing is read the right way round (the zone prefix says which value is the easting).
import gcoord from 'gcoord'
import proj4 from 'proj4'
import { ImportError } from './import-error'
import type { Coordinate } from './values'

export type GeographicCrs = 'wgs84' | 'gcj02' | 'bd09' | 'EPSG:4326' | 'EPSG:4490'
export type CrsId = GeographicCrs | `EPSG:${number}`

/** China's extent as the validator checks it, in degrees. */
export const CHINA_BOX = { lonMin: 73, lonMax: 136, latMin: 3, latMax: 54 } as const

const ZONED_FIRST = 4513 // zone 25, CM 75°E
const ZONED_LAST = 4533 // zone 45, CM 135°E
const UNZONED_FIRST = 4534 // CM 75°E
const UNZONED_LAST = 4554 // CM 135°E
const FIRST_ZONE = 25
const LAST_ZONE = 45

export interface GaussKruger {
  epsg: number
  zone: number // 3-degree zone number: central meridian / 3
  centralMeridian: number // degrees east
  zonePrefix: boolean // the easting carries the zone number in its millions
  proj4: string
}

/** The Gauss-Krüger definition of a CGCS2000 3-degree EPSG code, or null if the code is not one. */
export function gaussKruger(epsg: number): GaussKruger | null {
  let zone: number
  let zonePrefix: boolean
  if (epsg >= ZONED_FIRST && epsg <= ZONED_LAST) {
    zone = FIRST_ZONE + (epsg - ZONED_FIRST)
    zonePrefix = true
  } else if (epsg >= UNZONED_FIRST && epsg <= UNZONED_LAST) {
    zone = FIRST_ZONE + (epsg - UNZONED_FIRST)
    zonePrefix = false
  } else {
    return null
  }
  const centralMeridian = zone * 3
  const falseEasting = zonePrefix ? zone * 1_000_000 + 500_000 : 500_000
  return {
    epsg,
    zone,
    centralMeridian,
    zonePrefix,
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`,
  }
}

/** The EPSG code of a zone's Gauss-Krüger CRS, with or without the zone prefix. */
export function gaussKrugerEpsg(zone: number, zonePrefix: boolean): number {
  if (!Number.isInteger(zone) || zone < FIRST_ZONE || zone > LAST_ZONE) {
    throw new RangeError(`3-degree zone ${zone} is outside China's zones ${FIRST_ZONE}–${LAST_ZONE}`)
  }
  return (zonePrefix ? ZONED_FIRST : UNZONED_FIRST) + zone - FIRST_ZONE
}

const CRS_ALIASES: Readonly<Record<string, CrsId>> = {
  wgs84: 'wgs84',
  wgs1984: 'wgs84',
  'epsg:4326': 'EPSG:4326',
  '4326': 'EPSG:4326',
  crs84: 'wgs84',
  gcj02: 'gcj02',
  amap: 'gcj02',
  火星坐标: 'gcj02',
  高德: 'gcj02',
  bd09: 'bd09',
  bd09ll: 'bd09',
  baidu: 'bd09',
  百度: 'bd09',
  cgcs2000: 'EPSG:4490',
  'epsg:4490': 'EPSG:4490',
  '4490': 'EPSG:4490',
}

/** 'WGS84', 'GCJ-02', 'Baidu', 'CGCS2000', 'EPSG:4523', '4523' … → a CrsId; anything else throws. */
export function parseCrs(text: string): CrsId {
  const key = text.trim().toLowerCase().replace(/[-_\s]/g, '')
  const alias = CRS_ALIASES[key]
  if (alias !== undefined) return alias
  const epsg = /^(?:epsg:)?(\d{4,5})$/.exec(key)
  if (epsg !== null && gaussKruger(Number(epsg[1])) !== null) return `EPSG:${Number(epsg[1])}`
  throw new ImportError(
    `不支持的坐标系“${text}”：可用 wgs84、gcj02（高德）、bd09（百度）、EPSG:4326、EPSG:4490，` +
      `或 CGCS2000 3度带高斯-克吕格 EPSG:4513–4533（带号）/ EPSG:4534–4554（无带号）`,
  )
}

export function isGeographic(crs: CrsId): crs is GeographicCrs {
  return gaussKrugerOf(crs) === null
}

function gaussKrugerOf(crs: CrsId): GaussKruger | null {
  return crs.startsWith('EPSG:') ? gaussKruger(Number(crs.slice(5))) : null
}

const projections = new Map<number, proj4.Converter>()

function projection(gk: GaussKruger): proj4.Converter {
  let converter = projections.get(gk.epsg)
  if (converter === undefined) {
    converter = proj4('EPSG:4326', gk.proj4)
    projections.set(gk.epsg, converter)
  }
  return converter
}

/** x, y in `crs` (lon/lat, or easting/northing in metres) → WGS84 [lon, lat]. */
export function toWgs84(x: number, y: number, crs: CrsId): [number, number] {
  const gk = gaussKrugerOf(crs)
  if (gk !== null) {
    const [lon, lat] = projection(gk).inverse([x, y])
    return [lon, lat]
  }
  if (crs === 'gcj02') return asPair(gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84))
  if (crs === 'bd09') return asPair(gcoord.transform([x, y], gcoord.BD09, gcoord.WGS84))
  return [x, y]
}

/** WGS84 [lon, lat] → x, y in `crs`. */
export function fromWgs84(lon: number, lat: number, crs: CrsId): [number, number] {
  const gk = gaussKrugerOf(crs)
  if (gk !== null) {
    const [x, y] = projection(gk).forward([lon, lat])
    return [x, y]
  }
  if (crs === 'gcj02') return asPair(gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02))
  if (crs === 'bd09') return asPair(gcoord.transform([lon, lat], gcoord.WGS84, gcoord.BD09))
  return [lon, lat]
}

function asPair(position: readonly number[]): [number, number] {
  return [position[0], position[1]]
}

// ─── One row's point ────────────────────────────────────────────────────────────────────────────────────

export type PointReading =
  | { ok: true; lon: number; lat: number; crs: CrsId; warnings: string[] }
  | { ok: false; reasons: string[] }

const PROJECTED_MIN = 100_000 // metres: both values at least this → a projected pair, not degrees
const EASTING_MIN = 300_000 // a 3-degree zone spans ±1.5° of longitude: < 170 km either side of 500 000
const EASTING_MAX = 700_000
const NORTHING_MIN = 300_000 // 3°N
const NORTHING_MAX = 6_100_000 // 54°N
const DECIMALS = 7 // ~1 cm

/**
 * The WGS84 point of a row, from the values in its lon and lat columns and the file's CRS. Degrees outside
 * China's box are rejected naming the value, unless the two are the right way round when swapped (then
 * they are swapped, with the warning 经纬度可能颠倒). Projected pairs are recognised by size.
 */
export function readPoint(x: Coordinate, y: Coordinate, crs: CrsId): PointReading {
  const projected = Math.abs(x.value) >= PROJECTED_MIN && Math.abs(y.value) >= PROJECTED_MIN
  const reading = projected ? readProjected(x.value, y.value, crs) : readDegrees(x, y, crs)
  if (!reading.ok) return reading
  const { lon, lat } = reading
  if (!inChina(lon, lat)) {
    return { ok: false, reasons: [`坐标 ${x.value}, ${y.value}（${reading.crs}）换算为经纬度 ${round(lon)}, ${round(lat)}，超出中国范围`] }
  }
  return { ...reading, lon: round(lon), lat: round(lat) }
}

function readDegrees(x: Coordinate, y: Coordinate, crs: CrsId): PointReading {
  const warnings: string[] = []
  let geographic: CrsId = crs
  if (!isGeographic(crs)) {
    warnings.push(`坐标系为 ${crs}（投影坐标），但 ${x.value}, ${y.value} 是经纬度，按 CGCS2000 经纬度读取`)
    geographic = 'EPSG:4490'
  }
  let lon = x.value
  let lat = y.value
  const latWritten = (h: Coordinate['hemisphere']) => h === 'N' || h === 'S'
  const lonWritten = (h: Coordinate['hemisphere']) => h === 'E' || h === 'W'
  if (latWritten(x.hemisphere) && !latWritten(y.hemisphere)) {
    ;[lon, lat] = [lat, lon]
    warnings.push(`经纬度颠倒（经度列为 ${x.hemisphere} 纬度），已交换`)
  } else if (!lonWritten(x.hemisphere) && !latWritten(y.hemisphere) && !inChina(lon, lat) && inChina(lat, lon)) {
    ;[lon, lat] = [lat, lon]
    warnings.push(`经纬度可能颠倒（经度 ${x.value}，纬度 ${y.value}），已交换`)
  }
  const reasons: string[] = []
  if (!(lon >= CHINA_BOX.lonMin && lon <= CHINA_BOX.lonMax)) {
    reasons.push(`经度 ${lon} 超出范围（应为 ${CHINA_BOX.lonMin}–${CHINA_BOX.lonMax}）`)
  }
  if (!(lat >= CHINA_BOX.latMin && lat <= CHINA_BOX.latMax)) {
    reasons.push(`纬度 ${lat} 超出范围（应为 ${CHINA_BOX.latMin}–${CHINA_BOX.latMax}）`)
  }
  if (reasons.length > 0) return { ok: false, reasons }
  const [wgsLon, wgsLat] = toWgs84(lon, lat, geographic)
  return { ok: true, lon: wgsLon, lat: wgsLat, crs: geographic, warnings }
}

function readProjected(x: number, y: number, crs: CrsId): PointReading {
  const given = gaussKrugerOf(crs)
  const zoneOf = (v: number) => {
    const zone = Math.floor(v / 1_000_000)
    const inZone = v - zone * 1_000_000
    return zone >= FIRST_ZONE && zone <= LAST_ZONE && inZone >= EASTING_MIN && inZone <= EASTING_MAX ? zone : null
  }
  const isNorthing = (v: number) => v >= NORTHING_MIN && v <= NORTHING_MAX
  const isEasting = (v: number) => v >= EASTING_MIN && v <= EASTING_MAX
  const pair = `${x}, ${y}`

  let easting: number
  let northing: number
  let zone: number | null
  if (zoneOf(x) !== null && isNorthing(y)) [easting, northing, zone] = [x, y, zoneOf(x)]
  else if (zoneOf(y) !== null && isNorthing(x)) [easting, northing, zone] = [y, x, zoneOf(y)]
  else if (isEasting(x) && isNorthing(y) && y > EASTING_MAX) [easting, northing, zone] = [x, y, null]
  else if (isEasting(y) && isNorthing(x) && x > EASTING_MAX) [easting, northing, zone] = [y, x, null]
  else return { ok: false, reasons: [`坐标 ${pair} 既不是经纬度，也不是 CGCS2000 3度带高斯-克吕格坐标`] }

  let gk: GaussKruger
  if (zone !== null) {
    if (given !== null && given.zone !== zone) {
      return { ok: false, reasons: [`坐标 ${pair} 的带号为 ${zone}，与坐标系 EPSG:${given.epsg}（第 ${given.zone} 带）不符`] }
    }
    gk = gaussKruger(gaussKrugerEpsg(zone, true)) as GaussKruger
  } else {
    if (given === null || given.zonePrefix) {
      const hint = given === null ? '' : `（所给坐标系 EPSG:${given.epsg} 的东坐标应带带号 ${given.zone}）`
      return {
        ok: false,
        reasons: [`坐标 ${pair} 像是高斯-克吕格投影坐标但没有带号，无法确定中央经线${hint}；请指定坐标系，如 EPSG:4544（中央经线 105°E）`],
      }
    }
    gk = given
  }
  const [lon, lat] = toWgs84(easting, northing, `EPSG:${gk.epsg}`)
  return { ok: true, lon, lat, crs: `EPSG:${gk.epsg}`, warnings: [] }
}

export function inChina(lon: number, lat: number): boolean {
  return lon >= CHINA_BOX.lonMin && lon <= CHINA_BOX.lonMax && lat >= CHINA_BOX.latMin && lat <= CHINA_BOX.latMax
}

function round(value: number): number {
  const scale = 10 ** DECIMALS
  return Math.round(value * scale) / scale
}
