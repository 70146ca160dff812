// The committed national files (geodata/national/): what the atlas loads at country scale, checked as
// data at every generalisation level, and a small subset rebuilt twice to prove the build is
// deterministic.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FeatureCollection, MultiLineString, MultiPolygon } from 'geojson'
import { afterAll, describe, expect, it } from 'vitest'
import { ellipsoidalAreaKm2 } from '../../server/geo/area-km2.ts'
import { SPECIAL_AREAS } from '../../geodata/build/codes.ts'
import { NATIONAL_LEVELS } from '../../server/geo/generalise.ts'
import { lostIslands } from './islands-kept.ts'
import { buildNational, type NationalProperties } from '../../geodata/build/national.ts'
import { readDivisions } from '../../geodata/build/sources.ts'

const dir = new URL('../../geodata/national/', import.meta.url)
const text = (file: string) => readFileSync(new URL(file, dir), 'utf8')
const read = (file: string) => JSON.parse(text(file)) as FeatureCollection<MultiPolygon, NationalProperties>

const LEVELS = NATIONAL_LEVELS.map((l) => l.name)
const layers = Object.fromEntries(
  LEVELS.map((level) => [level, { provinces: read(`provinces.${level}.geojson`).features, prefectures: read(`prefectures.${level}.geojson`).features, counties: read(`counties.${level}.geojson`).features }]),
)
const byCode = <F extends { properties: NationalProperties }>(features: F[], code: string): F | undefined => features.find((f) => f.properties.code === code)

/** Directed edges of the features' rings that no other feature walks the other way. */
function outlineEdges(features: { geometry: MultiPolygon }[]): Set<string> {
  const edges = new Set<string>()
  for (const f of features) for (const ring of f.geometry.coordinates.flat()) for (let i = 0; i + 1 < ring.length; i++) edges.add(`${ring[i]}>${ring[i + 1]}`)
  const outline = new Set<string>()
  for (const e of edges) {
    const [a, b] = e.split('>')
    if (!edges.has(`${b}>${a}`)) outline.add(e)
  }
  return outline
}

