// A snapshot made from the last one after unit writes (withUnits) equals one built whole from the store.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { openSqliteStore } from '../../server/db/sqlite-store'
import type { Snapshot } from '../../server/snapshot'
import { seedDemo } from '../../server/seed/seed-store'

const dir = mkdtempSync(join(tmpdir(), 'atlas-snapshot-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** What the read routes use of a snapshot, in a comparable form. */
function comparable(snapshot: Snapshot) {
  return {
    units: snapshot.units,
    joins: [...snapshot.joins.values()].sort((a, b) => a.unitId - b.unitId),
    unitAreas: [...snapshot.unitAreas].sort((a, b) => a[0] - b[0]),
    joinIssues: [...snapshot.joinIssues].sort((a, b) => a.unitId - b.unitId || a.kind.localeCompare(b.kind)),
    unitsInArea: Object.fromEntries([...snapshot.unitsInArea].sort((a, b) => a[0].localeCompare(b[0])).map(([code, units]) => [code, units.map((u) => u.id)])),
  }
}

describe('withUnits', () => {
  test('edits that move a unit across counties, new units (one outside every area) and workflow steps: the same as a whole rebuild', () => {
    const file = join(dir, 'atlas.sqlite')
    const store = openSqliteStore(file)
    seedDemo(store, '2026-11-23')
    const before = store.snapshot()
    const note = { actor: 'test', at: '2026-11-23T10:00:00.000Z', reason: '' }
    const [a, b] = [before.units.find((u) => before.unitAreas.get(u.id)?.startsWith('530626'))!, before.units.find((u) => before.unitAreas.get(u.id)?.startsWith('530681'))!]
    store.units.update(a.id, store.units.get(a.id)!.version, { lon: b.lon, lat: b.lat, areaCode: b.areaCode }, note)
    const fields = { name: '新单位', category: '学校', level: null, status: '培育' as const, yearNamed: null, address: '', contact: '', notes: '' }
    const inside = store.units.create({ ...fields, lon: a.lon, lat: a.lat, areaCode: a.areaCode }, note)
    store.units.create({ ...fields, lon: 120.5, lat: 30.2, areaCode: null }, note)
    store.units.transition([{ id: inside.id, from: '培育', to: '申报' }], { ...note, document: '' })

    const incremental = store.snapshot()
    expect(incremental.version).toBe(before.version + 1)
    const whole = openSqliteStore(file)
    expect(comparable(incremental)).toEqual(comparable(whole.snapshot()))
    expect(incremental.unitsInArea.get('530681')!.some((u) => u.id === a.id)).toBe(true)
    expect(incremental.unitsInArea.get('530626')!.some((u) => u.id === a.id)).toBe(false)
    expect(incremental.joinIssues.some((i) => i.kind === 'outside-all-areas' && i.unitId > inside.id)).toBe(true)
    whole.close()
    store.close()
  })
})
