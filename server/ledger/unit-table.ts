// The units table (/data, GET /api/units/table): the units a filter selects, as the caller's audience may see
// them, searched, sorted and cut into a page. The sorted orders are kept per audience and year and updated
// by each write, so paging, filtering and re-sorting 100 000 units costs one pass, not a sort, per request.
import type { UnitCollection, UnitProperties } from '../shared/unit-columns'
import { HONOUR_LEVELS, UNIT_STATUSES } from '../shared/domain'
import { isInitialsQuery, pinyinInitials } from '../text/pinyin-initials'

export interface UnitTableRow extends UnitProperties {
  lon: number | null
  lat: number | null
  areaName: string | null // of areaCode, where the join placed the unit
}

export const TABLE_SORT_KEYS = ['id', 'name', 'category', 'level', 'status', 'yearNamed', 'areaCode', 'areaName', 'address'] as const
export type TableSortKey = (typeof TABLE_SORT_KEYS)[number]

export interface TablePageQuery {
  q?: string // searched in name, address, area code and name, and the id; latin letters also as the name's pinyin initials
  sort: TableSortKey
  order: 'asc' | 'desc'
  offset: number
  limit: number
}

export interface TablePage {
  total: number // rows the search leaves, before paging
  rows: UnitTableRow[]
}

const collator = new Intl.Collator('zh-CN', { numeric: true })

/**
 * Every unit an audience sees, as of one year, in each sorted order asked for so far. A filter or a search
 * walks an order and keeps what passes, so any filter's first page costs one pass, not a sort; a write
 * replaces its rows in place (update), so the orders outlive it.
 */
export class UnitTable {
  private readonly rows: Map<number, UnitTableRow>
  private readonly sorted = new Map<TableSortKey, UnitTableRow[]>()
  // Made by the first search, then kept up to date: most tables are only paged and sorted.
  private searchText: Map<UnitTableRow, string> | null = null

  constructor(rows: Iterable<UnitTableRow>) {
    this.rows = new Map([...rows].map((row) => [row.id, row]))
  }

  /** A page of the rows `keep` passes (every row when absent) that the search finds. */
  page({ q, sort, order, offset, limit }: TablePageQuery, keep?: (row: UnitTableRow) => boolean): TablePage {
    const ascending = this.sortedBy(sort)
    const needle = q?.trim().toLowerCase() ?? ''
    const byInitials = isInitialsQuery(needle)
    const searchText = needle === '' ? null : this.searchTextByRow()
    const found = needle === '' && keep === undefined
      ? ascending
      : ascending.filter((r) =>
        (keep === undefined || keep(r)) &&
        (searchText === null || (searchText.get(r) as string).includes(needle) || (byInitials && pinyinInitials(r.name).includes(needle))))
    const total = found.length
    const rows = order === 'asc' ? found.slice(offset, offset + limit) : pageFromEnd(found, offset, limit)
    return { total, rows }
  }

  /** The rows of these units as they are now: replaced, added, or removed (null: the unit left the table). */
  update(changes: ReadonlyMap<number, UnitTableRow | null>): void {
    for (const [id, row] of changes) {
      const old = this.rows.get(id)
      for (const [key, sorted] of this.sorted) {
        if (old) sorted.splice(indexIn(sorted, old, key), 1)
        if (row) sorted.splice(indexIn(sorted, row, key), 0, row)
      }
      if (old) this.searchText?.delete(old)
      if (row) {
        this.rows.set(id, row)
        this.searchText?.set(row, searchTextOf(row))
      } else this.rows.delete(id)
    }
  }

  /** Every sorted order and the search text made now, so that no reader's first sort or search waits for them. */
  prepare(): this {
    Array.from(this.preparing())
    return this
  }

  /** The same as prepare, one order (or the search text) per step: a server takes a step per turn of its event loop. */
  *preparing(): Generator<TableSortKey | 'search'> {
    for (const key of TABLE_SORT_KEYS) {
      this.sortedBy(key)
      yield key
    }
    this.searchTextByRow()
    yield 'search'
  }

  private searchTextByRow(): Map<UnitTableRow, string> {
    return (this.searchText ??= new Map([...this.rows.values()].map((r) => [r, searchTextOf(r)])))
  }

  private sortedBy(key: TableSortKey): UnitTableRow[] {
    let rows = this.sorted.get(key)
    if (!rows) {
      rows = key === 'id' ? [...this.rows.values()].sort(ORDER.id) : sortedByRank(this.sortedBy('id'), key)
      this.sorted.set(key, rows)
    }
    return rows
  }
}

/**
 * `byId` (sorted by id) in `key`'s order, equal to sorting by ORDER[key]. The collator is asked about each
 * distinct value once (at 1 000 000 units: 210 000 names, 2 843 addresses) instead of in each of ~20 million
 * comparisons, and the rows are then sorted as numbers, rank × scale + position, by the typed array's own
 * sort: 1 000 000 rows by name took 24 s with the comparator, 10 s so on a loaded machine. Exact up to 2^26 rows.
 */