describe('geodata/national', () => {
  it('has the three layers at every level, the dash line, the inset and the report', () => {
    expect(readdirSync(dir).sort()).toEqual(
      [...LEVELS.flatMap((l) => [`counties.${l}.geojson`, `prefectures.${l}.geojson`, `provinces.${l}.geojson`]), 'build-report.txt', 'south-china-sea-line.geojson', 'south-china-sea-inset.geojson'].sort(),
    )
  })

  it.each(LEVELS)('%s: 34 provinces and the same prefectures and counties as every other level', (level) => {
    const { provinces, prefectures, counties } = layers[level]
    expect(provinces).toHaveLength(34)
    expect(prefectures.map((f) => f.properties.code)).toEqual(layers.z7.prefectures.map((f) => f.properties.code))
    expect(counties.map((f) => f.properties.code)).toEqual(layers.z7.counties.map((f) => f.properties.code))
    expect(counties.length).toBeGreaterThan(2800)
  })

  it.each(LEVELS)('%s: properties are exactly code, name, level, parent, areaKm2, codes in order', (level) => {
    for (const [layer, features] of Object.entries(layers[level])) {
      const codes = features.map((f) => f.properties.code)
      expect(codes, layer).toEqual([...codes].sort())
      for (const f of features) {
        expect(Object.keys(f.properties)).toEqual(['code', 'name', 'level', 'parent', 'areaKm2'])
        expect(f.geometry.type).toBe('MultiPolygon')
        expect(f.geometry.coordinates.length, f.properties.code).toBeGreaterThan(0)
      }
    }
  })

  it('has codes and names from NBS 2023 or the special areas, and parents that exist one level up', () => {
    const divisions = readDivisions()
    const special = new Map(SPECIAL_AREAS.map((s) => [s.code, s]))
    const counties = new Map(divisions.areas.map((a) => [a.code, a.name]))
    const prefectures = new Map(divisions.cities.map((c) => [`${c.code}00`, c.name]))
    const provinces = new Map(divisions.provinces.map((p) => [`${p.code}0000`, p.name]))
    for (const s of SPECIAL_AREAS) {
      counties.set(s.code, s.name)
      prefectures.set(s.prefecture.code, s.prefecture.name)
      provinces.set(s.province.code, s.province.name)
    }
    const { provinces: pv, prefectures: pf, counties: ct } = layers.z7
    for (const f of ct) {
      expect(counties.get(f.properties.code), f.properties.code).toBe(f.properties.name)
      expect(f.properties.level).toBe('county')
      expect(byCode(pf, f.properties.parent!), `${f.properties.code} → ${f.properties.parent}`).toBeDefined()
      if (!special.has(f.properties.code)) expect(f.properties.parent).toBe(`${divisions.areas.find((a) => a.code === f.properties.code)!.cityCode}00`)
    }
    for (const f of pf) {
      expect(prefectures.get(f.properties.code), f.properties.code).toBe(f.properties.name)
      expect(byCode(pv, f.properties.parent!), `${f.properties.code} → ${f.properties.parent}`).toBeDefined()
    }
    for (const f of pv) {
      expect(provinces.get(f.properties.code), f.properties.code).toBe(f.properties.name)
      expect(f.properties.parent).toBeNull()
    }
    expect(pv.map((f) => f.properties.code)).toEqual([...divisions.provinces.map((p) => `${p.code}0000`), '710000', '810000', '820000'].sort())
  })

  it.each(LEVELS)('%s: 台湾省, 香港 and 澳门 are there with geometry at every layer', (level) => {
    for (const [code, name] of [
      ['710000', '台湾省'],
      ['810000', '香港特别行政区'],
      ['820000', '澳门特别行政区'],
    ]) {
      for (const features of Object.values(layers[level])) {
        const f = byCode(features, code)
        expect(f?.properties.name, `${level} ${code}`).toBe(name)
        expect(f!.geometry.coordinates.flat(2).length).toBeGreaterThan(3)
      }
    }
    expect(byCode(layers[level].provinces, '710000')!.properties.areaKm2).toBeGreaterThan(35000)
  })

  it.each(LEVELS)('%s: 钓鱼岛, 赤尾屿, 东沙, 西沙, 中沙 and 南沙群岛 and 曾母暗沙 survive in their province and county', (level) => {
    const { provinces, counties } = layers[level]
    const byCodeMap = (features: { properties: NationalProperties; geometry: MultiPolygon }[]) => new Map(features.map((f) => [f.properties.code, f.geometry]))
    expect(lostIslands(byCodeMap(provinces), byCodeMap(counties))).toEqual([])
  })

  it.each(LEVELS)('%s: each province and prefecture is the dissolve of its counties (areas within 0.1 %%)', (level) => {
    const { provinces, prefectures, counties } = layers[level]
    // Drawn areas too; at z3 a county can be a pixel wide, and where simplification makes a
    // boundary cross itself its drawn area is loose by up to a few per cent.
    const drawnSlack = level === 'z3' ? 0.02 : 0.001
    const prefectureOf = new Map(prefectures.map((p) => [p.properties.code, p.properties.parent]))
    for (const [parents, parentOf] of [
      [prefectures, (c: string) => c],
      [provinces, (c: string) => prefectureOf.get(c)],
    ] as const) {
      const sums = new Map<string, number>()
      const drawn = new Map<string, number>()
      for (const c of counties) {
        const parent = parentOf(c.properties.parent!)!
        sums.set(parent, (sums.get(parent) ?? 0) + c.properties.areaKm2)
        drawn.set(parent, (drawn.get(parent) ?? 0) + ellipsoidalAreaKm2(c.geometry))
      }
      for (const p of parents) {
        const code = p.properties.code
        expect(Math.abs(p.properties.areaKm2 - sums.get(code)!) / sums.get(code)!, `${level} ${code} areaKm2`).toBeLessThan(0.001)
        expect(Math.abs(ellipsoidalAreaKm2(p.geometry) - drawn.get(code)!) / drawn.get(code)!, `${level} ${code} as drawn`).toBeLessThan(drawnSlack)
      }
    }
  })

  it.each(LEVELS)('%s: neighbours share every border point: no gap, no overlap, the same outline in every layer', (level) => {
    const { provinces, prefectures, counties } = layers[level]
    // Every county edge not on the national outline is walked the other way by a neighbour, and
    // the edges no neighbour shares are the same in all three layers: the coast and the border.
    const outline = outlineEdges(provinces)
    expect(outlineEdges(prefectures)).toEqual(outline)
    expect(outlineEdges(counties)).toEqual(outline)
    // Sampled shared border points: a vertex two provinces share is a vertex of a county of each.
    const byVertex = (features: { properties: NationalProperties; geometry: MultiPolygon }[]) => {
      const provincesAt = new Map<string, Set<string>>()
      for (const f of features) for (const p of f.geometry.coordinates.flat(2)) {
        const key = String(p)
        provincesAt.set(key, (provincesAt.get(key) ?? new Set()).add(f.properties.code.slice(0, 2)))
      }
      return provincesAt
    }
    const inProvinces = byVertex(provinces)
    const inCounties = byVertex(counties)
    const shared = [...inProvinces].filter(([, set]) => set.size > 1)
    let sampled = 0
    const every = Math.max(1, Math.floor(shared.length / 500))
    for (let i = 0; i < shared.length; i += every) {
      const [vertex, set] = shared[i]
      for (const province of set) expect(inCounties.get(vertex)?.has(province), `${level} ${vertex} in a county of ${province}`).toBe(true)
      sampled++
    }
    expect(sampled).toBeGreaterThan(400)
  })

  it('draws the 南海断续国界线 from Natural Earth: nine dashes in the South China Sea, the tenth missing', () => {
    const line = JSON.parse(text('south-china-sea-line.geojson')) as FeatureCollection<MultiLineString>
    expect(line.features).toHaveLength(1)
    const [dashes] = line.features
    expect(dashes.properties).toMatchObject({ dashes: 9, schematic: true, licence: expect.stringMatching(/public domain/) })
    expect(dashes.geometry.coordinates).toHaveLength(9)
    for (const [lon, lat] of dashes.geometry.coordinates.flat()) {
      expect(lon).toBeGreaterThan(108)
      expect(lon).toBeLessThan(122)
      expect(lat).toBeGreaterThan(3)
      expect(lat).toBeLessThan(22)
    }
  })

  it('reports the checks: no overlap and no gap left after the mosaic is cleaned', () => {
    const report = text('build-report.txt')
    expect(report).toMatch(/^counties \d+, prefectures \d+, provinces 34$/m)
    expect(report).not.toMatch(/^ {2}(overlap|gap|area-mismatch|invalid): /m)
    expect(report).toMatch(/^ {2}repair: \d+$/m)
  })
})

