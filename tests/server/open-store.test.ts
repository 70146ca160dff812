// Starting a data dir: the demo, the shipped real boundaries alone, or nothing; every store has the built-in
// schemes, and a store started empty can still take the demo later.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { readConfig } from '../../server/config'
import { openDataDirStore } from '../../server/open-store'
import { SHIPPED_SCHEMES } from '../../server/seed/schemes'

const root = mkdtempSync(join(tmpdir(), 'atlas-open-store-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function opened(dir: string, demo: string, env: Record<string, string> = {}) {
  const logs: string[] = []
  const store = openDataDirStore(readConfig({ ATLAS_DATA_DIR: join(root, dir), ATLAS_DEMO: demo, ...env }), (m) => logs.push(m))
  return { store, logs }
}

describe('openDataDirStore', () => {
  test('ATLAS_DEMO=0: no areas, no units, but the built-in schemes; the demo can still be seeded later', () => {
    const { store, logs } = opened('none', '0')
    const snapshot = store.snapshot()
    expect(snapshot.areas).toEqual([])
    expect(snapshot.units).toEqual([])
    expect(snapshot.schemes.map((s) => s.id)).toEqual(SHIPPED_SCHEMES.map((s) => s.id))
    expect(logs.join('\n')).toContain('Added the built-in schemes')
    store.close()
    const again = opened('none', '1')
    expect(again.store.snapshot().units.length).toBeGreaterThan(400)
    expect(again.store.snapshot().schemes).toHaveLength(SHIPPED_SCHEMES.length)
    again.store.close()
  })

  test('ATLAS_DEMO=boundaries: 云南省, 昭通市 and its 11 counties with their real boundaries, nothing invented', () => {
    const { store, logs } = opened('boundaries', 'boundaries')
    const { areas, units, targets, schemes } = store.snapshot()
    expect(areas.map((a) => a.level)).toEqual(['province', 'prefecture', ...Array(11).fill('county')])
    expect(areas.some((a) => a.schematic || a.populationIsSample || a.population !== null)).toBe(false)
    expect(areas.filter((a) => a.geometry !== null)).toHaveLength(12)
    expect(units).toEqual([])
    expect(targets).toEqual([])
    expect(schemes).toHaveLength(SHIPPED_SCHEMES.length)
    expect(logs.join('\n')).toContain('Loaded the shipped boundaries of 昭通市')
    store.close()
  })

  test('ATLAS_DEMO=national: the country, its provinces, prefectures and counties, and ATLAS_DEMO_UNITS sample units', () => {
    const { store, logs } = opened('national', 'national', { ATLAS_DEMO_UNITS: '500' })
    const { areas, units } = store.snapshot()
    expect(areas.filter((a) => a.level === 'country').map((a) => a.code)).toEqual(['000000'])
    expect(areas.filter((a) => a.level === 'province')).toHaveLength(34)
    expect(units).toHaveLength(500)
    expect(units.every((u) => u.sample)).toBe(true)
    expect(logs.join('\n')).toContain('Seeded the national demo (示例数据)')
    store.close()
  })

  test('a store that has data is never seeded again', () => {
    const first = opened('full', '1')
    const count = first.store.snapshot().units.length
    first.store.close()
    const second = opened('full', '1')
    expect(second.store.snapshot().units).toHaveLength(count)
    expect(second.logs).toEqual([])
    second.store.close()
  })

  test('a bad ATLAS_DEMO names the modes', () => {
    expect(() => readConfig({ ATLAS_DEMO: 'maybe' })).toThrow('ATLAS_DEMO=maybe is not a demo mode (expected 1 or full, boundaries, national, 0 or none)')
  })
})
