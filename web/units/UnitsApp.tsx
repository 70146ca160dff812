// /units: the ledger as a table. Server-side search, filter, sort and paging (GET /api/units/table); only the
// rows on screen are drawn and only their pages fetched, so 100 000 units scroll smoothly. A row opens the
// edit form (signed-in editors and admins); "在地图上查看" opens the dashboard on the same filter, and
// "在地图上添加单位" a form for a new unit placed by a click on its map.
import { writesData } from '../../server/shared/roles'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { levelOfCode } from '../../server/shared/area-codes'
import { UNIT_STATUSES, type UnitStatus } from '../../server/shared/domain'
import type { WorkflowActor } from '../../server/shared/workflow'
import { fetchCurrentUser, fetchSchemes, fetchUnitTable, type UnitTableQuery, type UnitTableRow } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { LedgerHeader } from '../panels/LedgerHeader'
import { SampleNotice } from '../panels/SampleNotice'
import { BatchSteps } from './BatchSteps'
import { ColumnChooser } from './ColumnChooser'
import { useColumnChoice } from './column-choice'
import { NewUnitForm } from './NewUnitForm'
import { nearestPages, pagesOf, rowWindow } from './table-window'
import { UnitForm } from './UnitForm'
import './units.css'

const ROW_HEIGHT = 32
const CHECK_WIDTH = 32
const PAGE_SIZE = 200
/** Pages of rows kept while scrolling (10 000 rows); farther ones are fetched again when scrolled back to. */
const PAGES_KEPT = 50
type SortKey = NonNullable<UnitTableQuery['sort']>

const COLUMNS: { key: SortKey; label: string; width: number; text(row: UnitTableRow): string }[] = [
  { key: 'id', label: '编号', width: 70, text: (r) => String(r.id) },
  { key: 'name', label: '单位名称', width: 260, text: (r) => (r.sample ? `${r.name}（示例）` : r.name) },
  { key: 'category', label: '类别', width: 110, text: (r) => r.category },
  { key: 'level', label: '级别', width: 70, text: (r) => r.level ?? '—' },
  { key: 'status', label: '状态', width: 70, text: (r) => r.status },
  { key: 'yearNamed', label: '命名年份', width: 80, text: (r) => (r.yearNamed === null ? '—' : String(r.yearNamed)) },
  { key: 'areaName', label: '所在区域', width: 150, text: (r) => r.areaName ?? r.areaCode ?? '—' },
  { key: 'address', label: '地址', width: 220, text: (r) => r.address || '—' },
]
const COLUMN_KEYS = COLUMNS.map((c) => c.key)

interface Filters {
  q: string
  category: string
  status: UnitStatus | ''
  sort: SortKey
  order: 'asc' | 'desc'
}

