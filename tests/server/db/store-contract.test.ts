// The store contract, whichever engine: run by the unit project on SQLite and by the postgres project on
// PostgreSQL + PostGIS (tests/server/test-store.ts), so both stores answer the same.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyChain } from '../../../server/audit/chain-verify'
import { copyStore } from '../../../server/db/copy-store'
import { openSqliteDatabase, openSqliteStore } from '../../../server/db/sqlite-store'
import type { Dataset } from '../../../server/db/store'
import type { Area, Scheme, Target, Unit } from '../../../server/shared/domain'
import fixture from '../../fixtures/coverage-small.json'
import { openPostgresDatabase, openPostgresStore } from '../../../server/db/pg/pg-store'
import type { AtlasStore } from '../../../server/db/store'
import { newTestDatabase, openTestStore, seedDemoWithAdmin, testNow, testPostgres } from '../test-store'

const dir = mkdtempSync(join(tmpdir(), 'atlas-contract-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const engine = testPostgres() === null ? 'SQLite' : 'PostgreSQL'

const dataset: Dataset = {
  areas: fixture.areas as Area[],
  schemes: fixture.schemes as Scheme[],
  units: fixture.units as Unit[],
  targets: fixture.targets as Target[],
  inspections: [{ id: 1, unitId: 4, date: '2026-03-02', inspector: '市创建办', findings: '台账完整', followUp: '' }],
}

const note = { actor: 'alice', at: '2026-11-23T09:00:00.000Z', reason: '核对' }

describe(`the store contract on ${engine}`, () => {
  it('loads a dataset in one transaction and answers it in the snapshot', () => {
    const store = openTestStore({ template: 'empty' })
    expect(store.isEmpty()).toBe(true)
    store.loadDataset(dataset, 'test')
    const snapshot = store.snapshot()
    expect(snapshot.areas.map((a) => a.code)).toEqual(['A', 'A1', 'A2', 'B', 'B1', 'B2', 'P'])
    expect(snapshot.units.map((u) => u.name)).toEqual(dataset.units.map((u) => u.name))
    expect(snapshot.units[2].history.map((h) => h.to)).toEqual(['命名', '撤销'])
    expect(snapshot.schemes[0].categories).toEqual(['机关', '学校', '社区'])
    expect(snapshot.targets[0]).toMatchObject({ areaCode: 'A', category: '学校', minLevel: '市级', count: 2 })
    expect(snapshot.inspections).toHaveLength(1)
    expect(store.health()).toMatchObject({ ok: true, integrity: 'ok', units: 8, areas: 7 })
    store.close()
  })

  it('rolls back a dataset that breaks a constraint, leaving the store as it was', () => {
    const store = openTestStore({ template: 'empty' })
    const broken: Dataset = { ...dataset, targets: [{ ...dataset.targets[0], areaCode: 'NOPE' }] }
    expect(() => store.loadDataset(broken, 'test')).toThrow(/foreign key/i)
    expect(store.isEmpty()).toBe(true)
    store.close()
  })

  it('versions unit writes: a stale write changes nothing; the snapshot follows each write', () => {
    const store = openTestStore({ template: 'empty' })
    store.loadDataset(dataset, 'test')
    const before = store.snapshot()
    const created = store.units.create({ ...fieldsOf(dataset.units[0]), name: '新建单位' }, note)
    expect(created.version).toBe(1)
    const after = store.snapshot()
    expect(after.version).toBeGreaterThan(before.version)
    expect(after.units.find((u) => u.id === created.id)?.name).toBe('新建单位')
    const edited = store.units.update(created.id, 1, { name: '改名单位' }, note)
    expect(edited.version).toBe(2)
    expect(() => store.units.update(created.id, 1, { name: '旧版本' }, note)).toThrow(/version 2, not 1/)
    expect(store.snapshot().units.find((u) => u.id === created.id)?.name).toBe('改名单位')
    expect(store.units.changes(created.id).map((c) => c.action)).toEqual(['create', 'edit'])
    store.close()
  })

  it('accounts: one name whatever its case; sessions found by hash', () => {
    const store = openTestStore({ template: 'empty' })
    store.accounts.createUser({ username: 'Zhang', passwordHash: 'scrypt$x', role: 'editor', areaScope: null }, 'test')
    expect(store.accounts.userByName('zhang')?.username).toBe('Zhang')
    expect(() => store.accounts.createUser({ username: 'ZHANG', passwordHash: 'scrypt$y', role: 'viewer', areaScope: null }, 'test')).toThrow(/unique/i)
    store.close()
  })

  it('keeps login throttling state, newest first, at most maxKeys', () => {
    const store = openTestStore({ template: 'empty' })
    const state = store.throttles.keyed<number[]>('contract', 5)
    state.set('10.0.0.1 zhang', [1, 2])
    expect(state.get('10.0.0.1 zhang')).toEqual([1, 2])
    state.set('10.0.0.1 zhang', [1, 2, 3])
    expect(state.get('10.0.0.1 zhang')).toEqual([1, 2, 3])
    state.delete('10.0.0.1 zhang')
    expect(state.get('10.0.0.1 zhang')).toBeUndefined()
    store.close()
  })

  it('chains every write in the audit trail, which verifies', () => {
    const store = openTestStore()
    store.units.create(fieldsOf(store.snapshot().units[0]), note)
    const { start, records } = store.audit.chain()
    const verdict = verifyChain(records, start)
    expect(verdict).toMatchObject({ ok: true })
    store.close()
  })

  it('copies row for row (copy-store): the same snapshot and accounts, a chain that verifies, ids that go on', () => {
    const sourceFile = join(dir, `source-${Date.now()}.sqlite`)
    const source = openSqliteStore(sourceFile, { now: testNow })
    seedDemoWithAdmin(source)
    source.units.create({ ...fieldsOf(source.snapshot().units[0]), name: '复制前新建' }, note)
    const expected = contentOf(source)
    source.close()

    // SQLite: into a second file. PostgreSQL: into a new database.
    const postgres = testPostgres()
    const targetFile = join(dir, `copy-${Date.now()}.sqlite`)
    const targetUrl = postgres === null ? null : newTestDatabase(postgres, 'empty')
    const openTarget = () => (targetUrl === null ? openSqliteDatabase(targetFile) : openPostgresDatabase(targetUrl))
    const from = openSqliteDatabase(sourceFile)
    const target = openTarget()
    const report = copyStore(from.db, target.db)
    target.close()
    expect(report.tables.find((t) => t.name === 'units')?.rows).toBe(expected.units.length)

    const copied = targetUrl === null ? openSqliteStore(targetFile, { now: testNow }) : openPostgresStore(targetUrl, { now: testNow })
    expect(contentOf(copied)).toEqual(expected)
    const { start, records } = copied.audit.chain()
    expect(verifyChain(records, start)).toMatchObject({ ok: true })
    // Ids go on after the copied ones.
    const next = copied.units.create({ ...fieldsOf(expected.units[0]), name: '复制后新建' }, note)
    expect(next.id).toBeGreaterThan(Math.max(...expected.units.map((u) => u.id)))
    copied.close()
    // A second copy into the same store is refused: copy-store never merges.
    const again = openTarget()
    try {
      expect(() => copyStore(from.db, again.db)).toThrow(/not empty: it holds \d+ areas/)
    } finally {
      again.close()
      from.close()
    }
  })
})

/** What a store answers: the snapshot's data and the accounts, without what differs by engine or moment. */
function contentOf(store: AtlasStore) {
  const { areas, units, schemes, targets, inspections } = store.snapshot()
  return { areas, units, schemes, targets, inspections, users: store.accounts.listUsers() }
}

function fieldsOf(unit: Unit) {
  const { id: _id, history: _history, sample: _sample, ...fields } = unit
  return fields
}

