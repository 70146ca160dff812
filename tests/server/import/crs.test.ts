import { distance } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { fromWgs84, gaussKruger, gaussKrugerEpsg, parseCrs, readPoint, toWgs84, type CrsId } from '../../../server/import/crs'
import type { Coordinate } from '../../../server/import/values'

// ─── Independent references ─────────────────────────────────────────────────────────────────────────────

/** Length of the GRS80 meridian from the equator to latitude φ (the series of Helmert, to < 1 mm). */
function meridianArc(latDeg: number): number {
  const a = 6378137
  const f = 1 / 298.257222101
  const e2 = f * (2 - f)
  const [e4, e6] = [e2 * e2, e2 * e2 * e2]
  const phi = (latDeg * Math.PI) / 180
  return (
    a *
    ((1 - e2 / 4 - (3 * e4) / 64 - (5 * e6) / 256) * phi -
      ((3 * e2) / 8 + (3 * e4) / 32 + (45 * e6) / 1024) * Math.sin(2 * phi) +
      ((15 * e4) / 256 + (45 * e6) / 1024) * Math.sin(4 * phi) -
      ((35 * e6) / 3072) * Math.sin(6 * phi))
  )
}

/** The published GCJ-02 forward transform (Krasovsky ellipsoid offsets), written out independently of gcoord. */
function gcj02FromWgs84(lon: number, lat: number): [number, number] {
  const a = 6378245.0
  const ee = 0.00669342162296594323
  const x = lon - 105
  const y = lat - 35
  const s = (v: number) => Math.sin(v * Math.PI)
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  dLat += ((20 * s(6 * x) + 20 * s(2 * x)) * 2) / 3
  dLat += ((20 * s(y) + 40 * s(y / 3)) * 2) / 3
  dLat += ((160 * s(y / 12) + 320 * s(y / 30)) * 2) / 3
  let dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  dLon += ((20 * s(6 * x) + 20 * s(2 * x)) * 2) / 3
  dLon += ((20 * s(x) + 40 * s(x / 3)) * 2) / 3
  dLon += ((150 * s(x / 12) + 300 * s(x / 30)) * 2) / 3
  const radLat = (lat * Math.PI) / 180
  const magic = 1 - ee * Math.sin(radLat) ** 2
  dLat = (dLat * 180) / (((a * (1 - ee)) / (magic * Math.sqrt(magic))) * Math.PI)
  dLon = (dLon * 180) / ((a / Math.sqrt(magic)) * Math.cos(radLat) * Math.PI)
  return [lon + dLon, lat + dLat]
}

const metres = (a: [number, number], b: [number, number]) => distance(a, b, { units: 'meters' })

// ─── Definitions ────────────────────────────────────────────────────────────────────────────────────────

describe('gaussKruger', () => {
  it('maps EPSG:4513–4533 to zones 25–45 with the zone prefix, and EPSG:4534–4554 to the same meridians without', () => {
    expect(gaussKruger(4513)).toMatchObject({ zone: 25, centralMeridian: 75, zonePrefix: true })
    expect(gaussKruger(4523)).toMatchObject({ zone: 35, centralMeridian: 105, zonePrefix: true })
    expect(gaussKruger(4533)).toMatchObject({ zone: 45, centralMeridian: 135, zonePrefix: true })
    expect(gaussKruger(4534)).toMatchObject({ zone: 25, centralMeridian: 75, zonePrefix: false })
    expect(gaussKruger(4544)).toMatchObject({ zone: 35, centralMeridian: 105, zonePrefix: false })
    expect(gaussKruger(4554)).toMatchObject({ zone: 45, centralMeridian: 135, zonePrefix: false })
    expect(gaussKruger(4512)).toBeNull()
    expect(gaussKruger(4555)).toBeNull()
    expect(gaussKruger(4490)).toBeNull()
  })

  it('writes the proj4 definition of each', () => {
    expect(gaussKruger(4523)?.proj4).toBe('+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=35500000 +y_0=0 +ellps=GRS80 +units=m +no_defs')
    expect(gaussKruger(4544)?.proj4).toBe('+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs')
  })

  it('finds the code of a zone', () => {
    expect(gaussKrugerEpsg(35, true)).toBe(4523)
    expect(gaussKrugerEpsg(35, false)).toBe(4544)
    expect(() => gaussKrugerEpsg(24, true)).toThrow('3-degree zone 24 is outside')
  })
})

