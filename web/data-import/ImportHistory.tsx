// The committed imports, newest first, each with its rollback (admins only; /data shows it to them).
import type { ImportBatchSummary } from '../api/client'
import type { AsyncValue } from '../api/use-async-value'

export function ImportHistory({ batches, busy, onRollback }: { batches: AsyncValue<ImportBatchSummary[]>; busy: boolean; onRollback: (id: number) => void }) {
  return (
    <section className="di-panel" aria-label="已提交的导入">
      <h2>3. 已提交的导入</h2>
      {batches.error && <p className="notice notice-error">{batches.error.message}</p>}
      {batches.value && batches.value.length === 0 && <p className="di-muted">还没有导入记录</p>}
      {batches.value && batches.value.length > 0 && (
        <table className="di-rows">
          <thead>
            <tr><th>#</th><th>内容</th><th>文件</th><th>时间</th><th>操作人</th><th>新增/更新</th><th></th></tr>
          </thead>
          <tbody>
            {batches.value.map((b) => (
              <tr key={b.id}>
                <td>{b.id}</td>
                <td>{b.kind === 'units' ? '单位' : '行政区'}</td>
                <td>{b.fileName}</td>
                <td>{b.createdAt.slice(0, 16).replace('T', ' ')}</td>
                <td>{b.createdBy}</td>
                <td>{b.inserted} / {b.updated}</td>
                <td>{b.rolledBackAt ? <span className="di-muted">已由 {b.rolledBackBy} 撤销</span> : <button disabled={busy} onClick={() => onRollback(b.id)}>撤销</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
