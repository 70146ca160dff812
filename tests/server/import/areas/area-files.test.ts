// Golden reports for the area fixtures (tests/fixtures/import/areas, made by make-fixtures.ts), validated
// against the demo store's areas. UPDATE_GOLDEN=1 rewrites the expected files; read the diff before keeping it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Area } from '../../../../server/shared/domain'
import { ImportError } from '../../../../server/import'
import { parseAreaFile, validateAreaFile, validateAttributesFile } from '../../../../server/import/areas'
import { PROJECT_ROOT } from '../../../../server/paths'
import { validityProblems } from '../../../../server/geo/polygon-clean'
import { demoApp } from '../../demo-app'

const DIR = join(PROJECT_ROOT, 'tests/fixtures/import/areas')
const fixture = (name: string) => readFileSync(join(DIR, name))

let areas: Area[]
beforeAll(() => {
  areas = demoApp().store.snapshot().areas as Area[]
})

function golden(name: string, actual: unknown): void {
  const file = join(DIR, `${name}.expected.json`)
  const json = JSON.parse(JSON.stringify(actual))
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`)
  expect(json).toEqual(JSON.parse(readFileSync(file, 'utf8')))
}

describe('area fixtures → reports', () => {
  test('GK zone-35 shapefile with GBK attributes and no .cpg: every township read, reprojected, no gaps', async () => {
    const { report, areas: drafts } = await validateAreaFile(fixture('suijiang-townships-gk.zip'), '乡镇界.zip', areas, { level: 'township' })
    expect(report).toMatchObject({ encoding: 'gbk', encodingSource: 'detected', crs: { id: 'EPSG:4523', source: 'prj' } })
    expect(report.mapping).toMatchObject({ code: '区划代码', name: '名称', population: '人口' })
    expect(report.rows.map((r) => r.name)).toEqual(['中城镇', '南岸镇', '新滩镇', '会仪镇', '板栗镇'])
    expect(report.siblings[0]).toMatchObject({ parent: '530626', gapsChecked: true, gaps: [], overlaps: [], outside: [] })
    // Reprojection back to within 1e-5° of the WGS84 source cells (the fixture rounds eastings to 1 mm).
    const source = areas.find((a) => a.code === '530626101')!.geometry!.coordinates[0][0][0]
    const ring = drafts.find((d) => d.code === '530626101')!.geometry!.coordinates[0][0]
    expect(ring.some((p) => Math.abs(p[0] - source[0]) < 1e-5 && Math.abs(p[1] - source[1]) < 1e-5)).toBe(true)
    expect(drafts.find((d) => d.code === '530626101')).toMatchObject({ population: 52_300, exists: true, parent: '530626' })
    golden('suijiang-townships-gk', report)
  })

  test('the same townships without a zone prefix (EPSG:4544 from the .prj, UTF-8 from the .cpg, XZQDM/XZQMC)', async () => {
    const { report } = await validateAreaFile(fixture('suijiang-townships-cm105.zip'), 'townships.zip', areas, { level: 'township' })
    expect(report).toMatchObject({ encoding: 'utf8', encodingSource: 'cpg', crs: { id: 'EPSG:4544' }, mapping: { code: 'XZQDM', name: 'XZQMC' } })
    expect(report.totals).toMatchObject({ features: 5, rejected: 0, updates: 5 })
    golden('suijiang-townships-cm105', report)
  })

  test('TopoJSON: arcs expanded, adcode/name detected, WGS84 by its coordinates', async () => {
    const { report } = await validateAreaFile(fixture('suijiang-townships.topojson'), 'townships.topojson', areas, { level: 'township' })
    expect(report).toMatchObject({ format: 'topojson', objects: ['townships'], crs: { id: 'wgs84', source: 'coordinates' } })
    expect(report.totals).toEqual({ features: 5, accepted: 5, warnings: 0, rejected: 0, inserts: 0, updates: 5, repaired: 0 })
    golden('suijiang-townships-topojson', report)
  })

  test('invalid polygons: duplicates and a spike repaired; a bowtie repaired but outside its county, and a missing code, rejected', async () => {
    const { report } = await validateAreaFile(fixture('invalid-polygons.zip'), 'invalid.zip', areas, { level: 'township' })
    expect(report.rows.map((r) => r.status)).toEqual(['warning', 'rejected', 'rejected'])
    expect(report.rows[0].messages[0]).toBe('第1个要素：边界已修复：移除重复点 2 个，移除尖刺 1 处')
    expect(report.rows[1].messages[0]).toMatch(/^第2个要素：有 [\d.]+ km² 在上级绥江县（530626）的边界之外/)
    expect(report.rows[1].repair?.problems.join()).toMatch(/edges cross at 1 points/)
    expect(report.rows[2].messages).toEqual(['第3个要素：区划代码为空'])
    golden('invalid-polygons', report)
  })

  test('a bow-tie and overlapping parts are repaired by self-union and reported; a ring that is its own hole is rejected', async () => {
    const { report, areas: drafts } = await validateAreaFile(fixture('crossing-polygons.geojson'), 'crossing.geojson', areas, { level: 'township' })
    expect(report.rows.map((r) => [r.code, r.status])).toEqual([['530626103', 'warning'], ['530626104', 'warning'], ['530626105', 'rejected']])
    expect(report.totals).toMatchObject({ warnings: 2, rejected: 1, updates: 2, repaired: 2 })
    const [bowtie, overlapping, empty] = report.rows
    expect(bowtie.repair).toMatchObject({ problems: expect.arrayContaining([expect.stringMatching(/^edges cross at 1 points: \[104\.1956, 28\.6114/)]) })
    expect(bowtie.repair!.areaBeforeKm2).toBeCloseTo(0, 6)
    expect(bowtie.repair!.areaAfterKm2).toBeGreaterThan(2) // two lobes of a 0.02° square: ≈ 2.17 km²
    expect(bowtie.messages).toEqual([expect.stringMatching(/^第1个要素：边界自相交或各部分重叠，已按自身合并（polyclip-ts union）修复：.*面积 0\.000 → 2\.168 km²$/)])
    expect(overlapping.repair!.problems).toEqual(['edges cross at 2 points: [104.0475, 28.4356], [104.0375, 28.4456]'])
    expect(overlapping.repair!.areaAfterKm2 / overlapping.repair!.areaBeforeKm2).toBeCloseTo(1.75 / 2, 2)
    expect(empty.messages).toEqual(['第3个要素：边界自相交（约 103.82500, 28.47950 处），修复后没有剩下有效的面，请在 GIS 软件中修正'])
    for (const draft of drafts) expect(validityProblems(draft.geometry!), draft.code).toEqual([])
    // inside their townships' county: nothing outside the parent, so the repaired shapes are written
    expect(report.siblings[0].outside).toEqual([])
    expect(drafts.map((d) => [d.code, d.geometry!.coordinates.length])).toEqual([['530626103', 2], ['530626104', 1]])
  })

  test('a broken zip is an ImportError naming the file', async () => {
    await expect(parseAreaFile(fixture('broken.zip'), 'broken.zip')).rejects.toThrow(ImportError)
    await expect(parseAreaFile(fixture('broken.zip'), 'broken.zip')).rejects.toThrow(/无法读取文件“broken.zip”：不是有效的 ZIP/)
  })

  test('attributes by code from a GBK CSV with a title row, a padded 12-digit code and a total row', async () => {
    const { report, areas: updates } = await validateAttributesFile(fixture('suijiang-attributes-gbk.csv'), 'attrs.csv', areas)
    expect(report.totals).toEqual({ rowsRead: 7 - 1, accepted: 3, warnings: 1, rejected: 1, ignored: 1, updates: 4 })
    expect(updates[0]).toEqual({ code: '530626101', exists: true, population: 52_300, minorityShare: 0.1 })
    expect(updates[1]).toMatchObject({ code: '530626102', minorityShare: 0.07 })
    golden('suijiang-attributes', report)
  })

  test('other files are refused with what to do', async () => {
    await expect(parseAreaFile(new Uint8Array([1, 2, 3]), '乡镇.shp')).rejects.toThrow(/压缩为 zip/)
    await expect(parseAreaFile(new TextEncoder().encode('a,b\n1,2'), '人口.csv')).rejects.toThrow(/--attributes/)
    await expect(parseAreaFile(new TextEncoder().encode('{"type":"Point","coordinates":[1,2]}'), 'x.json')).rejects.toThrow(/不是 GeoJSON 或 TopoJSON/)
  })
})
