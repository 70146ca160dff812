// The unit's history (GET /api/units/:id/history), newest first: each step of the naming workflow with its
// level and 文号, and each edit with the fields it changed, who made it and why.
import { FIELD_LABELS, type UnitField } from '../../server/shared/unit-fields'
import { fetchUnitHistory, type UnitHistory } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'

type Entry = { at: string; what: string; by: string; reason: string }

export function UnitHistoryList({ id, version }: { id: number; version: number }) {
  const history = useAsyncValue(() => fetchUnitHistory(id), [id, version])
  if (history.error) return <p className="notice-inline unit-form-error">{history.error.message}</p>
  if (!history.value) return null
  const entries = entriesOf(history.value)
  return (
    <section className="unit-history" data-testid="unit-history" aria-label="历史">
      <h3>历史</h3>
      <ol>
        {entries.map((entry, i) => (
          <li key={i}>
            <time>{entry.at}</time> <span className="unit-history-what">{entry.what}</span>
            {entry.by && <span className="unit-history-by"> · {entry.by}</span>}
            {entry.reason && <span className="unit-history-reason">：{entry.reason}</span>}
          </li>
        ))}
      </ol>
    </section>
  )
}

const ACTIONS: Record<UnitHistory['changes'][number]['action'], string> = { create: '新建', edit: '编辑', revoke: '撤销' }

function entriesOf(history: UnitHistory): Entry[] {
  const steps = history.status.map((s) => ({
    at: s.at,
    what: `${s.from ?? '录入'} → ${s.to}${s.level ? `（${s.level}${s.document ? `，${s.document}` : ''}）` : s.document ? `（${s.document}）` : ''}`,
    by: s.by,
    reason: s.reason,
  }))
  const edits = history.changes
    .filter((c) => c.action === 'edit')
    .map((c) => ({
      at: c.at.slice(0, 16).replace('T', ' '),
      what: `${ACTIONS[c.action]} ${Object.keys(c.after).map((field) => `${FIELD_LABELS[field as UnitField] ?? field}: ${text(c.before?.[field as keyof typeof c.before])} → ${text(c.after[field as keyof typeof c.after])}`).join('；')}`,
      by: c.by,
      reason: c.reason,
    }))
  return [...steps, ...edits].sort((a, b) => b.at.localeCompare(a.at))
}

function text(value: unknown): string {
  return value === null || value === undefined || value === '' ? '（空）' : String(value)
}
