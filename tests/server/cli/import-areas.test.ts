// `atlas import areas` into a store without the parents: a top level (--level province|prefecture) is
// accepted, and a county, township or village whose parent is missing gets one, created and reported.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FeatureCollection } from 'geojson'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../server/cli/main'
import { validityProblems } from '../../../server/geo/polygon-clean'
import type { AreaImportReport } from '../../../server/import/areas'
import { openDataDirStore } from '../../../server/open-store'
import { PROJECT_ROOT } from '../../../server/paths'

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))
function emptyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-areas-'))
  dirs.push(dir)
  return dir
}

const COUNTIES = join(PROJECT_ROOT, 'geodata/5306/counties.geojson')
const OUTLINE = join(PROJECT_ROOT, 'geodata/5306/outline.geojson')

async function atlas(dataDir: string, ...argv: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir, ATLAS_DEMO: '0' } })
  return { code, out, err }
}

function areasOf(dataDir: string) {
  const store = openDataDirStore({ dataDir, demo: 'none' }, () => {})
  try {
    return store.snapshot().areas
  } finally {
    store.close()
  }
}

// Each test starts the CLI two or three times (tsx compiles it at each start: seconds on a busy 2-core machine).
describe('atlas import areas on an empty store', { timeout: 60_000 }, () => {
  it('counties whose prefecture is missing: a dry run says it would create 530600, a commit creates and names it so', async () => {
    const dataDir = emptyDir()
    const dry = await atlas(dataDir, 'import', 'areas', COUNTIES, '--level', 'county', '--dry-run')
    expect(dry.code, dry.err).toBe(0)
    expect(dry.out).toContain('accepted 11, with warnings 0, rejected 0')
    expect(dry.out).toContain('Would create 530600 as the parent of 11 counties (it was not in the store; placeholder name “530600（待命名）”); name it with atlas import areas <its boundary file> --level prefecture, or in /data.')
    expect(areasOf(dataDir)).toEqual([])

    const commit = await atlas(dataDir, 'import', 'areas', COUNTIES, '--level', 'county')
    expect(commit.code, commit.err).toBe(0)
    expect(commit.out).toContain('Created 530600 as the parent of 11 counties')
    expect(commit.out).toContain('Committed import 1: 12 areas added, 0 updated.')
    const areas = areasOf(dataDir)
    expect(areas.find((a) => a.code === '530600')).toMatchObject({ name: '530600（待命名）', level: 'prefecture', parent: null, geometry: null })
    expect(areas.filter((a) => a.parent === '530600')).toHaveLength(11)

    // Its own boundary names it; it stays the top level (no 云南省 in the store).
    const named = await atlas(dataDir, 'import', 'areas', OUTLINE, '--level', 'prefecture')
    expect(named.code, named.err).toBe(0)
    expect(named.out).toContain('名称由“530600（待命名）”改为“昭通市”')
    expect(named.out).not.toContain('Created')
    expect(areasOf(dataDir).find((a) => a.code === '530600')).toMatchObject({ name: '昭通市', parent: null })
    expect(areasOf(dataDir).find((a) => a.code === '530600')?.geometry).not.toBeNull()
  })

  it('a prefecture is a top level: imported first, its counties then find their parent and nothing is created', async () => {
    const dataDir = emptyDir()
    const top = await atlas(dataDir, 'import', 'areas', OUTLINE, '--level', 'prefecture')
    expect(top.code, top.err).toBe(0)
    expect(top.out).toContain('→ 1 new, 0 updated')
    const counties = await atlas(dataDir, 'import', 'areas', COUNTIES, '--level', 'county')
    expect(counties.out).not.toContain('Created')
    expect(counties.out).toContain('Committed import 2: 11 areas added')
    expect(areasOf(dataDir).find((a) => a.code === '530600')).toMatchObject({ name: '昭通市', level: 'prefecture', parent: null })
  })

  it('a province is a top level; a code of another level is refused at --level province or prefecture, naming it', async () => {
    const dataDir = emptyDir()
    const outline = JSON.parse(readFileSync(OUTLINE, 'utf8')) as FeatureCollection
    const province = join(dataDir, 'province.geojson')
    writeFileSync(province, JSON.stringify({ ...outline, features: [{ ...outline.features[0], properties: { code: '530000', name: '云南省' } }] }))
    const imported = await atlas(dataDir, 'import', 'areas', province, '--level', 'province')
    expect(imported.code, imported.err).toBe(0)
    expect(areasOf(dataDir)).toMatchObject([{ code: '530000', name: '云南省', level: 'province', parent: null }])

    // Now 530600 finds its province.
    expect((await atlas(dataDir, 'import', 'areas', OUTLINE, '--level', 'prefecture')).code).toBe(0)
    expect(areasOf(dataDir).find((a) => a.code === '530600')?.parent).toBe('530000')

    const wrong = await atlas(dataDir, 'import', 'areas', COUNTIES, '--level', 'prefecture', '--dry-run')
    expect(wrong.out).toContain('rejected 11')
    expect(wrong.out).toContain('✗ 第1个要素：代码 530602 是县级代码，不是市级（市级代码以 00 结尾）')
  })

  it('townships whose county is missing get it as a placeholder, under no parent when the prefecture is missing too', async () => {
    const dataDir = emptyDir()
    const townships = JSON.parse(readFileSync(join(PROJECT_ROOT, 'geodata/5306/townships.geojson'), 'utf8')) as FeatureCollection
    const suijiang = join(dataDir, 'suijiang-townships.geojson')
    writeFileSync(suijiang, JSON.stringify({ ...townships, features: townships.features.filter((f) => f.properties?.parent === '530626') }))
    const { code, out, err } = await atlas(dataDir, 'import', 'areas', suijiang, '--level', 'township')
    expect(code, err).toBe(0)
    expect(out).toMatch(/Created 530626 as the parent of \d+ townships \(it was not in the store; placeholder name “530626（待命名）”\); name it with atlas import areas <its boundary file> --level county/)
    expect(areasOf(dataDir).find((a) => a.code === '530626')).toMatchObject({ level: 'county', parent: null })
  })

  it('the national provinces at z5 (their generalisation crosses rings at 24 of 34): every one repaired, reported and written', async () => {
    const dataDir = emptyDir()
    const reportFile = join(dataDir, 'report.json')
    const { code, out, err } = await atlas(dataDir, 'import', 'areas', join(PROJECT_ROOT, 'geodata/national/provinces.z5.geojson'), '--level', 'province', '--report', reportFile)
    expect(code, err).toBe(0)
    expect(out).toContain('features 34: accepted 10, with warnings 24, rejected 0 → 34 new, 0 updated; 24 repaired (crossing rings or overlapping parts)')
    expect(out).toMatch(/! 第1个要素：边界自相交或各部分重叠，已按自身合并（polyclip-ts union）修复：edges cross at 1 points: \[115\.71087\d*, 39\.56039\d*\]；面积 16466\.825 → 16466\.826 km²/)
    const { report } = JSON.parse(readFileSync(reportFile, 'utf8')) as { report: AreaImportReport }
    const beijing = report.rows.find((r) => r.code === '110000')
    expect(beijing).toMatchObject({ status: 'warning', repair: { problems: [expect.stringMatching(/^edges cross at 1 points/)] } })
    for (const row of report.rows.filter((r) => r.repair)) expect(Math.abs(row.repair!.areaAfterKm2 - row.repair!.areaBeforeKm2) / row.repair!.areaBeforeKm2, row.name!).toBeLessThan(0.01)
    const areas = areasOf(dataDir)
    expect(areas).toHaveLength(34)
    // Edges may meet within a rounding of a vertex (the 1e-7° grid the import rounds to), as the geodata build allows.
    for (const area of areas) expect(validityProblems(area.geometry!, { roundingSlack: 1e-7 }).filter((p) => /cross/.test(p)), area.name).toEqual([])
  })

  it('the help names the levels and the parents rule', async () => {
    const { out } = await atlas(emptyDir(), 'import', 'areas', '--help')
    expect(out).toContain('--level province|prefecture|county|township|village')
    expect(out).toContain('placeholder name')
  })
})
