import proj4 from 'proj4'
import { describe, expect, test } from 'vitest'
import { ImportError } from '../../../../server/import'
import { prjParameters, reprojectGeometry, resolveAreaCrs } from '../../../../server/import/areas'

const GEOGCS = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
const prj = (name: string, fe: number, cm = 105) =>
  `PROJCS["${name}",${GEOGCS},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
const SUIJIANG: [number, number] = [104.0988, 28.6427]
const zoned = proj4('EPSG:4326', '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=35500000 +y_0=0 +ellps=GRS80 +units=m +no_defs').forward(SUIJIANG)
const unzoned = proj4('EPSG:4326', '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs').forward(SUIJIANG)

function back(crs: ReturnType<typeof resolveAreaCrs>['crs'], p: number[]): number[] {
  return crs.toWgs84(p[0], p[1]).map((v) => Math.round(v * 1e6) / 1e6)
}

describe('resolveAreaCrs', () => {
  test('a GK .prj with the zone prefix is EPSG:4523, without it EPSG:4544', () => {
    const a = resolveAreaCrs(prj('CGCS2000_3_Degree_GK_Zone_35', 35_500_000), 'shapefile', [zoned])
    expect(a.crs.id).toBe('EPSG:4523')
    expect(back(a.crs, zoned)).toEqual(SUIJIANG)
    const b = resolveAreaCrs(prj('CGCS2000_3_Degree_GK_CM_105E', 500_000), 'shapefile', [unzoned])
    expect(b.crs.id).toBe('EPSG:4544')
    expect(back(b.crs, unzoned)).toEqual(SUIJIANG)
    expect([...a.warnings, ...b.warnings]).toEqual([])
  })

  test('a .prj of one flavour over coordinates of the other: the coordinates win, with a warning', () => {
    const a = resolveAreaCrs(prj('CGCS2000_3_Degree_GK_CM_105E', 500_000), 'shapefile', [zoned])
    expect(a.crs.id).toBe('EPSG:4523')
    expect(a.warnings[0]).toMatch(/带有带号 35/)
    const b = resolveAreaCrs(prj('CGCS2000_3_Degree_GK_Zone_35', 35_500_000), 'shapefile', [unzoned])
    expect(b.crs.id).toBe('EPSG:4544')
    expect(b.warnings[0]).toMatch(/没有带号/)
  })

  test('no CRS stated: degrees are WGS84; zone-prefixed eastings are that zone; anything else needs --crs', () => {
    expect(resolveAreaCrs(undefined, 'geojson', [SUIJIANG]).crs.id).toBe('wgs84')
    expect(resolveAreaCrs(undefined, 'shapefile', [zoned]).crs.id).toBe('EPSG:4523')
    expect(() => resolveAreaCrs(undefined, 'shapefile', [unzoned])).toThrow(ImportError)
    expect(resolveAreaCrs(undefined, 'shapefile', [unzoned], { crs: 'EPSG:4544' }).crs.id).toBe('EPSG:4544')
  })

  test('a GeoJSON crs member naming an EPSG code is used', () => {
    expect(resolveAreaCrs('urn:ogc:def:crs:EPSG::4523', 'geojson', [zoned]).crs.id).toBe('EPSG:4523')
    expect(resolveAreaCrs('urn:ogc:def:crs:OGC:1.3:CRS84', 'geojson', [SUIJIANG]).crs.id).toBe('wgs84')
  })

  test('the gcj02 flag shifts the result by the GCJ-02 offset (~400–500 m here)', () => {
    const plain = resolveAreaCrs(undefined, 'geojson', [SUIJIANG]).crs
    const gcj = resolveAreaCrs(undefined, 'geojson', [SUIJIANG], { gcj02: true }).crs
    expect(gcj.gcj02).toBe(true)
    const [a, b] = [plain.toWgs84(...SUIJIANG), gcj.toWgs84(...SUIJIANG)]
    const metres = Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((28.6 * Math.PI) / 180), (a[1] - b[1]) * 110_540)
    expect(metres).toBeGreaterThan(300)
    expect(metres).toBeLessThan(700)
  })

  test('Xi\'an 1980 goes through proj4 as written, with a warning about the datum', () => {
    const xian = prj('Xian_1980_3_Degree_GK_CM_105E', 500_000).replace('D_China_2000', 'D_Xian_1980').replace('CGCS2000",6378137.0,298.257222101', 'Xian_1980",6378140.0,298.257')
    const { crs, warnings } = resolveAreaCrs(xian, 'shapefile', [unzoned])
    expect(crs.id).toBe('WKT')
    expect(warnings[0]).toMatch(/误差可达百米/)
    const [lon, lat] = crs.toWgs84(unzoned[0], unzoned[1])
    expect(Math.abs(lon - SUIJIANG[0])).toBeLessThan(0.01)
    expect(Math.abs(lat - SUIJIANG[1])).toBeLessThan(0.01)
  })

  test('prjParameters reads the GK parameters; reprojectGeometry drops Z', () => {
    expect(prjParameters(prj('CGCS2000_3_Degree_GK_Zone_35', 35_500_000))).toMatchObject({ projected: true, centralMeridian: 105, falseEasting: 35_500_000, datum: 'D_China_2000' })
    const crs = { toWgs84: (x: number, y: number): [number, number] => [x + 1, y] }
    expect(reprojectGeometry({ type: 'Polygon', coordinates: [[[0, 0, 5], [1, 0, 5], [0, 1, 5], [0, 0, 5]]] }, crs).coordinates[0][0]).toEqual([1, 0])
  })
})
