// What the report table shows: every row of an import report (accepted, warning, rejected, ignored) in
// source order, filtered by status. Pure, so the filter is tested without a browser.

export type RowFilter = 'all' | 'accepted' | 'warning' | 'rejected' | 'ignored'

export interface ReportRowView {
  row: number
  label: string // 第N行 or 第N个要素
  status: Exclude<RowFilter, 'all'>
  title: string // the unit's or area's name, or '' when there is none
  messages: string[]
}

interface RowLike {
  row: number
  status: 'accepted' | 'warning' | 'rejected'
  messages: string[]
  unit?: { name: string }
  name?: string | null
  code?: string | null
}

export function reportRows(rows: readonly RowLike[], ignored: readonly { row: number; reason: string }[], rowKind: 'line' | 'feature'): ReportRowView[] {
  const label = (n: number) => (rowKind === 'feature' ? `第${n}个要素` : `第${n}行`)
  const views: ReportRowView[] = [
    ...rows.map((r) => ({ row: r.row, label: label(r.row), status: r.status, title: r.unit?.name ?? [r.code, r.name].filter(Boolean).join(' '), messages: r.messages })),
    ...ignored.map((r) => ({ row: r.row, label: label(r.row), status: 'ignored' as const, title: '', messages: [`${label(r.row)}：已忽略（${r.reason}）`] })),
  ]
  return views.sort((a, b) => a.row - b.row)
}

export function filterRows(rows: readonly ReportRowView[], filter: RowFilter): ReportRowView[] {
  return filter === 'all' ? [...rows] : rows.filter((r) => r.status === filter)
}

export function countByStatus(rows: readonly ReportRowView[]): Record<RowFilter, number> {
  const counts: Record<RowFilter, number> = { all: rows.length, accepted: 0, warning: 0, rejected: 0, ignored: 0 }
  for (const r of rows) counts[r.status]++
  return counts
}