describe('parseCrs', () => {
  it('reads the names people give CRSs', () => {
    const cases: [string, CrsId][] = [
      ['WGS84', 'wgs84'],
      ['wgs-84', 'wgs84'],
      ['GCJ-02', 'gcj02'],
      ['amap', 'gcj02'],
      ['BD-09', 'bd09'],
      ['Baidu', 'bd09'],
      ['CGCS2000', 'EPSG:4490'],
      ['EPSG:4326', 'EPSG:4326'],
      ['epsg:4523', 'EPSG:4523'],
      ['4544', 'EPSG:4544'],
    ]
    for (const [text, crs] of cases) expect([text, parseCrs(text)]).toEqual([text, crs])
  })

  it('refuses a CRS it cannot convert, listing those it can', () => {
    expect(() => parseCrs('EPSG:3857')).toThrow('不支持的坐标系“EPSG:3857”：可用 wgs84、gcj02（高德）、bd09（百度）')
  })
})

// ─── Conversions against known values ───────────────────────────────────────────────────────────────────

describe('Gauss-Krüger conversion', () => {
  it('puts a point on the central meridian at the false easting and the meridian arc', () => {
    const [x, y] = fromWgs84(105, 28.6, 'EPSG:4523')
    expect(x).toBeCloseTo(35_500_000, 3)
    expect(y).toBeCloseTo(meridianArc(28.6), 2)
    const [x2, y2] = fromWgs84(105, 28.6, 'EPSG:4544')
    expect(x2).toBeCloseTo(500_000, 3)
    expect(y2).toBeCloseTo(meridianArc(28.6), 2)
  })

  it('uses the right meridian and false easting for every code', () => {
    for (let epsg = 4513; epsg <= 4554; epsg++) {
      const gk = gaussKruger(epsg)
      if (gk === null) throw new Error(`EPSG:${epsg} should be Gauss-Krüger`)
      const [x, y] = fromWgs84(gk.centralMeridian, 30, `EPSG:${epsg}`)
      expect([epsg, Math.round(x * 1000) / 1000]).toEqual([epsg, gk.zonePrefix ? gk.zone * 1_000_000 + 500_000 : 500_000])
      expect(y).toBeCloseTo(meridianArc(30), 2)
    }
  })

  it('projects a 绥江 point to its known zone-35 coordinates and back to within a millimetre', () => {
    const source: [number, number] = [104.1, 28.5]
    const gk = fromWgs84(...source, 'EPSG:4523')
    expect(gk[0]).toBeCloseTo(35_411_884.3096, 3) // golden: proj4 2.22
    expect(gk[1]).toBeCloseTo(3_154_183.7357, 3)
    expect(metres(toWgs84(...gk, 'EPSG:4523'), source)).toBeLessThan(0.001)
    const unzoned = fromWgs84(...source, 'EPSG:4544')
    expect(unzoned[0]).toBeCloseTo(gk[0] - 35_000_000, 3)
    expect(metres(toWgs84(...unzoned, 'EPSG:4544'), source)).toBeLessThan(0.001)
  })
})

describe('GCJ-02 and BD-09 conversion', () => {
  const wgs: [number, number] = [103.9912, 28.6023] // 中城镇

  it('agrees with the published GCJ-02 formula, and inverts it to within 0.1 m', () => {
    const expected = gcj02FromWgs84(...wgs)
    const gcj = fromWgs84(...wgs, 'gcj02')
    expect(gcj[0]).toBeCloseTo(expected[0], 8)
    expect(gcj[1]).toBeCloseTo(expected[1], 8)
    expect(metres(gcj, wgs)).toBeGreaterThan(200) // the offset is real: hundreds of metres here
    expect(metres(toWgs84(...gcj, 'gcj02'), wgs)).toBeLessThan(0.1)
  })

  it('round-trips BD-09 to within 0.1 m', () => {
    const bd = fromWgs84(...wgs, 'bd09')
    expect(metres(bd, wgs)).toBeGreaterThan(500)
    expect(metres(toWgs84(...bd, 'bd09'), wgs)).toBeLessThan(0.1)
  })

  it('takes WGS84, EPSG:4326 and CGCS2000 geographic as they are', () => {
    for (const crs of ['wgs84', 'EPSG:4326', 'EPSG:4490'] as const) expect(toWgs84(...wgs, crs)).toEqual(wgs)
  })
})

// ─── Reading a row's point ──────────────────────────────────────────────────────────────────────────────

