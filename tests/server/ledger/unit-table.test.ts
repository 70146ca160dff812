// The units table kept across writes (UnitTable.update) answers every sort, order, search and filter exactly as
// a table built anew from the same rows: rows renamed, moved, re-levelled, added and removed at random.
import { describe, expect, test } from 'vitest'
import { pick, seededRandom } from '../../../server/geo/prng'
import { TABLE_SORT_KEYS, UnitTable, type UnitTableRow } from '../../../server/ledger/unit-table'
import { HONOUR_LEVELS, UNIT_STATUSES } from '../../../server/shared/domain'

const random = seededRandom(42)
const NAMES = ['昭阳区第一中学', '大关县民族中学', '南岸镇中心小学', '龙头山镇政府', '向家坝社区', 'Zhaotong No. 2', '']
const AREAS: [string | null, string | null][] = [['530602101', '凤凰街道'], ['530626102', '南岸镇'], [null, null]]

function randomRow(id: number): UnitTableRow {
  const [areaCode, areaName] = pick(random, AREAS)
  return {
    id,
    name: `${pick(random, NAMES)}${Math.floor(random() * 30)}`,
    category: pick(random, ['学校', '企业', '社区']),
    level: random() < 0.3 ? null : pick(random, HONOUR_LEVELS),
    status: pick(random, UNIT_STATUSES),
    yearNamed: random() < 0.3 ? null : 2010 + Math.floor(random() * 16),
    areaCode,
    claimedAreaCode: areaCode,
    joinMethod: 'point',
    expiresOn: null,
    address: pick(random, ['', '昭通市', '绥江县中城镇']),
    notes: '',
    sample: true,
    lon: 103.7,
    lat: 27.3,
    areaName,
  }
}

const ids = (rows: readonly UnitTableRow[]) => rows.map((r) => r.id)

describe('UnitTable.update', () => {
  test('300 rows, 40 rounds of writes: every page equals a table built anew', () => {
    const rows = new Map(Array.from({ length: 300 }, (_, i) => [i + 1, randomRow(i + 1)]))
    const kept = new UnitTable(rows.values())
    for (const sort of TABLE_SORT_KEYS) kept.page({ sort, order: 'asc', offset: 0, limit: 1 }) // every order made before the writes
    let nextId = 301
    for (let round = 0; round < 40; round++) {
      const changes = new Map<number, UnitTableRow | null>()
      for (let i = 0; i < 5; i++) {
        const id = Math.ceil(random() * (nextId - 1))
        const change = random() < 0.15 ? null : randomRow(id)
        changes.set(id, change)
        if (change) rows.set(id, change)
        else rows.delete(id)
      }
      const added = randomRow(nextId++)
      changes.set(added.id, added)
      rows.set(added.id, added)
      kept.update(changes)

      const fresh = new UnitTable(rows.values())
      for (const sort of TABLE_SORT_KEYS) {
        for (const order of ['asc', 'desc'] as const) {
          const query = { sort, order, offset: 7, limit: 50 }
          expect(ids(kept.page(query).rows), `${sort} ${order}, round ${round}`).toEqual(ids(fresh.page(query).rows))
        }
      }
      const search = { q: '中学', sort: 'name' as const, order: 'asc' as const, offset: 0, limit: 500 }
      const schools = (row: UnitTableRow) => row.category === '学校'
      expect(kept.page(search, schools)).toEqual(fresh.page(search, schools))
    }
    expect(kept.page({ sort: 'id', order: 'asc', offset: 0, limit: 500 }).total).toBe(rows.size)
  })
})

describe('UnitTable sorted orders', () => {
  // The order the ranked sort must equal: the collator (zh-CN, numeric) on text, numbers on ranks, empty and
  // null after every value, ties by id. Written out here, not taken from the table, so a wrong rank fails.
  const collator = new Intl.Collator('zh-CN', { numeric: true })
  const nullsLast = <T>(x: T | null, y: T | null, compare: (x: T, y: T) => number) =>
    x === null || y === null ? (x === y ? 0 : x === null ? 1 : -1) : compare(x, y)
  const text = (of: (r: UnitTableRow) => string | null) => (a: UnitTableRow, b: UnitTableRow) => nullsLast(of(a) || null, of(b) || null, collator.compare)
  const number = (of: (r: UnitTableRow) => number | null) => (a: UnitTableRow, b: UnitTableRow) => nullsLast(of(a), of(b), (x, y) => x - y)
  const EXPECTED: Record<(typeof TABLE_SORT_KEYS)[number], (a: UnitTableRow, b: UnitTableRow) => number> = {
    id: () => 0,
    name: text((r) => r.name),
    category: text((r) => r.category),
    level: number((r) => (r.level === null ? null : HONOUR_LEVELS.indexOf(r.level))),
    status: number((r) => UNIT_STATUSES.indexOf(r.status)),
    yearNamed: number((r) => r.yearNamed),
    areaCode: text((r) => r.areaCode),
    areaName: text((r) => r.areaName),
    address: text((r) => r.address),
  }

  test('every key, both directions, equals sorting with the comparator, with rows given out of id order', () => {
    // Names the collator holds equal though they differ (a01 and a1 under numeric collation) must tie, by id.
    const rows = Array.from({ length: 500 }, (_, i) => ({ ...randomRow(500 - i), ...(i % 7 === 0 ? { name: i % 2 ? 'a01' : 'a1' } : {}) }))
    const table = new UnitTable(rows)
    for (const sort of TABLE_SORT_KEYS) {
      const expected = [...rows].sort((a, b) => EXPECTED[sort](a, b) || a.id - b.id)
      expect(ids(table.page({ sort, order: 'asc', offset: 0, limit: 500 }).rows), sort).toEqual(ids(expected))
      expect(ids(table.page({ sort, order: 'desc', offset: 0, limit: 500 }).rows), sort).toEqual(ids(expected).reverse())
    }
  })
})
