// How an import reports progress: the pure pieces (throttle, slices, line count, the shared text and NDJSON
// splitting) and validateUnitFile's phases end to end.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { lineCount } from '../../../server/import/csv'
import { validateUnitFile } from '../../../server/import/index'
import { runInSlices, runToEnd, throttledProgress } from '../../../server/import/progress'
import { ndjsonSplitter, phaseFraction, progressCounts, progressText, type ImportProgress } from '../../../server/shared/import-progress'
import { suijiangContext } from '../../fixtures/import/suijiang-areas'

describe('throttledProgress', () => {
  it('passes each phase’s first and last event, and others at most every intervalMs', () => {
    let clock = 0
    const seen: ImportProgress[] = []
    const report = throttledProgress((p) => seen.push(p), { intervalMs: 100, now: () => clock })
    const at = (ms: number, phase: ImportProgress['phase'], done: number, total: number | null) => {
      clock = ms
      report({ phase, done, total })
    }
    at(0, 'parse', 0, null) // first of parse: passed
    at(50, 'parse', 10, 100) // too soon
    at(120, 'parse', 20, 100) // passed
    at(130, 'parse', 100, 100) // the last: passed however soon
    at(131, 'check', 0, 50) // first of check: passed
    at(140, 'check', 10, 50)
    at(150, 'check', 50, 50)
    expect(seen.map((p) => `${p.phase} ${p.done}`)).toEqual(['parse 0', 'parse 20', 'parse 100', 'check 0', 'check 50'])
  })
})

describe('runInSlices and runToEnd', () => {
  function* count(to: number): Generator<number, string, void> {
    for (let i = 0; i < to; i++) yield i
    return `counted ${to}`
  }

  it('give the generator’s result; runInSlices reports a step at each pause', async () => {
    expect(runToEnd(count(5))).toBe('counted 5')
    let clock = 0
    const steps: number[] = []
    // Every step takes 10 ms on this clock: a 20 ms slice pauses every other step.
    const result = await runInSlices(count(6), (step) => steps.push(step), { sliceMs: 20, now: () => (clock += 10) })
    expect(result).toBe('counted 6')
    expect(steps.length).toBeGreaterThan(0)
    expect(steps).toEqual([...steps].sort((a, b) => a - b))
  })

  it('lets the event loop turn between slices', async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 0)
    function* busy(): Generator<number, void, void> {
      const end = performance.now() + 60
      for (let i = 0; performance.now() < end; i++) yield i
    }
    await runInSlices(busy(), () => {}, { sliceMs: 5 })
    clearInterval(timer)
    expect(ticks).toBeGreaterThan(0)
  })
})

describe('lineCount', () => {
  it('counts lines ended by CRLF, LF or a lone CR, and a last line without an end', () => {
    expect(lineCount('')).toBe(0)
    expect(lineCount('a')).toBe(1)
    expect(lineCount('a\n')).toBe(1)
    expect(lineCount('a\r\nb\rc\nd')).toBe(4)
    expect(lineCount('a\r\n\r\n')).toBe(2)
  })
})

describe('the shared progress text', () => {
  it('fractions, counts and the wizard’s line', () => {
    expect(phaseFraction({ done: 5, total: 20 })).toBe(0.25)
    expect(phaseFraction({ done: 5, total: null })).toBeNull()
    expect(phaseFraction({ done: 0, total: 0 })).toBe(1)
    expect(phaseFraction({ done: 30, total: 20 })).toBe(1)
    expect(progressCounts({ done: 12000, total: 50000 })).toBe('12\u2009000 / 50\u2009000')
    expect(progressCounts({ done: 512, total: null })).toBe('512')
    expect(progressText({ phase: 'check', done: 12000, total: 50000 })).toBe('第 2/3 步 逐行检查：12\u2009000 / 50\u2009000 行（24%）')
    expect(progressText({ phase: 'parse', done: 0, total: null }, '个要素')).toBe('第 1/3 步 读取文件：0 个要素')
  })

  it('splits NDJSON chunks into events, a line cut by a chunk waiting for the next', () => {
    const lines = ndjsonSplitter<{ n: number }>()
    expect(lines.push('{"n":1}\n{"n"')).toEqual([{ n: 1 }])
    expect(lines.push(':2}\n\n{"n":3}')).toEqual([{ n: 2 }])
    expect(lines.end()).toEqual([{ n: 3 }])
    expect(lines.end()).toEqual([])
  })
})

describe('validateUnitFile with progress', () => {
  it('reports parse then check, each ending with done = total, and gives the same report as without', async () => {
    const bytes = () => new Uint8Array(readFileSync(new URL('../../fixtures/import/ledger-utf8-bom.csv', import.meta.url)))
    const events: ImportProgress[] = []
    const withProgress = await validateUnitFile(bytes(), 'ledger.csv', suijiangContext(), {}, (p) => events.push(p))
    const without = await validateUnitFile(bytes(), 'ledger.csv', suijiangContext())
    expect(withProgress).toEqual(without)
    expect(events[0]).toEqual({ phase: 'parse', done: 0, total: null })
    expect(events).toContainEqual({ phase: 'parse', done: 30, total: 30 }) // every row (31 lines: one note spans two), title and footer too
    expect(events).toContainEqual({ phase: 'check', done: 0, total: 28 })
    expect(events.at(-1)).toEqual({ phase: 'check', done: 28, total: 28 }) // the data rows below the header
    expect(events.map((e) => e.phase)).toEqual([...events.map((e) => e.phase)].sort((a, b) => ['parse', 'check'].indexOf(a) - ['parse', 'check'].indexOf(b)))
  })
})