describe('readPoint', () => {
  const c = (value: number, hemisphere: Coordinate['hemisphere'] = null): Coordinate => ({ value, hemisphere })

  it('reads degrees in the file’s CRS', () => {
    expect(readPoint(c(104.1), c(28.6), 'wgs84')).toEqual({ ok: true, lon: 104.1, lat: 28.6, crs: 'wgs84', warnings: [] })
    const gcj = fromWgs84(104.1, 28.6, 'gcj02')
    expect(readPoint(c(gcj[0]), c(gcj[1]), 'gcj02')).toMatchObject({ ok: true, lon: 104.1, lat: 28.6, crs: 'gcj02' })
  })

  it('swaps a pair that fits China only the other way round, with a warning', () => {
    expect(readPoint(c(28.6), c(104.1), 'wgs84')).toEqual({
      ok: true,
      lon: 104.1,
      lat: 28.6,
      crs: 'wgs84',
      warnings: ['经纬度可能颠倒（经度 28.6，纬度 104.1），已交换'],
    })
    expect(readPoint(c(28.6, 'N'), c(104.1, 'E'), 'wgs84')).toMatchObject({ ok: true, lon: 104.1, warnings: ['经纬度颠倒（经度列为 N 纬度），已交换'] })
  })

  it('swaps before converting from GCJ-02', () => {
    const gcj = fromWgs84(104.1, 28.6, 'gcj02')
    expect(readPoint(c(gcj[1]), c(gcj[0]), 'gcj02')).toMatchObject({ ok: true, lon: 104.1, lat: 28.6 })
  })

  it('names each value outside China', () => {
    expect(readPoint(c(1041.2), c(28.6), 'wgs84')).toEqual({ ok: false, reasons: ['经度 1041.2 超出范围（应为 73–136）'] })
    expect(readPoint(c(-104.1), c(95), 'wgs84')).toEqual({
      ok: false,
      reasons: ['经度 -104.1 超出范围（应为 73–136）', '纬度 95 超出范围（应为 3–54）'],
    })
    expect(readPoint(c(2.35), c(48.85), 'wgs84')).toEqual({ ok: false, reasons: ['经度 2.35 超出范围（应为 73–136）'] }) // Paris
  })

  it('recognises zone-prefixed Gauss-Krüger pairs either way round', () => {
    const [e, n] = fromWgs84(104.1, 28.5, 'EPSG:4523')
    expect(readPoint(c(e), c(n), 'wgs84')).toMatchObject({ ok: true, lon: 104.1, lat: 28.5, crs: 'EPSG:4523', warnings: [] })
    // Surveyors' X is the northing: an "X坐标" column mapped to lon holds it.
    expect(readPoint(c(n), c(e), 'wgs84')).toMatchObject({ ok: true, lon: 104.1, lat: 28.5, crs: 'EPSG:4523' })
  })

  it('needs the CRS for Gauss-Krüger values without a zone prefix', () => {
    const [e, n] = fromWgs84(104.1, 28.5, 'EPSG:4544')
    expect(readPoint(c(e), c(n), 'wgs84')).toEqual({
      ok: false,
      reasons: [`坐标 ${e}, ${n} 像是高斯-克吕格投影坐标但没有带号，无法确定中央经线；请指定坐标系，如 EPSG:4544（中央经线 105°E）`],
    })
    expect(readPoint(c(e), c(n), 'EPSG:4544')).toMatchObject({ ok: true, lon: 104.1, lat: 28.5, crs: 'EPSG:4544' })
    expect(readPoint(c(n), c(e), 'EPSG:4544')).toMatchObject({ ok: true, lon: 104.1, lat: 28.5 })
  })

  it('rejects a zone prefix that contradicts the given CRS, and values that fit nothing', () => {
    const [e, n] = fromWgs84(104.1, 28.5, 'EPSG:4523')
    expect(readPoint(c(e), c(n), 'EPSG:4522')).toEqual({
      ok: false,
      reasons: [`坐标 ${e}, ${n} 的带号为 35，与坐标系 EPSG:4522（第 34 带）不符`],
    })
    expect(readPoint(c(123456789), c(3154183), 'wgs84')).toEqual({
      ok: false,
      reasons: ['坐标 123456789, 3154183 既不是经纬度，也不是 CGCS2000 3度带高斯-克吕格坐标'],
    })
  })

  it('rejects a projected point that lands outside China', () => {
    const [e, n] = fromWgs84(136.5, 40, 'EPSG:4533') // zone 45, east of the box
    const reading = readPoint(c(e), c(n), 'wgs84')
    expect(reading.ok).toBe(false)
    if (!reading.ok) expect(reading.reasons[0]).toMatch(/^坐标 .*（EPSG:4533）换算为经纬度 136\.5, 40，超出中国范围$/)
  })

  it('reads degrees given with a projected CRS as CGCS2000 degrees, with a warning', () => {
    expect(readPoint(c(104.1), c(28.6), 'EPSG:4523')).toEqual({
      ok: true,
      lon: 104.1,
      lat: 28.6,
      crs: 'EPSG:4490',
      warnings: ['坐标系为 EPSG:4523（投影坐标），但 104.1, 28.6 是经纬度，按 CGCS2000 经纬度读取'],
    })
  })
})
