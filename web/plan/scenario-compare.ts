// Saved plans side by side: one row per figure, one column per scenario. Pure, for the table and its test.
import type { PlanReport } from '../api/client'
import { percent } from './plan-files'

export interface ComparedScenario {
  name: string
  report: PlanReport
}

export interface ComparisonRow {
  label: string
  values: string[]
  best: number | null // column of the best value, when "best" means something for the row
}

export function scenarioComparison(scenarios: readonly ComparedScenario[]): ComparisonRow[] {
  const row = (label: string, valueOf: (r: PlanReport) => string, score?: (r: PlanReport) => number): ComparisonRow => {
    const values = scenarios.map((s) => valueOf(s.report))
    if (!score || scenarios.length < 2) return { label, values, best: null }
    const scores = scenarios.map((s) => score(s.report))
    const top = Math.max(...scores)
    return { label, values, best: scores.filter((x) => x === top).length === 1 ? scores.indexOf(top) : null }
  }
  return [
    row('模型', (r) => (r.model === 'mclp' ? '最大覆盖' : '最少点全覆盖')),
    row('覆盖半径', (r) => `${r.radiusKm} km`),
    row('新示范点', (r) => String(r.chosen.length), (r) => -r.chosen.length),
    row('覆盖人口 (前)', (r) => `${r.coveredWeightBefore.toLocaleString('zh-CN')} (${percent(r.coveredShareBefore)})`),
    row('覆盖人口 (后)', (r) => `${r.coveredWeightAfter.toLocaleString('zh-CN')} (${percent(r.coveredShareAfter)})`, (r) => r.coveredShareAfter),
    row('新增覆盖', (r) => (r.coveredWeightAfter - r.coveredWeightBefore).toLocaleString('zh-CN'), (r) => r.coveredWeightAfter - r.coveredWeightBefore),
    row('新覆盖乡镇', (r) => r.townshipsNewlyCovered.map((t) => t.name).join('、') || '–', (r) => r.townshipsNewlyCovered.length),
    row('补齐类别', (r) => r.categoriesFilled.map((c) => `${c.areaName}·${c.category}`).join('、') || '–', (r) => r.categoriesFilled.length),
    row('最优性差距', (r) => percent(r.gap), (r) => -r.gap),
    row('选点', (r) => r.chosen.map((s) => s.name).join('、') || '–'),
  ]
}