export function UnitsApp() {
  const user = useAsyncValue(fetchCurrentUser, []).value
  const schemes = useAsyncValue(fetchSchemes, []).value
  const categories = useMemo(() => [...new Set(schemes?.schemes.flatMap((s) => s.categories) ?? [])], [schemes])
  const [filters, setFilters] = useState<Filters>({ q: '', category: '', status: '', sort: 'id', order: 'asc' })
  const [total, setTotal] = useState<number | null>(null)
  const [pages, setPages] = useState<Map<number, UnitTableRow[]>>(new Map())
  const [sample, setSample] = useState(false) // some row loaded is sample data (示例数据)
  const [error, setError] = useState<string | null>(null)
  const [scroll, setScroll] = useState({ top: 0, height: 600 })
  const [selected, setSelected] = useState<number | null>(null)
  const [creating, setCreating] = useState(false) // the new-unit form is open instead of a unit's
  const [version, setVersion] = useState(0) // bumped after a save, to reload the rows
  const requested = useRef(new Set<number>())
  const body = useRef<HTMLDivElement>(null)
  const mayEdit = user !== null && user !== undefined && writesData(user.role)
  const [shownColumns, toggleColumn] = useColumnChoice(COLUMN_KEYS)
  const columns = COLUMNS.filter((c) => shownColumns.has(c.key))
  const actor = useMemo((): WorkflowActor | null => (user ? { username: user.username, role: user.role, scopeLevel: user.areaScope ? levelOfCode(user.areaScope) : null } : null), [user])
  const [checked, setChecked] = useState<Map<number, UnitStatus>>(new Map()) // rows ticked for a batch step, with their status
  const [notice, setNotice] = useState<string | null>(null)

  const query = useMemo((): UnitTableQuery => {
    const q: UnitTableQuery = { sort: filters.sort, order: filters.order, limit: String(PAGE_SIZE) }
    if (filters.q.trim()) q.q = filters.q.trim()
    if (filters.category) q.category = filters.category
    if (filters.status) q.status = filters.status
    return q
  }, [filters])

  // A new filter, sort or save starts from an empty cache and the top of the table.
  useEffect(() => {
    requested.current = new Set()
    setPages(new Map())
    setSample(false)
    setTotal(null)
    body.current?.scrollTo({ top: 0 })
  }, [query, version])

  const load = useCallback(
    (page: number) => {
      if (requested.current.has(page)) return
      requested.current.add(page)
      fetchUnitTable({ ...query, offset: String(page * PAGE_SIZE) }).then(
        (answer) => {
          setTotal(answer.total)
          setPages((p) => {
            const kept = nearestPages(new Map(p).set(page, answer.rows), page, PAGES_KEPT)
            for (const old of p.keys()) if (!kept.has(old)) requested.current.delete(old)
            return kept
          })
          if (answer.rows.some((r) => r.sample)) setSample(true)
          setError(null)
        },
        (e: Error) => {
          requested.current.delete(page)
          setError(e.message)
        },
      )
    },
    [query, version], // eslint-disable-line react-hooks/exhaustive-deps -- version: a save reloads the pages on screen
  )

  const shown = rowWindow(scroll.top, scroll.height, ROW_HEIGHT, total ?? PAGE_SIZE)
  const wanted = pagesOf(shown, PAGE_SIZE).join(',')
  useEffect(() => {
    for (const page of wanted.split(',').filter(Boolean)) load(Number(page))
  }, [wanted, load])

  const rowAt = (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE]
  const sortBy = (key: SortKey) => setFilters((f) => ({ ...f, sort: key, order: f.sort === key && f.order === 'asc' ? 'desc' : 'asc' }))
  const mapLink = `/?${new URLSearchParams({ ...(filters.category ? { categories: filters.category } : {}), ...(filters.status ? { status: filters.status } : {}) })}`
  const width = CHECK_WIDTH + columns.reduce((sum, c) => sum + c.width, 0)
  const toggle = (row: UnitTableRow) =>
    setChecked((c) => {
      const next = new Map(c)
      if (next.has(row.id)) next.delete(row.id)
      else next.set(row.id, row.status)
      return next
    })

  return (
    <div className="units-page">
      <LedgerHeader title="单位台账" here="/units" user={user} />
      <div className="units-filters" role="search">
        <input type="search" aria-label="搜索" placeholder="搜索名称（可用拼音首字母）、地址、区划代码或编号" value={filters.q} onChange={(e) => setFilters({ ...filters, q: e.target.value })} />
        <select aria-label="类别" value={filters.category} onChange={(e) => setFilters({ ...filters, category: e.target.value })}>
          <option value="">全部类别</option>
          {categories.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <select aria-label="状态" value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value as UnitStatus | '' })}>
          <option value="">全部状态</option>
          {UNIT_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <span className="units-total" data-testid="units-total">{total === null ? '正在加载…' : `共 ${total.toLocaleString('zh-CN')} 个单位`}</span>
        <ColumnChooser columns={COLUMNS} shown={shownColumns} onToggle={toggleColumn} />
        <a className="units-map-link" href={mapLink}>在地图上查看</a>
        {mayEdit && (
          <button
            className="units-add"
            onClick={() => {
              setSelected(null)
              setCreating(true)
            }}
          >
            在地图上添加单位
          </button>
        )}
      </div>
      {error && <p className="notice notice-error units-error" role="alert">{error}</p>}
      {notice && <p className="units-notice" role="status">{notice}</p>}
      {actor && mayEdit && checked.size > 0 && (
        <BatchSteps
          ids={[...checked.keys()]}
          statuses={[...new Set(checked.values())]}
          actor={actor}
          onMoved={(message) => {
            setNotice(message)
            setChecked(new Map())
            setVersion((v) => v + 1)
          }}
          onClear={() => setChecked(new Map())}
        />
      )}
      {sample && (
        <div className="units-sample">
          <SampleNotice sample schematic={false} />
        </div>
      )}
      <div className="units-main">
        <div className="units-table" role="grid" aria-rowcount={total ?? 0}>
          <div className="units-row units-head" role="row" style={{ width }}>
            <span className="units-check" style={{ width: CHECK_WIDTH }} aria-hidden />
            {columns.map((c) => (
              <button key={c.key} role="columnheader" style={{ width: c.width }} aria-sort={filters.sort === c.key ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none'} onClick={() => sortBy(c.key)}>
                {c.label}{filters.sort === c.key ? (filters.order === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            ))}
          </div>
          <div className="units-body" ref={body} data-testid="units-body" onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
            <div style={{ height: (total ?? 0) * ROW_HEIGHT, width, position: 'relative' }}>
              {Array.from({ length: shown.last - shown.first }, (_, k) => {
                const index = shown.first + k
                const row = rowAt(index)
                return (
                  // Keyed by place on screen, not by row: a jump of the scrollbar refills the same elements.
                  <div
                    key={k}
                    role="row"
                    aria-rowindex={index + 1}
                    className={`units-row${row && row.id === selected ? ' is-selected' : ''}${row?.redacted ? ' is-redacted' : ''}`}
                    style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT, width }}
                    onClick={() => {
                      if (!row) return
                      setSelected(row.id)
                      setCreating(false)
                    }}
                  >
                    <span className="units-check" style={{ width: CHECK_WIDTH }} onClick={(e) => e.stopPropagation()}>
                      {row && mayEdit && !row.redacted && <input type="checkbox" aria-label={`选择 ${row.name}`} checked={checked.has(row.id)} onChange={() => toggle(row)} />}
                    </span>
                    {columns.map((c) => <span key={c.key} role="gridcell" style={{ width: c.width }}>{row ? c.text(row) : '…'}</span>)}
                  </div>
                )
              })}
            </div>
          </div>
        </div>
        {creating && user && (
          <NewUnitForm
            scope={user.areaScope}
            categories={categories}
            onCreated={(id, message) => {
              setNotice(message)
              setCreating(false)
              setSelected(id)
              setVersion((v) => v + 1)
            }}
            onClose={() => setCreating(false)}
          />
        )}
        {!creating && selected !== null && (
          <UnitForm key={selected} id={selected} mayEdit={mayEdit} actor={actor} categories={categories} onSaved={() => setVersion((v) => v + 1)} onClose={() => setSelected(null)} />
        )}
      </div>
    </div>
  )
}
