// The 列 menu of the units table: a checkbox per column.
export function ColumnChooser({ columns, shown, onToggle }: { columns: readonly { key: string; label: string }[]; shown: ReadonlySet<string>; onToggle(key: string, on: boolean): void }) {
  return (
    <details className="units-columns">
      <summary>显示列</summary>
      <div className="units-columns-menu" role="group" aria-label="显示列">
        {columns.map((c, i) => (
          <label key={c.key}>
            <input type="checkbox" checked={shown.has(c.key)} disabled={i === 0} onChange={(e) => onToggle(c.key, e.target.checked)} /> {c.label}
          </label>
        ))}
      </div>
    </details>
  )
}
