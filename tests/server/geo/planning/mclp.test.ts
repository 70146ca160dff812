import { describe, expect, it } from 'vitest'
import { PlanningInputError } from '../../../../server/geo/planning/input-checks'
import type { LonLat } from '../../../../server/geo/planning/distance'
import { maximalCoverage, type MclpInput, type MclpOptions } from '../../../../server/geo/planning/mclp'
import { seededRandom } from '../../../../server/geo/prng'
import { bruteForceOptimum, clusteredInstance, coveredWeightOf, randomInstance, type RandomInstance } from './random-instances'

// On the equator 0.1° of longitude is 11.12 km and 0.05° is 5.56 km. With a 6 km radius, a candidate halfway
// between two neighbouring demand points covers exactly those two.
const onEquator = (lon: number): LonLat => [lon, 0]
const line: MclpInput = {
  demand: [
    { id: 'p0', position: onEquator(0), weight: 3 },
    { id: 'p1', position: onEquator(0.1), weight: 5 },
    { id: 'p2', position: onEquator(0.2), weight: 5 },
    { id: 'p3', position: onEquator(0.3), weight: 3 },
    { id: 'far', position: onEquator(1), weight: 7 }, // 78 km from every site
  ],
  candidates: [
    { id: 'c01', position: onEquator(0.05) }, // covers p0, p1: 8
    { id: 'c12', position: onEquator(0.15) }, // covers p1, p2: 10
    { id: 'c23', position: onEquator(0.25) }, // covers p2, p3: 8
  ],
  sites: 2,
  radiusKm: 6,
}
const heuristicOnly: MclpOptions = { exact: 'never', boundSteps: 0, maxLpVariables: 0 }

