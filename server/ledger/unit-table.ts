// The units table (/data, GET /api/units/table): the units a filter selects, as the caller's audience may see
// them, searched, sorted and cut into a page. The sorted orders are kept per selection (and so per snapshot
// and audience), so paging and re-sorting 100 000 units costs a search and a slice, not a sort, per request.
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

/** The table of a selection: sorted orders are made on first use and kept with it. */
export class UnitTable {
  private readonly sorted = new Map<TableSortKey, UnitTableRow[]>()
  private readonly searchText: Map<UnitTableRow, string>

  constructor(readonly rows: readonly UnitTableRow[]) {
    this.searchText = new Map(rows.map((r) => [r, `${r.id}\u0000${r.name}\u0000${r.address}\u0000${r.areaCode ?? ''}\u0000${r.areaName ?? ''}`.toLowerCase()]))
  }

  page({ q, sort, order, offset, limit }: TablePageQuery): TablePage {
    const ascending = this.sortedBy(sort)
    const needle = q?.trim().toLowerCase() ?? ''
    const byInitials = isInitialsQuery(needle)
    const found = needle === ''
      ? ascending
      : ascending.filter((r) => (this.searchText.get(r) as string).includes(needle) || (byInitials && pinyinInitials(r.name).includes(needle)))
    const total = found.length
    const rows = order === 'asc' ? found.slice(offset, offset + limit) : pageFromEnd(found, offset, limit)
    return { total, rows }
  }

  private sortedBy(key: TableSortKey): UnitTableRow[] {
    let rows = this.sorted.get(key)
    if (!rows) {
      const compare = COMPARE[key]
      rows = [...this.rows].sort((a, b) => compare(a, b) || a.id - b.id)
      this.sorted.set(key, rows)
    }
    return rows
  }
}

/** The rows of a (redacted) unit collection, with area names. */
export function tableRowsOf(collection: UnitCollection, areaName: (code: string) => string | null): UnitTableRow[] {
  return collection.features.map(({ geometry, properties }) => ({
    ...properties,
    lon: geometry?.coordinates[0] ?? null,
    lat: geometry?.coordinates[1] ?? null,
    areaName: properties.areaCode === null ? null : areaName(properties.areaCode),
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
