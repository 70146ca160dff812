// The period pickers of /brief (a kind, a year, which half, quarter or month) and the period id the API reads
// (2026, 2026H2, 2026Q3, 2026-09). Pure.

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month'

export interface PeriodChoice {
  kind: PeriodKind
  year: number
  index: number // 1 for a year; 1–2, 1–4 or 1–12
}

export const PERIOD_KINDS: readonly { kind: PeriodKind; label: string; count: number }[] = [
  { kind: 'year', label: '年度', count: 1 },
  { kind: 'half', label: '半年', count: 2 },
  { kind: 'quarter', label: '季度', count: 4 },
  { kind: 'month', label: '月份', count: 12 },
]

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度']

/** What the index select shows for each of a kind's periods. */
export function indexLabels(kind: PeriodKind): string[] {
  if (kind === 'half') return ['上半年', '下半年']
  if (kind === 'quarter') return QUARTERS
  if (kind === 'month') return Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
  return ['全年']
}

export function periodId({ kind, year, index }: PeriodChoice): string {
  if (kind === 'half') return `${year}H${index}`
  if (kind === 'quarter') return `${year}Q${index}`
  if (kind === 'month') return `${year}-${String(index).padStart(2, '0')}`
  return String(year)
}

/** The choice a period id names (from a link); null when it names none. */
export function periodChoiceOf(id: string): PeriodChoice | null {
  const match = /^(\d{4})(?:H([12])|Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(id.trim().toUpperCase())
  if (!match) return null
  const year = Number(match[1])
  if (match[2]) return { kind: 'half', year, index: Number(match[2]) }
  if (match[3]) return { kind: 'quarter', year, index: Number(match[3]) }
  if (match[4]) return { kind: 'month', year, index: Number(match[4]) }
  return { kind: 'year', year, index: 1 }
}

/** The quarter `today` (yyyy-mm-dd) lies in: it has begun, so the server can report on it. */
export function currentQuarter(today: string): PeriodChoice {
  return { kind: 'quarter', year: Number(today.slice(0, 4)), index: Math.ceil(Number(today.slice(5, 7)) / 3) }
}

/** A choice moved to another kind, keeping its year and the part of it nearest the index it had. */
export function withKind(choice: PeriodChoice, kind: PeriodKind): PeriodChoice {
  const count = (k: PeriodKind) => PERIOD_KINDS.find((p) => p.kind === k)?.count ?? 1
  const month = Math.round(((choice.index - 1) * 12) / count(choice.kind)) + 1
  return { kind, year: choice.year, index: Math.min(count(kind), Math.ceil((month * count(kind)) / 12)) }
}
