// Creation targets on the SQLite store: create, update and remove, each audited with the target before and
// after, and each reaching the snapshot (and so coverage) at once.
import { describe, expect, test } from 'vitest'
import fixture from '../../fixtures/coverage-small.json'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import type { Dataset } from '../../../server/db/store'
import type { Area, Scheme, Target, Unit } from '../../../server/shared/domain'

const AT = '2026-11-23T09:00:00.000Z'

const dataset: Dataset = {
  areas: fixture.areas as Area[],
  schemes: fixture.schemes as Scheme[],
  units: fixture.units as Unit[],
  targets: fixture.targets as Target[],
  inspections: [],
}

function loadedStore() {
  const store = openSqliteStore(':memory:', { now: () => new Date(AT) })
  store.loadDataset(dataset, 'test')
  return store
}

const SCHOOLS_IN_B = { areaCode: 'B', schemeId: 'toy', category: '学校', minLevel: '县级', count: 3, dueYear: 2027, note: '示范学校3所' } as const

describe('the target repository', () => {
  test('lists the loaded targets by id and gets one; an unknown id is null', () => {
    const store = loadedStore()
    expect(store.targets.list()).toEqual(fixture.targets)
    expect(store.targets.get(2)).toEqual(fixture.targets[1])
    expect(store.targets.get(99)).toBeNull()
    store.close()
  })

  test('create: a new id, the row as stored, an audit row with no before, and the snapshot holds it', () => {
    const store = loadedStore()
    const before = store.snapshot()
    const created = store.targets.create(SCHOOLS_IN_B, 'alice')
    expect(created).toEqual({ id: 3, ...SCHOOLS_IN_B })
    expect(store.targets.get(3)).toEqual(created)
    expect(store.audit.list({ limit: 1, entity: 'target' })).toMatchObject([
      { id: expect.any(Number), at: AT, actor: 'alice', action: 'create', entity: 'target', entityId: '3', before: null, after: created },
    ])
    expect(store.snapshot()).not.toBe(before)
    expect(store.snapshot().targets).toContainEqual(created)
    store.close()
  })

  test('update: only the fields given change; the audit row holds the target before and after', () => {
    const store = loadedStore()
    const original = store.targets.get(1)!
    const updated = store.targets.update(1, { count: 4, note: '提高到4所', minLevel: undefined }, 'bob')
    expect(updated).toEqual({ ...original, count: 4, note: '提高到4所' })
    const [entry] = store.audit.list({ limit: 1, entity: 'target' })
    expect(entry).toMatchObject({ actor: 'bob', action: 'update', entityId: '1', before: original, after: updated })
    expect(store.snapshot().targets.find((t) => t.id === 1)).toEqual(updated)

    const cleared = store.targets.update(1, { category: null, minLevel: null, schemeId: 'toy' }, 'bob')
    expect(cleared).toMatchObject({ category: null, minLevel: null, schemeId: 'toy', count: 4 })
    expect(store.targets.update(99, { count: 1 }, 'bob')).toBeNull()
    expect(store.audit.list({ limit: 10, entity: 'target' })).toHaveLength(2) // nothing written for the unknown id
    store.close()
  })

  test('remove: the target is gone, the audit row holds it before and nothing after; a second remove is false', () => {
    const store = loadedStore()
    const original = store.targets.get(2)!
    expect(store.targets.remove(2, 'carol')).toBe(true)
    expect(store.targets.get(2)).toBeNull()
    expect(store.snapshot().targets.map((t) => t.id)).toEqual([1])
    expect(store.audit.list({ limit: 1, entity: 'target' })[0]).toMatchObject({ actor: 'carol', action: 'delete', entityId: '2', before: original, after: null })
    expect(store.targets.remove(2, 'carol')).toBe(false)
    expect(store.audit.list({ limit: 10, entity: 'target' })).toHaveLength(1)
    store.close()
  })

  test('the table still refuses what the route would have: an unknown area or a negative count changes nothing', () => {
    const store = loadedStore()
    expect(() => store.targets.create({ ...SCHOOLS_IN_B, areaCode: 'Z' }, 'alice')).toThrow(/FOREIGN KEY/)
    expect(() => store.targets.update(1, { count: -1 }, 'alice')).toThrow(/CHECK/)
    expect(store.targets.list()).toEqual(fixture.targets)
    expect(store.audit.list({ limit: 10, entity: 'target' })).toEqual([])
    store.close()
  })
})

describe('target ids', () => {
  test('a deleted target’s id is never given to a new one (migration 8: AUTOINCREMENT)', () => {
    const store = loadedStore()
    const last = store.targets.create(SCHOOLS_IN_B, 'alice')
    store.targets.remove(last.id, 'alice')
    expect(store.targets.create(SCHOOLS_IN_B, 'alice').id).toBe(last.id + 1)
    store.close()
  })
})
