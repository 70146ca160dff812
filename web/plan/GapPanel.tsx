import type { GapReport } from '../api/client'

/** The gap table: one row per child area, worst first is left to the reader — rows keep code order. */
export function GapPanel({ gaps }: { gaps: GapReport }) {
  const { summary, completeness } = gaps
  return (
    <section className="plan-summary" data-testid="gap-panel">
      <h2>
        {gaps.area.name} · {gaps.scheme.name} 缺口（{gaps.minLevel}及以上）
      </h2>
      <p className="plan-figures">
        未覆盖 <strong>{summary.uncovered}</strong>/{summary.children} · 缺类别 <strong>{summary.categoryGaps}</strong> 项 · 目标滞后{' '}
        <strong>{summary.targetsBehind}</strong> · 一年内到期 <strong>{summary.expiring}</strong> · 培育库候选 <strong>{summary.candidates}</strong>
      </p>
      <table className="plan-table">
        <thead>
          <tr>
            <th>区域</th>
            <th>已命名</th>
            <th>缺少类别</th>
            <th>候选</th>
          </tr>
        </thead>
        <tbody>
          {gaps.children.map((c) => (
            <tr key={c.code} className={c.covered ? undefined : 'gap-uncovered'}>
              <td>
                {c.name}
                {c.targetsBehind.length > 0 && <span title="目标滞后"> ⚑</span>}
                {c.expiring.length > 0 && <span title={`${c.expiring.length} 个即将到期`}> ⏳</span>}
              </td>
              <td>{c.named}</td>
              <td>{c.missingCategories.join('、') || '齐全'}</td>
              <td>{c.candidates.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>补齐类别的最少推荐（{completeness.filledCount}/{completeness.gapCount} 项可补）</h3>
      <ul className="plan-notes">
        {completeness.promotions.map((p) => (
          <li key={p.unitId}>
            {p.areaName} · {p.category}：{p.name}
          </li>
        ))}
        {completeness.unfillable.length > 0 && (
          <li>培育库中无候选：{completeness.unfillable.map((g) => `${g.areaName}·${g.category}`).join('、')}</li>
        )}
      </ul>
    </section>
  )
}
