// `atlas import`'s progress on stderr: a bar redrawn in place on a terminal, plain lines into a pipe or file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importProgressOutput, plainProgressLine, progressLine } from '../../../server/cli/import-progress'
import { runCli } from '../../../server/cli/main'
import { PROJECT_ROOT } from '../../../server/paths'

const ESC = '\x1b'

describe('progressLine', () => {
  it('draws the phase, a bar, the counts and the percentage in the width it is given (golden)', () => {
    expect(progressLine('check', 12000, 50000, 60)).toBe('checking [======>                  ] 12,000/50,000 rows  24%')
    expect(progressLine('check', 50000, 50000, 60)).toBe('checking [=========================] 50,000/50,000 rows 100%')
    expect(progressLine('parse', 0, 3001, 50)).toBe('parsing  [>                    ] 0/3,001 rows   0%')
    expect(progressLine('write', 7, 7, 40, 'features')).toBe('writing  [===========] 7/7 features 100%')
    expect(progressLine('write', 7, 7, 30, 'features')).toBe('writing  7/7 features 100%') // too narrow for a bar
    expect(progressLine('parse', 12345, null, 60)).toBe('parsing  12,345 rows') // no total yet: no bar
    for (const width of [20, 40, 60, 80, 120]) expect(progressLine('check', 1234, 5678, width).length).toBeLessThanOrEqual(width)
  })

  it('has a plain form for pipes and files', () => {
    expect(plainProgressLine('check', 12000, 50000)).toBe('checking: 12,000/50,000 rows (24%)')
    expect(plainProgressLine('parse', 17, null)).toBe('parsing: 17 rows')
  })
})

describe('importProgressOutput', () => {
  it('on a terminal: redraws in place, ends each phase with a newline, and end() closes a bar left open', () => {
    let written = ''
    const output = importProgressOutput({ err: () => { throw new Error('not for a terminal') }, stderrTty: { write: (t) => (written += t), columns: 61 } })
    output.onProgress({ phase: 'parse', done: 0, total: null })
    output.onProgress({ phase: 'parse', done: 30, total: 30 })
    output.onProgress({ phase: 'check', done: 0, total: 28 })
    output.end()
    expect(written).toBe(
      `\rparsing  0 rows${ESC}[K` +
        `\rparsing  [=================================] 30/30 rows 100%${ESC}[K\n` +
        `\rchecking [>                                 ] 0/28 rows   0%${ESC}[K` +
        '\n',
    )
  })

  it('elsewhere: plain lines only, never an escape code or a carriage return', () => {
    const lines: string[] = []
    const output = importProgressOutput({ err: (t) => lines.push(t) })
    output.onProgress({ phase: 'parse', done: 0, total: null })
    output.onProgress({ phase: 'parse', done: 30, total: 30 })
    output.onProgress({ phase: 'check', done: 0, total: 28 })
    output.onProgress({ phase: 'check', done: 5, total: 28 }) // within 5 s of the phase's start: not printed
    output.onProgress({ phase: 'check', done: 28, total: 28 })
    output.end()
    expect(lines).toEqual(['parsing: 30/30 rows (100%)\n', 'checking: 28/28 rows (100%)\n'])
  })
})

describe('atlas import units: progress on stderr, the report alone on stdout', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-cli-progress-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
  const ledger = join(PROJECT_ROOT, 'tests/fixtures/import/ledger-utf8-bom.csv')

  it('into a pipe: plain lines on stderr', async () => {
    let out = ''
    let err = ''
    const code = await runCli(['import', 'units', ledger, '--dry-run'], { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir } })
    expect(code, err).toBe(0)
    expect(err).toContain('parsing: 30/30 rows (100%)\n')
    expect(err).toContain('checking: 28/28 rows (100%)\n')
    expect(err).not.toContain(ESC)
    expect(err).not.toContain('\r')
    expect(out).not.toContain('checking')
    expect(out).toContain('Dry run: nothing was written.')
  })

  it('on a terminal: the bar, each phase on its own line, and rejected rows named in the report', async () => {
    let out = ''
    let tty = ''
    const code = await runCli(['import', 'units', ledger], {
      out: (t) => (out += t),
      err: () => {},
      env: { ATLAS_DATA_DIR: dataDir },
      stderrTty: { write: (t) => (tty += t), columns: 80 },
    })
    expect(code).toBe(0)
    expect(tty).toContain(`\rchecking [${'='.repeat(52)}] 28/28 rows 100%${ESC}[K\n`) // 79 columns: one spare
    expect(tty).toMatch(/\rwriting {2}\[=+\] (\d+)\/\1 rows 100%\x1b\[K\n$/)
    expect(out).toMatch(/✗ 第14行（中城镇第二小学）：经度 1041\.2 超出范围/)
  })
})

describe('atlas import units: a ledger with Chinese-numeral years', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-cli-years-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('reads 二〇二一年 and full-width years, and names a bad one', async () => {
    const ledger = join(dataDir, 'years.csv')
    writeFileSync(ledger, '单位名称,类别,命名级别,命名年份,行政区划代码\n甲校,学校,县级,二〇二一年,530626101\n乙校,学校,县级,２０２１,530626101\n丙校,学校,县级,二〇二,530626101\n')
    let out = ''
    const code = await runCli(['import', 'units', ledger, '--dry-run', '--report', join(dataDir, 'r.json')], { out: (t) => (out += t), err: () => {}, env: { ATLAS_DATA_DIR: dataDir } })
    expect(code).toBe(0)
    expect(out).toContain('accepted 2')
    expect(out).toContain('✗ 第4行（丙校）：命名年份“二〇二”无法识别（应为 4 位年份，如 2021、2021年、二〇二一年、2021-05-01）')
  })
})
