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

  /** Every sorted order and the search text made now (at start), so that no reader's first sort or search waits for them. */
  prepare(): this {
    for (const key of TABLE_SORT_KEYS) this.sortedBy(key)
    this.searchTextByRow()
    return this
  }

  private searchTextByRow(): Map<UnitTableRow, string> {
    return (this.searchText ??= new Map([...this.rows.values()].map((r) => [r, searchTextOf(r)])))
  }

  private sortedBy(key: TableSortKey): UnitTableRow[] {
    let rows = this.sorted.get(key)
    if (!rows) {
      rows = [...this.rows.values()].sort(ORDER[key])
      this.sorted.set(key, rows)
    }
    return rows
  }
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

/** Empty values (null, '') sort after every value in ascending order. */
function byText(of: (r: UnitTableRow) => string | null) {
  return (a: UnitTableRow, b: UnitTableRow) => {
    const x = of(a) || null
    const y = of(b) || null
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
    return collator.compare(x, y)
  }
}

function byRank(of: (r: UnitTableRow) => number | null) {
  return (a: UnitTableRow, b: UnitTableRow) => {
    const x = of(a)
    const y = of(b)
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
    return x - y
  }
}

const COMPARE: Readonly<Record<TableSortKey, (a: UnitTableRow, b: UnitTableRow) => number>> = {
  id: (a, b) => a.id - b.id,
  name: byText((r) => r.name),
  category: byText((r) => r.category),
  level: byRank((r) => (r.level === null ? null : HONOUR_LEVELS.indexOf(r.level))),
  status: byRank((r) => UNIT_STATUSES.indexOf(r.status)),
  yearNamed: byRank((r) => r.yearNamed),
  areaCode: byText((r) => r.areaCode),
  areaName: byText((r) => r.areaName),
  address: byText((r) => r.address),
}

/** Each key's order made total by the id, so a row has one place in it. */
const ORDER = Object.fromEntries(
  TABLE_SORT_KEYS.map((key) => [key, (a: UnitTableRow, b: UnitTableRow) => COMPARE[key](a, b) || a.id - b.id]),
) as Readonly<Record<TableSortKey, (a: UnitTableRow, b: UnitTableRow) => number>>
