import { describe, expect, it } from 'vitest'
import { coverageSets } from '../../../../server/geo/planning/coverage-sets'
import type { LonLat } from '../../../../server/geo/planning/distance'
import { setCover, type LscpInput, type LscpOptions } from '../../../../server/geo/planning/lscp'
import { seededRandom } from '../../../../server/geo/prng'
import { bruteCoverage, bruteForceMinimumCover, randomInstance, type RandomInstance } from './random-instances'

// As in mclp.test.ts: on the equator a candidate 0.05° (5.56 km) from two neighbouring points 0.1° apart
// covers exactly those two within 6 km.
const onEquator = (lon: number): LonLat => [lon, 0]
const line: LscpInput = {
  demand: ['p0', 'p1', 'p2', 'p3'].map((id, i) => ({ id, position: onEquator(i / 10) })).concat([
    { id: 'far', position: onEquator(1) }, // 78 km from every site
  ]),
  candidates: [
    { id: 'c01', position: onEquator(0.05) },
    { id: 'c12', position: onEquator(0.15) },
    { id: 'c23', position: onEquator(0.25) },
  ],
  radiusKm: 6,
}
const heuristicOnly: LscpOptions = { exact: 'never', boundSteps: 0, maxLpVariables: 0 }

describe('setCover: hand-checked instances', () => {
  it('covers the line with its two ends and reports the point nothing reaches', async () => {
    // Every candidate covers two points; the tie goes to c01. Then c23 covers two new points (p2, p3) and
    // c12 one: c23. p0 only c01 reaches and p3 only c23, so no cover has fewer than two sites: the packing
    // bound (p0, p3 share no candidate) proves it.
    const result = await setCover(line, heuristicOnly)
    expect(result).toEqual({
      chosen: [
        { id: 'c01', demandCoveredAdded: 2 },
        { id: 'c23', demandCoveredAdded: 2 },
      ],
      demandTotal: 5,
      demandCoveredBefore: 0,
      demandCovered: 4,
      uncoverable: ['far'],
      bound: { value: 2, kind: 'exact' },
      gap: 0,
      method: 'greedy+prune',
      iterations: 2,
      notes: ['1 demand points are beyond every candidate and required site'],
    })
  })

  it('lets required sites do their part', async () => {
    // A required unit at 0.35° covers p3; a required unit at −0.05° covers p0. Left: p1, p2, which c12 alone
    // covers.
    const result = await setCover(
      { ...line, required: [{ id: 'east', position: onEquator(0.35) }, { id: 'west', position: onEquator(-0.05) }] },
      heuristicOnly,
    )
    expect(result).toMatchObject({
      chosen: [{ id: 'c12', demandCoveredAdded: 2 }],
      demandCoveredBefore: 2,
      demandCovered: 4,
      uncoverable: ['far'],
      bound: { value: 1, kind: 'exact' },
    })
  })

  it('prunes a greedy pick that later picks made redundant', async () => {
    // Points a…f on the equator 0.1° (11.1 km) apart, radius 16.9 km (0.152°). A at 0.1° covers a, b, c;
    // X at 0.25° covers b, c, d, e (0.05° and 0.15° away); B at 0.4° covers d, e, f. Z, 0.14° (15.6 km)
    // north of c, covers c alone (b and d are 0.172°, 19.1 km, away); W, as far south of d, covers d alone.
    // They make every point's set of candidates distinct: a {A}, b {A,X}, c {A,X,Z}, d {X,B,W}, e {X,B}, f {B},
    // so greedy, which counts distinct sets, sees X cover 4, A and B 3, Z and W 1. It picks X, then A and B
    // (each adds one); Z and W add nothing. A and B then cover all X covers: pruning drops X. a and f share
    // no candidate, so two sites are needed: optimal.
    const demand = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, position: onEquator(i / 10) }))
    const result = await setCover(
      {
        demand,
        candidates: [
          { id: 'A', position: onEquator(0.1) },
          { id: 'X', position: onEquator(0.25) },
          { id: 'B', position: onEquator(0.4) },
          { id: 'Z', position: [0.2, 0.14] },
          { id: 'W', position: [0.3, -0.14] },
        ],
        radiusKm: 16.9,
      },
      heuristicOnly,
    )
    expect(result.chosen).toEqual([
      { id: 'A', demandCoveredAdded: 3 },
      { id: 'B', demandCoveredAdded: 3 },
    ])
    expect(result.notes).toContain('pruning dropped 1 redundant sites')
    expect(result.bound).toEqual({ value: 2, kind: 'exact' })
    expect(result.iterations).toBe(4) // three picks, one pruned
  })

  it('answers empty cases', async () => {
    expect(await setCover({ ...line, demand: [] })).toMatchObject({ chosen: [], demandTotal: 0, gap: 0 })
    const noCandidates = await setCover({ ...line, candidates: [] })
    expect(noCandidates).toMatchObject({ chosen: [], demandCovered: 0, uncoverable: ['p0', 'p1', 'p2', 'p3', 'far'] })
  })

  it('names bad input', async () => {
    await expect(setCover({ ...line, radiusKm: 0 })).rejects.toThrow('radius 0 km is not a radius')
    await expect(
      setCover({ ...line, demand: [{ id: 'x', position: [103, 95] }] }),
    ).rejects.toThrow('demand point 0 (id "x"): latitude 95 is not a latitude (expected −90…90)')
    await expect(setCover(line, { timeLimitSeconds: 0 })).rejects.toThrow(
      'timeLimitSeconds 0 is not positive (expected a number > 0)',
    )
  })
})

