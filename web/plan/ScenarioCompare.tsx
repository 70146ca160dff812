import { useEffect, useState } from 'react'
import { fetchPlanScenario, fetchPlanScenarios, type PlanScenarioSummary } from '../api/client'
import { scenarioComparison, type ComparedScenario } from './scenario-compare'

/** Saved scenarios of the area: tick two or more to see them side by side. */
export function ScenarioCompare({ area, refresh }: { area: string; refresh: number }) {
  const [saved, setSaved] = useState<PlanScenarioSummary[]>([])
  const [picked, setPicked] = useState<ComparedScenario[]>([])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    fetchPlanScenarios(area).then(setSaved, (e: Error) => setError(e.message))
  }, [area, refresh])

  async function toggle(id: number, name: string, on: boolean) {
    if (!on) return setPicked((p) => p.filter((s) => s.name !== name))
    try {
      const scenario = await fetchPlanScenario(id)
      setPicked((p) => [...p, { name, report: scenario.result }])
    } catch (e) {
      setError((e as Error).message)
    }
  }

  const rows = scenarioComparison(picked)
  return (
    <section className="plan-summary" data-testid="scenario-compare">
      <h2>方案对比</h2>
      {saved.length === 0 && <p>此区域尚无保存的方案。计算后点“保存方案”（需要登录）。</p>}
      <ul className="scenario-list">
        {saved.map((s) => (
          <li key={s.id}>
            <label>
              <input type="checkbox" onChange={(e) => void toggle(s.id, s.name, e.target.checked)} /> {s.name}
              <small>
                {' '}
                · {s.createdBy} · {s.createdAt.slice(0, 10)}
              </small>
            </label>
          </li>
        ))}
      </ul>
      {picked.length > 0 && (
        <table className="plan-table compare-table">
          <thead>
            <tr>
              <th />
              {picked.map((s) => (
                <th key={s.name}>{s.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th>{row.label}</th>
                {row.values.map((v, i) => (
                  <td key={picked[i].name} className={row.best === i ? 'compare-best' : undefined}>
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <p className="notice-error">{error}</p>}
    </section>
  )
}