describe('maximalCoverage: hand-checked instances', () => {
  it('greedy falls into the middle; interchange climbs out', async () => {
    // Greedy opens c12 (10), then c01 and c23 both add 3; the tie goes to c01: 13 of 16 reachable.
    // Swapping c12 out for c23 loses p2's sole cover (5) but c23 covers p2 again and adds p3: +3 → 16,
    // which covers every reachable point, so it is optimal. In greedy order among themselves, c01 and c23
    // both add 8 and c01 comes first.
    const greedyOnly = await maximalCoverage(line, { ...heuristicOnly, swapPasses: 0 })
    expect(greedyOnly.chosen).toEqual([
      { id: 'c12', coveredWeightAdded: 10 },
      { id: 'c01', coveredWeightAdded: 3 },
    ])
    const result = await maximalCoverage(line, heuristicOnly)
    expect(result).toMatchObject({
      chosen: [
        { id: 'c01', coveredWeightAdded: 8 },
        { id: 'c23', coveredWeightAdded: 8 },
      ],
      coveredWeightBefore: 0,
      coveredWeightAfter: 16,
      totalWeight: 23,
      demandCovered: 4,
      bound: { value: 16, kind: 'exact' }, // all reachable weight: nothing can beat it
      gap: 0,
      method: 'greedy+swap',
      iterations: 3, // two greedy picks and one swap
    })
    expect(result.notes).toContain('1 demand points are beyond every candidate and required site')
  })

  it('counts required sites as covering, and never moves them', async () => {
    // A required unit at 0.35° covers p3 (5.56 km) only: before = 3. Then c12 (10) and c01 (+3) reach
    // p0–p2: 13 more. c01 + c23 would reach the same points; greedy order settles the tie.
    const result = await maximalCoverage(
      { ...line, required: [{ id: 'named', position: onEquator(0.35) }] },
      heuristicOnly,
    )
    expect(result).toMatchObject({
      chosen: [
        { id: 'c12', coveredWeightAdded: 10 },
        { id: 'c01', coveredWeightAdded: 3 },
      ],
      coveredWeightBefore: 3,
      coveredWeightAfter: 16,
      demandCovered: 4,
      bound: { value: 16, kind: 'exact' },
      gap: 0,
    })
  })

  it('opens no more sites than add coverage', async () => {
    const result = await maximalCoverage({ ...line, sites: 3 }, heuristicOnly)
    expect(result.chosen.map((site) => site.id)).toEqual(['c12', 'c01', 'c23'])
    const many = await maximalCoverage({ ...line, sites: 10 }, heuristicOnly)
    expect(many.chosen).toHaveLength(3)
    expect(many.notes).toContain('sites 10 exceeds the 3 candidates: at most all of them open')
  })

  it('answers empty and weightless cases plainly', async () => {
    const none = await maximalCoverage({ ...line, sites: 0 })
    expect(none).toMatchObject({ chosen: [], coveredWeightAfter: 0, bound: { value: 0, kind: 'exact' }, gap: 0 })

    const noDemand = await maximalCoverage({ ...line, demand: [] })
    expect(noDemand).toMatchObject({ chosen: [], totalWeight: 0, coveredWeightAfter: 0, demandCovered: 0, gap: 0 })
    expect(noDemand.notes).toContain('no demand points: nothing to cover')

    const noCandidates = await maximalCoverage({ ...line, candidates: [] })
    expect(noCandidates).toMatchObject({ chosen: [], coveredWeightAfter: 0, totalWeight: 23, gap: 0 })

    // Required units at 0.05° and 0.25° and 1° reach every point (each within 5.56 km): nothing left to add.
    const settled = await maximalCoverage({
      ...line,
      required: [0.05, 0.25, 1].map((lon, j) => ({ id: `named${j}`, position: onEquator(lon) })),
    })
    expect(settled).toMatchObject({ chosen: [], coveredWeightBefore: 23, coveredWeightAfter: 23, demandCovered: 5, gap: 0 })
    expect(settled.notes).toContain('required sites already cover every demand point')

    const weightless = await maximalCoverage({ ...line, demand: line.demand.map((point) => ({ ...point, weight: 0 })) })
    expect(weightless).toMatchObject({ chosen: [], coveredWeightAfter: 0, demandCovered: 0, gap: 0 })
    expect(weightless.notes).toContain('the demand new sites could reach weighs nothing')
  })

  it('names bad input', async () => {
    const withDemand = (weight: number) => ({ ...line, demand: [line.demand[0], { ...line.demand[1], weight }] })
    await expect(maximalCoverage(withDemand(-1))).rejects.toThrow(
      new PlanningInputError('demand point 1 (id "p1"): weight -1 is not a weight (expected a finite number ≥ 0)'),
    )
    await expect(maximalCoverage(withDemand(Infinity))).rejects.toThrow('weight Infinity is not a weight')
    await expect(maximalCoverage({ ...line, sites: 2.5 })).rejects.toThrow(
      new PlanningInputError('sites 2.5 is not a count (expected a whole number ≥ 0)'),
    )
    await expect(maximalCoverage({ ...line, radiusKm: -6 })).rejects.toThrow('radius -6 km is not a radius')
    await expect(
      maximalCoverage({ ...line, candidates: [...line.candidates, { id: 'c12', position: onEquator(0.5) }] }),
    ).rejects.toThrow(new PlanningInputError('candidate 3: id "c12" is already used by candidate 1 (expected unique ids)'))
    await expect(
      maximalCoverage({ ...line, required: [{ id: 'named', position: [200, 0] }] }),
    ).rejects.toThrow('required site 0 (id "named"): longitude 200 is not a longitude (expected −180…180)')
    await expect(maximalCoverage(line, { exact: 'sometimes' as never })).rejects.toThrow(
      'exact "sometimes" is not one of "auto", "never", "always"',
    )
  })
})

describe('maximalCoverage is deterministic', () => {
  it('gives the same answer twice, whatever the route', async () => {
    const instance = randomInstance(5, { demand: 400, candidates: 60, required: 3, sites: 8, radiusKm: 5 })
    for (const options of [heuristicOnly, {}, { exact: 'always' }] as MclpOptions[]) {
      expect(await maximalCoverage(instance, options)).toEqual(await maximalCoverage(instance, options))
    }
  })
})