function sortedByRank(byId: readonly UnitTableRow[], key: TableSortKey): UnitTableRow[] {
  const valueOf = VALUE[key]
  const compare = COMPARE_VALUES[key]
  const values = byId.map(valueOf)
  const distinct = [...new Set(values)].filter((v) => v !== null).sort(compare)
  const rank = new Map<string | number, number>()
  distinct.forEach((value, i) => rank.set(value, i > 0 && compare(distinct[i - 1], value) === 0 ? (rank.get(distinct[i - 1]) as number) : i))
  const scale = 2 ** Math.ceil(Math.log2(byId.length + 1))
  const keys = new Float64Array(byId.length)
  values.forEach((value, i) => (keys[i] = (value === null ? distinct.length : (rank.get(value) as number)) * scale + i))
  keys.sort()
  return Array.from(keys, (k) => byId[k % scale])
}

function searchTextOf(r: UnitTableRow): string {
  return `${r.id}\u0000${r.name}\u0000${r.address}\u0000${r.areaCode ?? ''}\u0000${r.areaName ?? ''}`.toLowerCase()
}

/** Where `row` is, or would go, in `rows` sorted by `key` (a total order: ties go by id). */
function indexIn(rows: readonly UnitTableRow[], row: UnitTableRow, key: TableSortKey): number {
  const compare = ORDER[key]
  let low = 0
  let high = rows.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (compare(rows[middle], row) < 0) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * The rows of a (redacted) unit collection, with area names. Each row is written out field by field: a row
 * spread from the properties came out in V8's slow dictionary mode, and a filter over 100 000 of them took 8×
 * as long.
 */
export function tableRowsOf(collection: UnitCollection, areaName: (code: string) => string | null): UnitTableRow[] {
  return collection.features.map(({ geometry, properties: p }) => ({
    id: p.id,
    name: p.name,
    category: p.category,
    level: p.level,
    status: p.status,
    yearNamed: p.yearNamed,
    areaCode: p.areaCode,
    claimedAreaCode: p.claimedAreaCode,
    joinMethod: p.joinMethod,
    expiresOn: p.expiresOn,
    address: p.address,
    notes: p.notes,
    sample: p.sample,
    redacted: p.redacted, // undefined (and so not in the JSON) unless redacted
    lon: geometry?.coordinates[0] ?? null,
    lat: geometry?.coordinates[1] ?? null,
    areaName: p.areaCode === null ? null : areaName(p.areaCode),
  }))
}

function pageFromEnd<T>(rows: readonly T[], offset: number, limit: number): T[] {
  const end = Math.max(0, rows.length - offset)
  return rows.slice(Math.max(0, end - limit), end).reverse()
}

/** What a row is sorted by under each key: empty text ('') as null, and null after every value in ascending order. */
const VALUE: Readonly<Record<TableSortKey, (r: UnitTableRow) => string | number | null>> = {
  id: (r) => r.id,
  name: (r) => r.name || null,
  category: (r) => r.category || null,
  level: (r) => (r.level === null ? null : HONOUR_LEVELS.indexOf(r.level)),
  status: (r) => UNIT_STATUSES.indexOf(r.status),
  yearNamed: (r) => r.yearNamed,
  areaCode: (r) => r.areaCode || null,
  areaName: (r) => r.areaName || null,
  address: (r) => r.address || null,
}

const byNumber = (x: string | number, y: string | number) => (x as number) - (y as number)
const byText = (x: string | number, y: string | number) => collator.compare(x as string, y as string)

/** How two values (neither null) of each key compare. */
const COMPARE_VALUES: Readonly<Record<TableSortKey, (x: string | number, y: string | number) => number>> = {
  id: byNumber,
  name: byText,
  category: byText,
  level: byNumber,
  status: byNumber,
  yearNamed: byNumber,
  areaCode: byText,
  areaName: byText,
  address: byText,
}

function compareBy(key: TableSortKey) {
  const valueOf = VALUE[key]
  const compare = COMPARE_VALUES[key]
  return (a: UnitTableRow, b: UnitTableRow) => {
    const x = valueOf(a)
    const y = valueOf(b)
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
    return compare(x, y)
  }
}

/** Each key's order made total by the id, so a row has one place in it. */
const ORDER = Object.fromEntries(
  TABLE_SORT_KEYS.map((key) => {
    const compare = compareBy(key)
    return [key, (a: UnitTableRow, b: UnitTableRow) => compare(a, b) || a.id - b.id]
  }),
) as Readonly<Record<TableSortKey, (a: UnitTableRow, b: UnitTableRow) => number>>
