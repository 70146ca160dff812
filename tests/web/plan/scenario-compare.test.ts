import { expect, test } from 'vitest'
import type { PlanReport } from '../../../web/api/client'
import { scenarioComparison } from '../../../web/plan/scenario-compare'

function report(fields: Partial<PlanReport>): PlanReport {
  return {
    area: { code: '530626', name: '绥江县' },
    model: 'mclp',
    radiusKm: 3,
    sites: 3,
    minLevel: '县级',
    sources: { demand: 'sample-settlements', candidates: 'store', required: 'store' },
    counts: { demand: 25, candidates: 9, required: 35 },
    chosen: [],
    coveredWeightBefore: 60_000,
    coveredWeightAfter: 60_000,
    totalWeight: 150_000,
    coveredShareBefore: 0.4,
    coveredShareAfter: 0.4,
    bound: { value: 60_000, kind: 'exact' },
    gap: 0,
    method: 'greedy+swap',
    uncoverable: 0,
    townshipsNewlyCovered: [],
    categoriesFilled: [],
    sample: true,
    demand: null,
    required: [],
    notes: [],
    ...fields,
  }
}

const site = (name: string) => ({ id: name, name, position: [104, 28.5] as [number, number], coveredWeightAdded: 1, unitId: null, category: null, status: null, areaCode: null, areaName: null })

test('rows compare the figures; the best column is marked only where one scenario is strictly best', () => {
  const a = report({ chosen: [site('甲')], coveredWeightAfter: 80_000, coveredShareAfter: 0.5333, gap: 0 })
  const b = report({ chosen: [site('乙'), site('丙')], radiusKm: 5, coveredWeightAfter: 90_000, coveredShareAfter: 0.6, gap: 0.02, model: 'lscp' })
  const rows = scenarioComparison([{ name: 'A', report: a }, { name: 'B', report: b }])
  const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]))
  expect(byLabel['模型'].values).toEqual(['最大覆盖', '最少点全覆盖'])
  expect(byLabel['覆盖人口 (后)']).toEqual({ label: '覆盖人口 (后)', values: ['80,000 (53.3%)', '90,000 (60.0%)'], best: 1 })
  expect(byLabel['新示范点'].best).toBe(0) // fewer sites is better
  expect(byLabel['最优性差距'].best).toBe(0)
  expect(byLabel['覆盖人口 (前)'].best).toBeNull()
  expect(byLabel['新覆盖乡镇'].best).toBeNull() // a tie: 0 and 0
  expect(byLabel['选点'].values).toEqual(['甲', '乙、丙'])
})

test('a single scenario marks nothing as best', () => {
  expect(scenarioComparison([{ name: 'A', report: report({}) }]).every((r) => r.best === null)).toBe(true)
})
