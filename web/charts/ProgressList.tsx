// Progress bars with a label and "achieved / target": target progress. Plain HTML, styled by the host page.

export interface ProgressRow {
  key: string
  label: string
  achieved: number
  count: number
  progress: number // 0..1
  tone: 'met' | 'behind' | 'on-track'
}

export function ProgressList({ rows }: { rows: readonly ProgressRow[] }) {
  return (
    <ul className="progress-list">
      {rows.map((row) => (
        <li key={row.key} className={`progress-row tone-${row.tone}`} data-key={row.key}>
          <div className="progress-head">
            <span className="progress-label">{row.label}</span>
            <span className="progress-figure">
              {row.achieved}/{row.count}
            </span>
          </div>
          <div className="progress-track">
            <div className="progress-fill" style={{ width: `${Math.round(row.progress * 100)}%` }} />
          </div>
        </li>
      ))}
    </ul>
  )
}
