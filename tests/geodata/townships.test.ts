import { readFileSync } from 'node:fs'
import type { MultiPolygon } from 'geojson'
import { area, featureCollection, union } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { validityProblems } from '../../server/geo/polygon-clean.ts'
import { seededRandom } from '../../server/geo/prng.ts'
import { seedOf, townshipCells } from '../../geodata/build/townships.ts'

// An L-shaped county near 绥江, about 20 km across: concave, so cells must be clipped to it.
const L_COUNTY: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[[[103.9, 28.4], [104.1, 28.4], [104.1, 28.5], [104.0, 28.5], [104.0, 28.6], [103.9, 28.6], [103.9, 28.4]]]],
}
const TOWNS = [
  { code: '530626103', name: '新滩镇' },
  { code: '530626101', name: '中城镇' },
  { code: '530626105', name: '板栗镇' },
  { code: '530626102', name: '南岸镇' },
  { code: '530626104', name: '会仪镇' },
]

const km2 = (g: MultiPolygon) => area(g) / 1e6

describe('seededRandom and seedOf', () => {
  it('repeat for the same seed and differ between seeds', () => {
    const a = seededRandom(seedOf('530626'))
    const b = seededRandom(seedOf('530626'))
    const c = seededRandom(seedOf('530681'))
    const first = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(first)
    expect(c()).not.toBe(first[0])
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true)
  })
})

describe('townshipCells', () => {
  const cells = townshipCells('530626', L_COUNTY, TOWNS)

  it('gives the same output for the same input', () => {
    expect(townshipCells('530626', L_COUNTY, [...TOWNS].reverse())).toEqual(cells)
  })

  it('gives a different layout for another county code', () => {
    expect(townshipCells('530681', L_COUNTY, TOWNS).map((c) => c.geometry)).not.toEqual(cells.map((c) => c.geometry))
  })

  it('gives one schematic cell per township, in code order, with the county as parent', () => {
    expect(cells.map((c) => c.properties.code)).toEqual(['530626101', '530626102', '530626103', '530626104', '530626105'])
    for (const c of cells) {
      expect(Object.keys(c.properties)).toEqual(['code', 'name', 'parent', 'level', 'areaKm2', 'schematic'])
      expect(c.properties).toMatchObject({ parent: '530626', level: 'township', schematic: true })
      expect(c.geometry.type).toBe('MultiPolygon')
      expect(validityProblems(c.geometry)).toEqual([])
    }
  })

  it('tiles the county: cell areas sum to its area and do not overlap', () => {
    const county = km2(L_COUNTY)
    const summed = cells.reduce((s, c) => s + km2(c.geometry), 0)
    expect(Math.abs(summed - county) / county).toBeLessThan(0.005)
    const merged = union(featureCollection(cells))
    expect(merged).not.toBeNull()
    expect(Math.abs(area(merged!) / 1e6 - summed) / summed).toBeLessThan(0.005)
  })

  it('keeps cell sizes plausible after relaxation: none under a third of the mean', () => {
    const mean = km2(L_COUNTY) / cells.length
    for (const c of cells) expect(c.properties.areaKm2).toBeGreaterThan(mean / 3)
  })

  it('stores areaKm2 to one decimal', () => {
    for (const c of cells) expect(c.properties.areaKm2).toBe(Math.round(km2(c.geometry) * 10) / 10)
  })

  it('gives the whole county to a single township and nothing to none', () => {
    const [only] = townshipCells('530626', L_COUNTY, TOWNS.slice(0, 1))
    expect(only.geometry).toEqual(L_COUNTY)
    expect(townshipCells('530626', L_COUNTY, [])).toEqual([])
  })

  it('tiles a real county: 绥江县 from the committed file', () => {
    const counties = JSON.parse(readFileSync(new URL('../../geodata/5306/counties.geojson', import.meta.url), 'utf8')) as {
      features: { properties: { code: string }; geometry: MultiPolygon }[]
    }
    const suijiang = counties.features.find((f) => f.properties.code === '530626')
    expect(suijiang).toBeDefined()
    const real = townshipCells('530626', suijiang!.geometry, TOWNS)
    const summed = real.reduce((s, c) => s + km2(c.geometry), 0)
    expect(Math.abs(summed - km2(suijiang!.geometry)) / km2(suijiang!.geometry)).toBeLessThan(0.005)
  })
})