describe('setCover against brute force', () => {
  // 20 small instances in a 20 km square: 30–60 demand points, 8–14 candidates, radii of 6–10 km, a third with
  // a required site. exact: 'always' runs the MILP on every one, even where a cheaper bound proves the answer.
  const instances: [number, RandomInstance][] = []
  const shapes = seededRandom(77)
  for (let seed = 101; seed <= 120; seed++) {
    instances.push([
      seed,
      randomInstance(seed, {
        candidates: 8 + Math.floor(shapes() * 7),
        demand: 30 + Math.floor(shapes() * 31),
        required: seed % 3 === 0 ? 1 : 0,
        sites: 0,
        radiusKm: 6 + shapes() * 4,
        box: [103, 27, 103.2, 27.2],
      }),
    ])
  }

  it.each(instances)('instance %i', async (_, instance) => {
    const optimum = bruteForceMinimumCover(instance)
    const candidateCover = bruteCoverage(instance.demand, instance.candidates, instance.radiusKm)
    const requiredCover = bruteCoverage(instance.demand, instance.required, instance.radiusKm)
    const reachable = new Set<number>()
    for (const set of [...candidateCover, ...requiredCover]) for (const i of set) reachable.add(i)
    const expectedUncoverable = instance.demand.filter((_, i) => !reachable.has(i)).map((point) => point.id)

    const exact = await setCover(instance, { exact: 'always', boundSteps: 0 })
    expect(exact.notes.some((note) => note.startsWith('MILP'))).toBe(true)
    expect(exact.chosen).toHaveLength(optimum)
    expect(exact.bound).toEqual({ value: optimum, kind: 'exact' })

    for (const options of [heuristicOnly, { exact: 'never', maxLpVariables: 0 }, { exact: 'never', boundSteps: 0 }] as LscpOptions[]) {
      const result = await setCover(instance, options)
      expect(result.chosen.length).toBeGreaterThanOrEqual(optimum)
      expect(result.bound.value).toBeLessThanOrEqual(optimum)
      expect(result.uncoverable).toEqual(expectedUncoverable)
      // Every point a site can reach is within the radius of a required or chosen site.
      const chosen = result.chosen.map((site) => instance.candidates.findIndex((c) => c.id === site.id))
      const covered = new Set<number>()
      for (const set of [...requiredCover, ...chosen.map((j) => candidateCover[j])]) for (const i of set) covered.add(i)
      expect([...reachable].filter((i) => !covered.has(i))).toEqual([])
      expect(result.demandCovered).toBe(reachable.size)
      expect(result.chosen.reduce((sum, site) => sum + site.demandCoveredAdded, 0)).toBe(
        reachable.size - result.demandCoveredBefore,
      )
    }
    // The coverage module agrees on what is reachable.
    const sets = coverageSets(instance.demand, instance.candidates, instance.radiusKm)
    expect(sets.demand.length).toBe(candidateCover.reduce((sum, set) => sum + set.size, 0))
  })
})

describe('setCover at prefecture scale', () => {
  it('covers 10 000 demand points from 1 000 candidates', async () => {
    const random = seededRandom(5)
    const at = (): LonLat => [102 + random() * 1.5, 26 + random() * 1.5]
    const demand = Array.from({ length: 10_000 }, (_, i) => ({ id: `d${i}`, position: at() }))
    const candidates = Array.from({ length: 1_000 }, (_, j) => ({ id: `c${j}`, position: at() }))
    const result = await setCover({ demand, candidates, radiusKm: 10 }, { boundSteps: 200 })
    expect(result.demandCovered + result.uncoverable.length).toBe(10_000)
    // Every reachable point is covered by a chosen site.
    const chosen = new Set(result.chosen.map((site) => site.id))
    const sets = coverageSets(demand, candidates, 10)
    const covered = new Uint8Array(demand.length)
    candidates.forEach((candidate, j) => {
      if (chosen.has(candidate.id)) for (let k = sets.starts[j]; k < sets.starts[j + 1]; k++) covered[sets.demand[k]] = 1
    })
    expect(covered.reduce((sum, flag) => sum + flag, 0)).toBe(result.demandCovered)
    expect(result.bound.value).toBeLessThanOrEqual(result.chosen.length)
    expect(result.gap).toBeLessThan(0.5)
  }, 20_000)
})