describe('buildNational', () => {
  const out = [mkdtempSync(join(tmpdir(), 'geodata-national-')), mkdtempSync(join(tmpdir(), 'geodata-national-'))]
  afterAll(() => out.forEach((d) => rmSync(d, { recursive: true, force: true })))

  it('builds 香港 and 澳门 alone twice to the same bytes', async () => {
    const [a, b] = [await buildNational(out[0], { provinces: ['81', '82'] }), await buildNational(out[1], { provinces: ['81', '82'] })]
    expect(a.provinces).toBe(2)
    expect(a.files.map((f) => f.name)).toEqual(b.files.map((f) => f.name))
    for (const { name } of a.files) expect(readFileSync(join(out[0], name), 'utf8') === readFileSync(join(out[1], name), 'utf8'), name).toBe(true)
    const hk = JSON.parse(readFileSync(join(out[0], 'provinces.z7.geojson'), 'utf8')) as FeatureCollection<MultiPolygon, NationalProperties>
    expect(hk.features.map((f) => [f.properties.code, f.properties.name])).toEqual([
      ['810000', '香港特别行政区'],
      ['820000', '澳门特别行政区'],
    ])
    // 香港's 18 districts are dissolved: no hole is left between them.
    expect(hk.features[0].geometry.coordinates.every((rings) => rings.length === 1)).toBe(true)
  }, 120_000)
})
