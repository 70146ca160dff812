// Inspections (督导) on the SQLite store: migration 7 on a v6 file keeps the old rows (inspector → inspectors),
// and the repository creates, reads, lists and updates with a version, audit rows before and after, and a
// fresh snapshot after every write.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import fixture from '../../fixtures/coverage-small.json'
import { MIGRATIONS } from '../../../server/db/migrations'
import { migrate, openSqliteStore } from '../../../server/db/sqlite-store'
import type { Dataset, InspectionFields } from '../../../server/db/store'
import { DomainError } from '../../../server/domain-error'
import type { Area, Scheme, Target, Unit } from '../../../server/shared/domain'

const dir = mkdtempSync(join(tmpdir(), 'atlas-inspections-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const AT = '2026-11-23T09:00:00.000Z'
const now = () => new Date(AT)

const dataset: Dataset = {
  areas: fixture.areas as Area[],
  schemes: fixture.schemes as Scheme[], // no visitsPerYear: the column's default
  units: fixture.units as Unit[],
  targets: fixture.targets as Target[],
  inspections: [{ id: 1, unitId: 4, date: '2026-03-02', inspector: '市创建办', findings: '台账完整', followUp: '' }],
}

function loadedStore() {
  const store = openSqliteStore(':memory:', { now })
  store.loadDataset(dataset, 'test')
  return store
}

const NEW: Omit<InspectionFields, 'followUpClosedAt'> = {
  unitId: 1,
  date: '2026-10-12',
  inspectors: ['张三', '李四'],
  checklist: [
    { item: '宣传教育', result: '达标', note: '' },
    { item: '阵地建设', result: '基本达标', note: '宣传栏内容陈旧' },
  ],
  rating: '良好',
  findings: '活动常态化开展',
  followUp: '更新宣传栏',
  followUpDue: '2026-11-12',
}

describe('migration 7', () => {
  test('follows 6 and widens inspections and schemes without rebuilding a table', () => {
    const v7 = MIGRATIONS.find((m) => m.version === 7)
    const versions = MIGRATIONS.map((m) => m.version)
    expect(versions.slice(0, versions.indexOf(7) + 1)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(v7?.sql).toContain('ALTER TABLE inspections ADD COLUMN inspectors')
    expect(v7?.sql).toContain('ALTER TABLE schemes ADD COLUMN visits_per_year')
    expect(v7?.sql).not.toMatch(/DROP TABLE|CREATE TABLE/)
  })

  test('upgrades a v6 file in place: old inspections kept, their inspector as the one inspector, version 1', () => {
    const file = join(dir, 'v6.sqlite')
    const v6 = new Database(file)
    v6.pragma('foreign_keys = ON')
    migrate(v6, MIGRATIONS.filter((m) => m.version < 7))
    v6.prepare("INSERT INTO areas (code, name, level) VALUES ('530626', '绥江县', 'county')").run()
    v6.prepare("INSERT INTO schemes (id, name, is_default) VALUES ('qijin', '七进', 1)").run()
    v6.prepare("INSERT INTO units (id, name, category, level, status, area_code, created_at, updated_at) VALUES (1, '中城中学', '学校', '省级', '命名', '530626', ?, ?)").run(AT, AT)
    const insert = v6.prepare('INSERT INTO inspections (unit_id, date, inspector, findings, follow_up) VALUES (1, ?, ?, ?, ?)')
    insert.run('2025-04-01', '市民宗局督导组', '宣传阵地需更新', '一个月内整改到位')
    insert.run('2025-09-15', '', '', '')
    v6.close()

    const store = openSqliteStore(file, { now })
    try {
      expect(store.health()).toMatchObject({ ok: true, integrity: 'ok', schemaVersion: MIGRATIONS.at(-1)!.version })
      const [first, second] = store.inspections.list().reverse()
      expect(first).toEqual({
        id: first.id,
        unitId: 1,
        date: '2025-04-01',
        inspector: '市民宗局督导组',
        inspectors: ['市民宗局督导组'],
        findings: '宣传阵地需更新',
        followUp: '一个月内整改到位',
        checklist: [],
        rating: null,
        followUpDue: null,
        followUpClosedAt: null,
        followUpClosedBy: '',
        createdBy: '',
        createdAt: null,
        version: 1,
        clientId: null,
        gps: null,
        photos: [],
      })
      expect(second).toMatchObject({ date: '2025-09-15', inspector: '', inspectors: [] })
      expect(store.snapshot().schemes).toMatchObject([{ id: 'qijin', visitsPerYear: 3 }])
      expect(store.snapshot().inspections.map((i) => i.date)).toEqual(['2025-04-01', '2025-09-15'])
      // An old row takes writes like a new one.
      const closed = store.inspections.update(first.id, 1, { followUpClosedAt: '2025-05-01' }, 'admin')
      expect(closed).toMatchObject({ version: 2, followUpClosedAt: '2025-05-01', followUpClosedBy: 'admin', inspector: '市民宗局督导组' })
    } finally {
      store.close()
    }
  })

  test('a rating outside the four is refused by the table itself', () => {
    const file = join(dir, 'check.sqlite')
    openSqliteStore(file).close()
    const db = new Database(file)
    db.prepare("INSERT INTO areas (code, name, level) VALUES ('530626', '绥江县', 'county')").run()
    db.prepare("INSERT INTO units (id, name, category, status, created_at, updated_at) VALUES (1, '中城中学', '学校', '命名', ?, ?)").run(AT, AT)
    expect(() => db.prepare("INSERT INTO inspections (unit_id, date, inspector, rating) VALUES (1, '2026-01-01', '张三', '很好')").run()).toThrow(/CHECK/)
    db.close()
  })
})

describe('loadDataset', () => {
  test('an inspection as migration 1 knew it: one inspector, created by the loading actor, version 1; schemes visit 3 times', () => {
    const store = loadedStore()
    const [loaded] = store.snapshot().inspections
    expect(loaded).toMatchObject({ unitId: 4, inspector: '市创建办', inspectors: ['市创建办'], checklist: [], rating: null, createdBy: 'test', createdAt: AT, version: 1 })
    expect(store.snapshot().schemes.map((s) => s.visitsPerYear)).toEqual([3])
    store.close()
  })
})

describe('the inspection repository', () => {
  test('create: every field kept, inspector joined with 、, audited, and in the next snapshot', () => {
    const store = loadedStore()
    const before = store.snapshot()
    const created = store.inspections.create(NEW, 'suijiang')
    expect(created).toEqual({
      ...NEW,
      id: created.id,
      inspector: '张三、李四',
      followUpClosedAt: null,
      followUpClosedBy: '',
      createdBy: 'suijiang',
      createdAt: AT,
      version: 1,
      clientId: null,
      gps: null,
      photos: [],
    })
    expect(store.inspections.get(created.id)).toEqual(created)
    expect(store.snapshot()).not.toBe(before)
    expect(store.snapshot().inspections).toContainEqual(created)
    expect(store.audit.list({ limit: 5, entity: 'inspection' })).toMatchObject([{ actor: 'suijiang', action: 'create', entityId: String(created.id), before: null, after: created }])
    store.close()
  })

  test('list: newest first, by units and dates', () => {
    const store = loadedStore()
    const a = store.inspections.create({ ...NEW, date: '2026-02-01' }, 't')
    const b = store.inspections.create({ ...NEW, unitId: 2, date: '2026-06-01' }, 't')
    const c = store.inspections.create({ ...NEW, date: '2026-06-01' }, 't')
    const old = store.inspections.list({ unitIds: [4] })[0]
    expect(store.inspections.list().map((i) => i.id)).toEqual([c.id, b.id, old.id, a.id])
    expect(store.inspections.list({ unitIds: [1] }).map((i) => i.id)).toEqual([c.id, a.id])
    expect(store.inspections.list({ unitIds: [1, 2], from: '2026-03-01' }).map((i) => i.id)).toEqual([c.id, b.id])
    expect(store.inspections.list({ to: '2026-03-02' }).map((i) => i.id)).toEqual([old.id, a.id])
    expect(store.inspections.list({ unitIds: [] })).toEqual([])
    store.close()
  })

  test('update: sets only the fields given, bumps the version, audits before and after', () => {
    const store = loadedStore()
    const created = store.inspections.create(NEW, 'suijiang')
    const updated = store.inspections.update(created.id, 1, { inspectors: ['王五'], rating: null }, 'admin')
    expect(updated).toEqual({ ...created, inspectors: ['王五'], inspector: '王五', rating: null, version: 2 })
    const [entry] = store.audit.list({ limit: 1, entity: 'inspection' })
    expect(entry).toMatchObject({ actor: 'admin', action: 'update', before: created, after: updated })
    expect(store.snapshot().inspections.find((i) => i.id === created.id)).toEqual(updated)
    store.close()
  })

  test('closing a follow-up records who closed it; reopening forgets it', () => {
    const store = loadedStore()
    const created = store.inspections.create(NEW, 'suijiang')
    const closed = store.inspections.update(created.id, 1, { followUpClosedAt: '2026-11-20' }, 'admin')
    expect(closed).toMatchObject({ followUpClosedAt: '2026-11-20', followUpClosedBy: 'admin', version: 2 })
    const other = store.inspections.update(created.id, 2, { findings: '补记' }, 'suijiang')
    expect(other).toMatchObject({ followUpClosedAt: '2026-11-20', followUpClosedBy: 'admin', findings: '补记' })
    const reopened = store.inspections.update(created.id, 3, { followUpClosedAt: null }, 'suijiang')
    expect(reopened).toMatchObject({ followUpClosedAt: null, followUpClosedBy: '', version: 4 })
    store.close()
  })

  test('a stale version changes nothing and throws a stale DomainError carrying the current row', () => {
    const store = loadedStore()
    const created = store.inspections.create(NEW, 'a')
    const first = store.inspections.update(created.id, 1, { findings: '甲的修改' }, 'a')
    let error: unknown
    try {
      store.inspections.update(created.id, 1, { findings: '乙的修改' }, 'b')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DomainError)
    expect(error).toMatchObject({ kind: 'stale', details: { current: first } })
    expect((error as Error).message).toContain(`inspection ${created.id} is at version 2, not 1`)
    expect(store.inspections.get(created.id)?.findings).toBe('甲的修改')
    expect(store.audit.list({ limit: 10, entity: 'inspection' })).toHaveLength(2)
    store.close()
  })

  test('an unknown id is not_found', () => {
    const store = loadedStore()
    expect(() => store.inspections.update(9999, 1, { findings: 'x' }, 'a')).toThrow(expect.objectContaining({ kind: 'not_found' }))
    expect(store.inspections.get(9999)).toBeNull()
    store.close()
  })
})
