// Corridors on the SQLite store: migration 4 on a v3 file, CRUD with audit rows, loadDataset's corridors,
// and the cascade that drops a deleted unit out of its corridors without breaking the file.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import fixture from '../../fixtures/coverage-small.json'
import { MIGRATIONS } from '../../../server/db/migrations'
import { migrate, openSqliteStore } from '../../../server/db/sqlite-store'
import type { Dataset, ImportedUnit } from '../../../server/db/store'
import type { Area, Scheme, Target, Unit } from '../../../server/shared/domain'

const LATEST = MIGRATIONS.at(-1)!.version

const dir = mkdtempSync(join(tmpdir(), 'atlas-corridors-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const AT = '2026-11-23T09:00:00.000Z'
const now = () => new Date(AT)

const dataset: Dataset = {
  areas: fixture.areas as Area[],
  schemes: fixture.schemes as Scheme[],
  units: fixture.units as Unit[],
  targets: fixture.targets as Target[],
  inspections: [],
}

function loadedStore(file = ':memory:') {
  const store = openSqliteStore(file, { now })
  store.loadDataset(dataset, 'test')
  return store
}

describe('migration 4', () => {
  test('follows 3 and only adds tables', () => {
    const v4 = MIGRATIONS.find((m) => m.version === 4)
    expect(MIGRATIONS.map((m) => m.version).slice(0, 4)).toEqual([1, 2, 3, 4])
    expect(v4?.sql).toContain('CREATE TABLE corridors')
    expect(v4?.sql).toContain('CREATE TABLE corridor_stops')
    expect(v4?.sql).not.toMatch(/ALTER TABLE|DROP /)
  })

  test('upgrades a v3 file in place: data kept, corridors empty and usable, integrity ok', () => {
    const file = join(dir, 'v3.sqlite')
    const v3 = new Database(file)
    v3.pragma('foreign_keys = ON')
    migrate(v3, MIGRATIONS.filter((m) => m.version <= 3))
    expect(v3.pragma('user_version', { simple: true })).toBe(3)
    v3.prepare("INSERT INTO areas (code, name, level) VALUES ('530626', '绥江县', 'county')").run()
    const insertUnit = v3.prepare(`INSERT INTO units (name, category, level, status, area_code, created_at, updated_at)
        VALUES (?, '学校', '县级', '命名', '530626', ?, ?)`)
    insertUnit.run('中城中学', AT, AT)
    insertUnit.run('新滩民族小学', AT, AT)
    expect(v3.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'corridor%'").all()).toEqual([])
    v3.close()

    const store = openSqliteStore(file, { now })
    expect(store.health()).toMatchObject({ ok: true, schemaVersion: LATEST, integrity: 'ok', units: 2, areas: 1 })
    expect(store.snapshot().units.map((u) => u.name)).toEqual(['中城中学', '新滩民族小学'])
    expect(store.corridors.list()).toEqual([])
    const created = store.corridors.create({ name: '县城示范街区', note: '', unitIds: [2, 1] }, 'alice')
    expect(created.unitIds).toEqual([2, 1])
    store.close()

    const db = new Database(file)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST)
    const columns = (table: string) => (db.pragma(`table_info(${table})`) as { name: string; notnull: number; pk: number }[]).map((c) => [c.name, c.notnull, c.pk])
    expect(columns('corridors')).toEqual([['id', 0, 1], ['name', 1, 0], ['note', 1, 0], ['sample', 1, 0], ['updated_at', 1, 0], ['updated_by', 1, 0]])
    expect(columns('corridor_stops')).toEqual([['corridor_id', 1, 1], ['position', 1, 2], ['unit_id', 1, 0]])
    expect(db.pragma('foreign_key_check')).toEqual([])
    db.close()
  })

  test('a store already at v4 opens without running it again', () => {
    const file = join(dir, 'v4.sqlite')
    const first = loadedStore(file)
    first.corridors.create({ name: '甲乙走廊', note: '', unitIds: [1, 4] }, 'alice')
    first.close()
    const again = openSqliteStore(file, { now })
    expect(again.corridors.list().map((c) => c.name)).toEqual(['甲乙走廊'])
    again.close()
  })
})

describe('store.corridors', () => {
  test('creates, reads, lists, updates and deletes; stops keep their order', () => {
    const store = loadedStore()
    expect(store.corridors.list()).toEqual([])
    const a = store.corridors.create({ name: '甲县走廊', note: '沿河', unitIds: [7, 1, 2] }, 'alice')
    expect(a).toEqual({ id: 1, name: '甲县走廊', note: '沿河', sample: false, unitIds: [7, 1, 2], updatedAt: AT, updatedBy: 'alice' })
    const b = store.corridors.create({ name: '乙县走廊', note: '', unitIds: [5, 4] }, 'bob')
    expect(store.corridors.get(a.id)).toEqual(a)
    expect(store.corridors.list().map((c) => [c.id, c.unitIds])).toEqual([[a.id, [7, 1, 2]], [b.id, [5, 4]]])

    const updated = store.corridors.update(a.id, { name: '甲县新走廊', note: '', unitIds: [2, 8] }, 'carol')
    expect(updated).toMatchObject({ id: a.id, name: '甲县新走廊', note: '', unitIds: [2, 8], updatedBy: 'carol', sample: false })
    expect(store.corridors.update(99, { name: 'x', note: '', unitIds: [1, 2] }, 'carol')).toBeNull()

    expect(store.corridors.delete(b.id, 'dave')).toBe(true)
    expect(store.corridors.delete(b.id, 'dave')).toBe(false)
    expect(store.corridors.get(b.id)).toBeNull()
    expect(store.corridors.list().map((c) => c.id)).toEqual([a.id])
    store.close()
  })

  test('never reuses the id of a deleted corridor, so the audit log and old links name one corridor', () => {
    const store = loadedStore()
    const first = store.corridors.create({ name: '旧走廊', note: '', unitIds: [1, 2] }, 'alice')
    store.corridors.delete(first.id, 'alice')
    const second = store.corridors.create({ name: '新走廊', note: '', unitIds: [1, 2] }, 'alice')
    expect(second.id).toBeGreaterThan(first.id)
    expect(store.corridors.get(first.id)).toBeNull()
    store.close()
  })

  test('writes each change to the audit log with its actor, before and after', () => {
    const store = loadedStore()
    const created = store.corridors.create({ name: '甲县走廊', note: '', unitIds: [1, 2] }, 'alice')
    store.corridors.update(created.id, { name: '甲县走廊', note: '改线', unitIds: [2, 1, 7] }, 'bob')
    store.corridors.delete(created.id, 'carol')
    store.corridors.delete(created.id, 'carol') // nothing to delete: no audit row
    const entries = store.audit.list({ limit: 10, entity: 'corridor' }).reverse()
    expect(entries.map((e) => [e.actor, e.action, e.entityId])).toEqual([
      ['alice', 'create', String(created.id)],
      ['bob', 'update', String(created.id)],
      ['carol', 'delete', String(created.id)],
    ])
    expect(entries[0].before).toBeNull()
    expect(entries[0].after).toMatchObject({ name: '甲县走廊', unitIds: [1, 2] })
    expect(entries[1].before).toMatchObject({ unitIds: [1, 2], note: '' })
    expect(entries[1].after).toMatchObject({ unitIds: [2, 1, 7], note: '改线' })
    expect(entries[2].after).toBeNull()
    store.close()
  })

  test('refuses a stop that is not a unit, changing nothing', () => {
    const store = loadedStore()
    expect(() => store.corridors.create({ name: '坏走廊', note: '', unitIds: [1, 999] }, 'alice')).toThrow(/FOREIGN KEY/)
    expect(store.corridors.list()).toEqual([])
    expect(store.audit.list({ limit: 10, entity: 'corridor' })).toEqual([])
    store.close()
  })
})

describe('loadDataset with corridors', () => {
  test('maps the dataset’s unit ids to the stored ones and marks sample corridors', () => {
    const store = openSqliteStore(':memory:', { now })
    // Ids in a dataset are its own: the store numbers units anew (101…108 here are stored as 1…8).
    const shifted: Dataset = {
      ...dataset,
      units: dataset.units.map((u) => ({ ...u, id: u.id + 100 })),
      corridors: [{ name: '示例：甲乙走廊', note: '示例', sample: true, unitIds: [108, 101, 104] }],
    }
    store.loadDataset(shifted, 'demo-seed')
    const [corridor] = store.corridors.list()
    expect(corridor).toMatchObject({ name: '示例：甲乙走廊', sample: true, updatedBy: 'demo-seed' })
    const names = new Map(store.snapshot().units.map((u) => [u.id, u.name]))
    expect(corridor.unitIds.map((id) => names.get(id))).toEqual(['甲县民族宗教事务局', '甲一镇中心小学', '乙一镇团结社区'])
    expect(store.audit.list({ limit: 1 })[0].after).toMatchObject({ units: 8, corridors: 1 })
    store.close()
  })

  test('a dataset without corridors loads as before', () => {
    const store = loadedStore()
    expect(store.corridors.list()).toEqual([])
    expect(store.audit.list({ limit: 1 })[0].after).toMatchObject({ units: 8, corridors: 0 })
    store.close()
  })

  test('a corridor naming a unit outside the dataset rolls the whole load back', () => {
    const store = openSqliteStore(':memory:', { now })
    const broken: Dataset = { ...dataset, corridors: [{ name: '坏', note: '', sample: true, unitIds: [1, 42] }] }
    expect(() => store.loadDataset(broken, 'test')).toThrow('corridor "坏" refers to unit 42, which is not in the dataset')
    expect(store.isEmpty()).toBe(true)
    store.close()
  })
})

describe('a deleted unit drops out of its corridors', () => {
  const imported = (name: string): ImportedUnit => ({
    name,
    category: '学校',
    level: '县级',
    status: '命名',
    yearNamed: 2024,
    lon: null,
    lat: null,
    areaCode: 'A1',
    address: '',
    contact: '',
    notes: '',
    sample: false,
    externalId: null,
    updates: null,
  })

  test('rolling back the import that added it removes its stop; the others stay in order; the file checks clean', () => {
    const file = join(dir, 'cascade.sqlite')
    const store = loadedStore(file)
    const batch = store.imports.commitUnits([imported('甲一镇新学校'), imported('甲一镇另一所学校')], {
      fileName: 'new.csv',
      options: {},
      report: {},
      actor: 'alice',
    })
    const ids = store.snapshot().units.filter((u) => u.name.startsWith('甲一镇新') || u.name.startsWith('甲一镇另')).map((u) => u.id)
    expect(ids).toHaveLength(2)
    const corridor = store.corridors.create({ name: '甲一镇走廊', note: '', unitIds: [1, ids[0], 2, ids[1]] }, 'alice')
    const untouched = store.corridors.create({ name: '乙县走廊', note: '', unitIds: [4, 5] }, 'alice')

    store.imports.rollback(batch.id, 'admin')
    expect(store.snapshot().units.some((u) => ids.includes(u.id))).toBe(false)
    expect(store.corridors.get(corridor.id)?.unitIds).toEqual([1, 2])
    expect(store.corridors.get(untouched.id)?.unitIds).toEqual([4, 5])
    // The remaining stops keep their positions (with a gap); a later update renumbers them.
    expect(store.corridors.update(corridor.id, { name: '甲一镇走廊', note: '', unitIds: [2, 1] }, 'alice')?.unitIds).toEqual([2, 1])
    expect(store.health()).toMatchObject({ ok: true, integrity: 'ok' })
    store.close()

    const db = new Database(file)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.prepare('SELECT count(*) AS n FROM corridor_stops WHERE unit_id NOT IN (SELECT id FROM units)').get()).toEqual({ n: 0 })
    db.close()
  })

  test('a corridor may lose every stop; it is still listed and can be deleted', () => {
    const store = loadedStore()
    const batch = store.imports.commitUnits([imported('甲一镇甲校'), imported('甲一镇乙校')], { fileName: 'two.csv', options: {}, report: {}, actor: 'alice' })
    const ids = store.snapshot().units.filter((u) => u.name === '甲一镇甲校' || u.name === '甲一镇乙校').map((u) => u.id)
    const corridor = store.corridors.create({ name: '只有新学校', note: '', unitIds: ids }, 'alice')
    store.imports.rollback(batch.id, 'admin')
    expect(store.corridors.get(corridor.id)?.unitIds).toEqual([])
    expect(store.corridors.delete(corridor.id, 'admin')).toBe(true)
    store.close()
  })
})
