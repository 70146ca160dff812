import { MIGRATIONS } from '../../../server/db/migrations'
import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import fixture from '../../fixtures/coverage-small.json'
import type { Area, Scheme, Target, Unit } from '../../../server/shared/domain'
import { MigrationError, openSqliteStore } from '../../../server/db/sqlite-store'
import type { Dataset } from '../../../server/db/store'

const dir = mkdtempSync(join(tmpdir(), 'atlas-store-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const dataset: Dataset = {
  areas: fixture.areas as Area[],
  schemes: fixture.schemes as Scheme[],
  units: fixture.units as Unit[],
  targets: fixture.targets as Target[],
  inspections: [{ id: 1, unitId: 4, date: '2026-03-02', inspector: '市创建办', findings: '台账完整', followUp: '' }],
}

describe('openSqliteStore', () => {
  it('round-trips a dataset through a file, keeping history, targets and inspections', () => {
    const file = join(dir, 'roundtrip.sqlite')
    const store = openSqliteStore(file)
    expect(store.isEmpty()).toBe(true)
    store.loadDataset(dataset, 'test')
    store.close()

    const reopened = openSqliteStore(file)
    const snapshot = reopened.snapshot()
    expect(snapshot.areas.map((a) => a.code)).toEqual(['A', 'A1', 'A2', 'B', 'B1', 'B2', 'P'])
    expect(snapshot.units.map((u) => u.name)).toEqual(dataset.units.map((u) => u.name))
    expect(snapshot.units[2].history.map((h) => h.to)).toEqual(['命名', '撤销'])
    expect(snapshot.schemes[0].categories).toEqual(['机关', '学校', '社区'])
    expect(snapshot.targets[0]).toMatchObject({ areaCode: 'A', category: '学校', minLevel: '市级', count: 2 })
    expect(snapshot.inspections).toHaveLength(1)
    expect(reopened.health()).toMatchObject({ ok: true, schemaVersion: MIGRATIONS.at(-1)!.version, integrity: 'ok', units: 8, areas: 7 })
    reopened.close()
  })

  it('runs in WAL mode with foreign keys on, and writes the load to the audit log', () => {
    const file = join(dir, 'pragmas.sqlite')
    openSqliteStore(file).close()
    const store = openSqliteStore(file)
    store.loadDataset(dataset, 'alice')
    store.close()
    const db = new Database(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    const audit = db.prepare('SELECT actor, action, after_json FROM audit_log').all() as { actor: string; action: string; after_json: string }[]
    expect(audit).toEqual([{ actor: 'alice', action: 'load', after_json: expect.stringContaining('"units":8') }])
    db.close()
  })

  it('rolls back a dataset that breaks a constraint, leaving the store as it was', () => {
    const store = openSqliteStore(':memory:')
    const broken: Dataset = { ...dataset, targets: [{ ...dataset.targets[0], areaCode: 'NOPE' }] }
    expect(() => store.loadDataset(broken, 'test')).toThrow(/FOREIGN KEY/)
    expect(store.isEmpty()).toBe(true)
    store.close()
  })

  it('serves the same snapshot until a write, then a new one', () => {
    const store = openSqliteStore(':memory:')
    const before = store.snapshot()
    expect(store.snapshot()).toBe(before)
    store.loadDataset(dataset, 'test')
    const after = store.snapshot()
    expect(after).not.toBe(before)
    expect(after.version).toBeGreaterThan(before.version)
    store.close()
  })

  it('refuses a data file from a newer version of the program', () => {
    const file = join(dir, 'future.sqlite')
    const db = new Database(file)
    db.pragma('user_version = 99')
    db.close()
    expect(() => openSqliteStore(file)).toThrow(MigrationError)
    expect(() => openSqliteStore(file)).toThrow('schema version 99')
  })
})

describe('the periodic integrity check', () => {
  it('runs on a worker thread after a minute: health answers the last result at once, then what the check found', async () => {
    const file = join(dir, 'periodic-check.sqlite')
    const store = openSqliteStore(file)
    store.loadDataset(dataset, 'test')
    expect(store.health().integrity).toBe('ok')
    store.close()
    // Damage a page of an index nothing reads at open (the audit trail's by-actor index).
    const probe = new Database(file)
    const { pageno, pageSize } = probe.prepare("SELECT pageno, pgsize AS pageSize FROM dbstat WHERE name = 'audit_log_actor' LIMIT 1").get() as { pageno: number; pageSize: number }
    probe.close()
    const damaged = openSqliteStore(file)
    try {
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(Date.now())
      expect(damaged.health().integrity).toBe('ok')
      const bytes = readFileSync(file)
      bytes.fill(0x5a, (pageno - 1) * pageSize + 8, pageno * pageSize)
      writeFileSync(file, bytes)
      vi.setSystemTime(Date.now() + 61_000)
      // Answered at once with the last result; the new check runs meanwhile on its thread.
      expect(damaged.health().integrity).toBe('ok')
      vi.useRealTimers()
      const deadline = Date.now() + 10_000
      while (damaged.health().ok && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(damaged.health()).toMatchObject({ ok: false, integrity: expect.stringMatching(/page|index|malformed/i) })
    } finally {
      vi.useRealTimers()
      damaged.close()
    }
  })

  it('at a server start (checkAtOpen) the first check runs on its own thread from the open, and health waits for its answer', () => {
    const file = join(dir, 'check-at-open.sqlite')
    const store = openSqliteStore(file)
    store.loadDataset(dataset, 'test')
    store.close()
    const probe = new Database(file)
    const { pageno, pageSize } = probe.prepare("SELECT pageno, pgsize AS pageSize FROM dbstat WHERE name = 'audit_log_actor' LIMIT 1").get() as { pageno: number; pageSize: number }
    probe.close()
    const healthy = openSqliteStore(file, { checkAtOpen: true })
    expect(healthy.health()).toMatchObject({ ok: true, integrity: 'ok', units: 8 })
    healthy.close()
    const bytes = readFileSync(file)
    bytes.fill(0x5a, (pageno - 1) * pageSize + 8, pageno * pageSize)
    writeFileSync(file, bytes)
    const damaged = openSqliteStore(file, { checkAtOpen: true })
    try {
      expect(damaged.snapshot().units).toHaveLength(8) // the store reads on meanwhile: the damage is in an index it does not use
      expect(damaged.health()).toMatchObject({ ok: false, integrity: expect.stringMatching(/page|index|malformed/i) })
    } finally {
      damaged.close()
    }
  })
})
