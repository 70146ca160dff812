// /audit: the audit trail (安全审计) for those the server lets read it: filters by user, type, object and dates,
// the newest 500 records that match, and the same selection as a CSV to download.
import { useState } from 'react'
import { auditExportUrl, fetchAudit, fetchCurrentUser, type AuditQuery } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { LedgerHeader } from '../panels/LedgerHeader'
import { PageMessages } from '../panels/PageMessages'
import './audit.css'

const FIELDS: readonly { key: keyof AuditQuery; label: string; type: 'text' | 'date' }[] = [
  { key: 'actor', label: '用户', type: 'text' },
  { key: 'action', label: '类型', type: 'text' },
  { key: 'entity', label: '对象', type: 'text' },
  { key: 'entityId', label: '对象编号', type: 'text' },
  { key: 'from', label: '起始日期', type: 'date' },
  { key: 'to', label: '截止日期', type: 'date' },
]

const RESULT_TEXT = { success: '成功', failure: '失败' } as const

export function AuditApp() {
  const user = useAsyncValue(fetchCurrentUser, []).value
  const [draft, setDraft] = useState<AuditQuery>({})
  const [query, setQuery] = useState<AuditQuery>({})
  const listed = useAsyncValue(() => fetchAudit(query), [query])
  const entries = listed.value ?? []

  return (
    <div className="ledger-page audit-page">
      <LedgerHeader title="审计日志" here="/audit" user={user} />
      <form className="audit-filters" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(draft) }}>
        {FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input type={f.type} value={draft[f.key] ?? ''} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
          </label>
        ))}
        <button type="submit" className="button-primary">筛选</button>
        <a className="audit-export" href={auditExportUrl(query)} download>
          导出 CSV
        </a>
        <span className="audit-total">{listed.value ? `最近 ${entries.length} 条（最多 500 条；导出含全部匹配记录）` : listed.error ? '' : '正在加载…'}</span>
      </form>
      <PageMessages loadError={listed.error} message={null} />
      <div className="audit-main">
        <table className="audit-table">
          <thead>
            <tr>
              {['编号', '时间 (UTC)', '用户', '类型', '对象', '结果', '地址', '内容'].map((h) => <th key={h} scope="col">{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className={e.result === 'failure' ? 'is-failure' : undefined}>
                <td className="audit-num">{e.id}</td>
                <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.entity}{e.entityId === null ? '' : ` ${e.entityId}`}</td>
                <td>{RESULT_TEXT[e.result]}</td>
                <td>{e.address ?? '—'}</td>
                <td className="audit-detail" title={JSON.stringify(e.after ?? e.before)}>{e.after === null && e.before === null ? '—' : JSON.stringify(e.after ?? e.before)}</td>
              </tr>
            ))}
            {listed.value && entries.length === 0 && (
              <tr>
                <td colSpan={8} className="audit-empty">没有符合条件的记录。</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  )
}
