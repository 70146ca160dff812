// What only a database several servers share does (the postgres project): two stores on one database follow
// each other's writes through the write log and NOTIFY; a connection killed inside a transaction leaves the
// store as it was, and the store connects again.
import { afterAll, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../../../server/db/pg/pg-store'
import { openSyncConnection } from '../../../../server/db/pg/sync-connection'
import type { AtlasStore, ImportedUnit } from '../../../../server/db/store'
import { newTestDatabase, testNow, testPostgres } from '../../test-store'

const postgres = testPostgres()
const opened: AtlasStore[] = []
const open = (url: string) => {
  const store = openPostgresStore(url, { now: testNow })
  opened.push(store)
  return store
}
afterAll(() => opened.forEach((s) => s.close()))

const note = { actor: 'alice', at: '2026-11-23T09:00:00.000Z', reason: '核对' }

/** Polls `check` on the event loop (where NOTIFY arrives) until it holds; answers how long that took. */
async function within(ms: number, check: () => boolean): Promise<number> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return Date.now() - started
}

describe.skipIf(postgres === null)('two stores on one PostgreSQL database', () => {
  it("each sees the other's writes within a second, at the same snapshot version", async () => {
    const url = newTestDatabase(postgres!, 'demo')
    const a = open(url)
    const b = open(url)
    const unit = b.snapshot().units[0]
    const { id: _id, history: _history, sample: _sample, ...fields } = unit
    const created = a.units.create({ ...fields, name: '甲服务器新建' }, note)
    const took = await within(1000, () => b.snapshot().units.some((u) => u.id === created.id))
    expect(took).toBeLessThan(1000)
    a.units.update(unit.id, b.units.get(unit.id)!.version, { name: '甲服务器改名' }, note)
    await within(1000, () => b.snapshot().units.find((u) => u.id === unit.id)?.name === '甲服务器改名')
    // A target (not a unit) makes the other read everything again.
    b.targets.create({ areaCode: unit.areaCode!, schemeId: null, category: null, minLevel: null, count: 3, dueYear: 2027, note: '乙服务器' }, 'bob')
    await within(1000, () => a.snapshot().targets.some((t) => t.note === '乙服务器'))
    expect(a.snapshot().version).toBe(b.snapshot().version)
  })

  it('a connection killed mid-import leaves the store as before; the store connects again', () => {
    const url = newTestDatabase(postgres!, 'demo')
    const store = open(url)
    const before = store.health().units
    const template = store.snapshot().units[0]
    const units: ImportedUnit[] = Array.from({ length: 1200 }, (_, i) => ({
      ...template,
      name: `导入单位${i}`,
      externalId: `kill-${i}`,
      updates: null,
    }))
    const admin = openSyncConnection(postgres!.url)
    const database = new URL(url).pathname.slice(1)
    try {
      expect(() =>
        store.imports.commitUnits(units, { fileName: 'kill.csv', options: {}, report: {}, actor: 'alice' }, (done) => {
          if (done !== 500) return
          admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'unity-atlas'`, [database])
        }),
      ).toThrow()
    } finally {
      admin.close()
    }
    expect(store.health().units).toBe(before)
    expect(store.imports.list().some((b) => b.fileName === 'kill.csv')).toBe(false)
    const { id: _id, history: _history, sample: _sample, ...fields } = template
    expect(store.units.create({ ...fields, name: '重连之后' }, note).name).toBe('重连之后')
  })
})
