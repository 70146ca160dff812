// atlas digest on a data dir holding the hand-made ledger of the alert tests: the alerts as of a day and what
// changed in the period, as JSON and as Markdown, for the public unless --full; its errors name the option.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Digest } from '../../../server/alerts/digest'
import { runCli } from '../../../server/cli/main'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import { STORE_FILE } from '../../../server/open-store'
import { AS_OF, dataset } from '../alerts/alert-fixture'

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-digest-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
const seeded = openSqliteStore(join(dataDir, STORE_FILE))
seeded.loadDataset(dataset, 'test')
seeded.close()

async function atlas(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir } })
  return { code, out, err }
}

describe('atlas digest', () => {
  it('gives the alerts and the period’s namings, status changes and visits as JSON, as the public sees them', async () => {
    const { code, out, err } = await atlas('digest', '--area', '530626', '--since', '2021-01-01', '--as-of', AS_OF, '--format', 'json')
    expect(code, err).toBe(0)
    const digest = JSON.parse(out) as Digest
    expect(digest).toMatchObject({ area: { code: '530626', name: '绥江县' }, since: '2021-01-01', asOf: AS_OF, withheldInspections: 1 })
    expect(digest.namings).toEqual([
      { date: '2021-09-30', unitId: 1, name: '中城镇中学', category: '学校', areaName: '中城镇', from: '验收', to: '命名', level: '国家级' },
    ])
    expect(digest.statusChanges.map((c) => [c.date, c.name, c.from, c.to])).toEqual([
      ['2025-01-10', '县民宗局', null, '培育'],
      ['2025-06-01', '县人民医院', '命名', '复查'],
    ])
    expect(digest.inspections.map((i) => [i.date, i.name])).toEqual([
      ['2026-01-15', '县人民医院'],
      ['2026-02-01', '中城镇中学'],
      ['2026-05-15', '县人民医院'],
      ['2026-06-01', '中城镇中学'],
    ])
    expect(digest.alerts.alerts.map((a) => a.id)).toContain('target-behind:target:1:2027-12-31')
    expect(digest.alerts.withheld).toBe(1)
    expect(out).not.toContain('南岸清真寺')
  })

  it('writes a Markdown document; a period with no change says so; --full names every unit', async () => {
    const file = join(dataDir, '周报.md')
    const { code, err } = await atlas('digest', '--area', '530626', '--since', '2026-07-01', '--as-of', AS_OF, '--out', file)
    expect(code, err).toBe(0)
    expect(err).toContain(`Wrote the digest of 绥江县 (2026-07-01 to ${AS_OF}: 3 alerts, 0 namings, 0 other status changes, 0 visits) to ${file}`)
    const md = readFileSync(file, 'utf8')
    expect(md).toContain('# 绥江县民族团结进步创建工作周报')
    expect(md).toContain('统计区间：2026-07-01 至 2026-08-01')
    expect(md).toContain('### 命名复查（2）\n\n- 【紧急】宗教活动场所（不公开） 的国家级命名已于 2025-03-01 满 5 年，尚未复查（绥江县）')
    expect(md).toContain('### 新命名（0）\n\n无。')
    expect(md).toContain('### 完成督导（0）\n\n无。')
    expect(md).toContain('按公开范围，涉及不公开类别单位的 1 条内容未列出')
    expect(md).not.toContain('南岸清真寺')

    const full = await atlas('digest', '--area', '530626', '--since', '2020-01-01', '--as-of', AS_OF, '--full')
    expect(full.out).toContain('| 2020-03-01 | 南岸清真寺 | 宗教活动场所 | 国家级 | 绥江县 |')
    expect(full.out).toContain('整改逾期（1）')
  })

  it('names a missing or bad option and an unknown area; --help explains', async () => {
    expect((await atlas('digest', '--area', '530626')).err).toContain('atlas digest: --since: missing (expected the first day of the period')
    expect((await atlas('digest', '--area', '530626', '--since', '2026-13-01')).err).toContain('--since: "2026-13-01" is not valid (expected a date yyyy-mm-dd')
    expect((await atlas('digest', '--area', '530626', '--since', '2026-08-02', '--as-of', AS_OF)).err).toContain('--since 2026-08-02 is after 2026-08-01')
    const unknown = await atlas('digest', '--area', '530699', '--since', '2026-07-01')
    expect([unknown.code, unknown.err]).toEqual([2, 'atlas digest: --area 530699 is not an area in the store\n'])
    expect((await atlas('digest', '--since', '2026-07-01', '--format', 'docx')).err).toMatch(/--area: missing .*; --format: "docx" is not valid \(expected md or json\)/)
    const help = await atlas('digest', '--help')
    expect(help.code).toBe(0)
    expect(help.out).toContain('Usage: atlas digest --area CODE --since YYYY-MM-DD')
    expect((await atlas('--help')).out).toContain('digest')
  })
})
