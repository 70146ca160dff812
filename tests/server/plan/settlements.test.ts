import { booleanPointInPolygon } from '@turf/turf'
import { expect, test } from 'vitest'
import type { Area } from '../../../server/shared/domain'
import { sampleSettlements } from '../../../server/plan/settlements'

const township = (code: string, population: number | null): Area => ({
  code,
  name: `镇${code.slice(-1)}`,
  level: 'township',
  parent: '530626',
  geometry: { type: 'MultiPolygon', coordinates: [[[[104, 28], [104.2, 28], [104.2, 28.2], [104, 28], [104, 28]]]] }, // a triangle
  population,
  minorityShare: null,
  areaKm2: null,
  schematic: true,
  populationIsSample: true,
})

test('settlements lie inside their township, share its population, are labelled 示例 and repeat exactly', () => {
  const townships = [township('530626101', 10_000), township('530626102', null)]
  const settlements = sampleSettlements(townships, { perTownship: 4 })
  expect(settlements).toHaveLength(4) // the township without a population gets none
  for (const s of settlements) {
    expect(booleanPointInPolygon([...s.position], townships[0].geometry!)).toBe(true)
    expect(s.name).toMatch(/^镇1示例居民点\d$/)
    expect(s.sample).toBe(true)
  }
  const total = settlements.reduce((sum, s) => sum + s.weight, 0)
  expect(Math.abs(total - 10_000)).toBeLessThanOrEqual(2)
  expect(settlements[0].weight).toBe(Math.max(...settlements.map((s) => s.weight)))
  expect(sampleSettlements(townships, { perTownship: 4 })).toEqual(settlements)
})