describe('maximalCoverage against brute force', () => {
  // 30 small instances in a 25 km square: 30–60 demand points, 8–16 candidates, 2–5 sites, radii of 4–9 km
  // so that sites overlap, a third with required sites, a quarter with fractional weights. Greedy alone misses
  // the optimum on about one in five of them, greedy + swap on one.
  const instances: [number, RandomInstance][] = []
  const shapes = seededRandom(2024)
  for (let seed = 1; seed <= 30; seed++) {
    instances.push([
      seed,
      randomInstance(seed, {
        candidates: 8 + Math.floor(shapes() * 9),
        demand: 30 + Math.floor(shapes() * 31),
        required: seed % 3 === 0 ? 1 + Math.floor(shapes() * 2) : 0,
        sites: 2 + Math.floor(shapes() * 4),
        radiusKm: 4 + shapes() * 5,
        box: [103, 27, 103.25, 27.25],
        fractionalWeights: seed % 4 === 0,
      }),
    ])
  }
  const tolerance = (instance: RandomInstance) => 1e-9 * Math.max(1, instance.demand.reduce((sum, p) => sum + p.weight, 0))

  it.each(instances)('instance %i', async (_, instance) => {
    const optimum = bruteForceOptimum(instance)
    const eps = tolerance(instance)

    // exact: 'always' runs the MILP even where a cheaper bound already proves the answer.
    const exact = await maximalCoverage(instance, { exact: 'always' })
    expect(exact.notes.some((note) => note.startsWith('MILP'))).toBe(true)
    expect(exact.coveredWeightAfter).toBeCloseTo(optimum, 6)
    expect(exact.bound.kind).toBe('exact')
    expect(exact.bound.value).toBeCloseTo(optimum, 6)
    expect(exact.gap).toBe(0)

    const variants: MclpOptions[] = [
      heuristicOnly, // greedy + swap, greedy bound
      { exact: 'never', maxLpVariables: 0 }, // + Lagrangian
      { exact: 'never', boundSteps: 0 }, // + LP relaxation
    ]
    for (const options of variants) {
      const result = await maximalCoverage(instance, options)
      const chosen = result.chosen.map((site) => instance.candidates.findIndex((c) => c.id === site.id))
      expect(chosen.length).toBeLessThanOrEqual(instance.sites)
      expect(new Set(chosen).size).toBe(chosen.length)
      // The reported coverage is what the chosen sites really cover, and never beats the optimum.
      expect(result.coveredWeightAfter).toBeCloseTo(coveredWeightOf(instance, chosen), 6)
      expect(result.coveredWeightAfter).toBeLessThanOrEqual(optimum + eps)
      expect(result.bound.value).toBeGreaterThanOrEqual(optimum - eps)
      const added = result.chosen.reduce((sum, site) => sum + site.coveredWeightAdded, 0)
      expect(added).toBeCloseTo(result.coveredWeightAfter - result.coveredWeightBefore, 6)
      const newBound = result.bound.value - result.coveredWeightBefore
      const expectedGap = newBound > eps ? (result.bound.value - result.coveredWeightAfter) / newBound : 0
      expect(result.gap).toBeCloseTo(expectedGap, 9)
      if (result.bound.kind === 'exact') expect(result.coveredWeightAfter).toBeCloseTo(optimum, 6)
    }
  })
})

describe('maximalCoverage beyond ArcGIS limits', () => {
  it('plans 120 sites among 1 500 candidates for 20 000 demand points', async () => {
    const instance = clusteredInstance(99, {
      demand: 20_000,
      candidates: 1_500,
      required: 40,
      sites: 120,
      radiusKm: 8,
      box: [102, 26, 105, 29],
    })
    const result = await maximalCoverage(instance)

    expect(result.chosen).toHaveLength(120)
    const ids = new Set(instance.candidates.map((candidate) => candidate.id))
    expect(result.chosen.every((site) => ids.has(site.id))).toBe(true)
    expect(new Set(result.chosen.map((site) => site.id)).size).toBe(120)
    expect(result.coveredWeightBefore).toBeGreaterThan(0)
    expect(result.coveredWeightAfter).toBeGreaterThan(result.coveredWeightBefore)
    expect(result.bound.value).toBeGreaterThanOrEqual(result.coveredWeightAfter)
    expect(result.gap).toBeGreaterThanOrEqual(0)
    expect(result.gap).toBeLessThan(0.01)
    const added = result.chosen.reduce((sum, site) => sum + site.coveredWeightAdded, 0)
    expect(added).toBeCloseTo(result.coveredWeightAfter - result.coveredWeightBefore, 3)
    // The chosen sites really cover what the result says, by the pairwise test.
    const indexOf = new Map(instance.candidates.map((candidate, j) => [candidate.id, j]))
    expect(result.coveredWeightAfter).toBeCloseTo(
      coveredWeightOf(instance, result.chosen.map((site) => indexOf.get(site.id) ?? -1)),
      3,
    )
  }, 60_000)
})
