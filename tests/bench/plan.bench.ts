// Site-planning benchmark: maximal covering at ArcGIS Network Analyst's location-allocation limits
// (10 000 demand points, 1 000 candidates, 100 facilities) and five times past them.
//
//   npx tsx tests/bench/plan.bench.ts
//
// For each size, on one seeded instance (settlements clustered around towns, candidates near settlements):
//   naive       every demand–candidate distance (a full matrix of haversines), then plain greedy that
//               recomputes every candidate's gain at every pick: the textbook baseline
//   lazy greedy coverage sets from the demand grid, demand grouped, lazy greedy: the same picks (checked)
//   heuristic   maximalCoverage with no HiGHS solve: lazy greedy, interchange, Lagrangian bound and restarts
//   auto        maximalCoverage with its defaults (a MILP when the reduced model is small enough)
//   milp        at the ArcGIS size only: the MILP given MILP_SECONDS, for its incumbent and dual bound
// and prints times, speedups, covered shares, bounds and gaps. Exits non-zero if lazy and plain greedy differ.
import { coverageSets } from '../../server/geo/planning/coverage-sets'
import { lazyGreedy } from '../../server/geo/planning/coverage-search'
import { demandGroups } from '../../server/geo/planning/demand-groups'
import { haversineKm, type LonLat } from '../../server/geo/planning/distance'
import { maximalCoverage, type MclpOptions, type MclpResult } from '../../server/geo/planning/mclp'
import { seededRandom } from '../../server/geo/prng'
import { clusteredInstance, type ClusteredShape, type RandomInstance } from '../server/geo/planning/random-instances'

const SIZES: (ClusteredShape & { label: string; milp: boolean })[] = [
  {
    label: 'ArcGIS limits',
    demand: 10_000,
    candidates: 1_000,
    required: 20,
    sites: 100,
    radiusKm: 8,
    box: [102.5, 26.5, 105.5, 28.8], // about 昭通市
    milp: true,
  },
  {
    label: 'beyond (5×)',
    demand: 50_000,
    candidates: 5_000,
    required: 50,
    sites: 200,
    radiusKm: 8,
    box: [100, 24, 106, 29], // about central 云南
    milp: false,
  },
]
const MILP_SECONDS = 60
const COVERAGE_SETS_SIZE = { demand: 100_000, sites: 10_000, radiusKm: 5 }

interface Timed<T> {
  ms: number
  value: T
}

async function timed<T>(work: () => T | Promise<T>): Promise<Timed<T>> {
  const started = performance.now()
  const value = await work()
  return { ms: performance.now() - started, value }
}

/** The baseline: a full distance matrix, then greedy recomputing every gain at every pick. */
function naiveGreedy(instance: RandomInstance): { matrixMs: number; greedyMs: number; picks: number[] } {
  const { demand, candidates, required, radiusKm, sites } = instance
  let started = performance.now()
  const coverage = candidates.map(({ position: [lon, lat] }) => {
    const covered: number[] = []
    for (let i = 0; i < demand.length; i++) {
      if (haversineKm(lon, lat, demand[i].position[0], demand[i].position[1]) <= radiusKm) covered.push(i)
    }
    return covered
  })
  const isCovered = new Uint8Array(demand.length)
  for (const { position: [lon, lat] } of required) {
    for (let i = 0; i < demand.length; i++) {
      if (haversineKm(lon, lat, demand[i].position[0], demand[i].position[1]) <= radiusKm) isCovered[i] = 1
    }
  }
  const matrixMs = performance.now() - started

  started = performance.now()
  const picks: number[] = []
  const isPicked = new Uint8Array(candidates.length)
  while (picks.length < sites) {
    let best = -1
    let bestGain = 0
    for (let j = 0; j < candidates.length; j++) {
      if (isPicked[j] === 1) continue
      let gain = 0
      for (const i of coverage[j]) if (isCovered[i] === 0) gain += demand[i].weight
      if (gain > bestGain) {
        best = j
        bestGain = gain
      }
    }
    if (best < 0) break
    picks.push(best)
    isPicked[best] = 1
    for (const i of coverage[best]) isCovered[i] = 1
  }
  return { matrixMs, greedyMs: performance.now() - started, picks }
}

function ourGreedy(instance: RandomInstance): number[] {
  const sets = coverageSets(instance.demand, instance.candidates, instance.radiusKm)
  const requiredSets = coverageSets(instance.demand, instance.required, instance.radiusKm)
  const groups = demandGroups(sets, requiredSets, Float64Array.from(instance.demand, (point) => point.weight))
  return lazyGreedy(groups, instance.sites).picks
}

function duration(ms: number): string {
  return ms < 10_000 ? `${ms.toFixed(ms < 100 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(1)} s`
}

const percent = (share: number, digits = 2) => `${(share * 100).toFixed(digits)} %`

function describe(result: MclpResult): string {
  return (
    `covers ${percent(result.coveredWeightAfter / result.totalWeight)} of the weight ` +
    `(required alone ${percent(result.coveredWeightBefore / result.totalWeight)}); ` +
    `bound ${result.bound.kind} ${Math.round(result.bound.value)}, gap ${percent(result.gap, 3)}; ${result.method}`
  )
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)))
  return rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n')
}

async function main(): Promise<number> {
  let failures = 0
  const summary: string[][] = [
    ['size', 'naive', 'lazy greedy', 'speedup', 'heuristic', 'naive / heuristic', 'gap', 'bound'],
  ]
  for (const [index, size] of SIZES.entries()) {
    const instance = clusteredInstance(1 + index, size)
    const title = `${size.demand} demand × ${size.candidates} candidates × ${size.sites} sites (${size.label})`
    console.log(`\n${title}, radius ${size.radiusKm} km, ${size.required} required sites`)

    const naive = naiveGreedy(instance)
    const naiveMs = naive.matrixMs + naive.greedyMs
    console.log(`  naive         ${duration(naiveMs)} (distance matrix ${duration(naive.matrixMs)}, plain greedy ${duration(naive.greedyMs)})`)
    const lazy = await timed(() => ourGreedy(instance))
    const isSame = lazy.value.length === naive.picks.length && lazy.value.every((pick, k) => pick === naive.picks[k])
    if (!isSame) failures++
    console.log(`  lazy greedy   ${duration(lazy.ms)}: ${(naiveMs / lazy.ms).toFixed(0)}× faster, ${isSame ? 'same picks' : 'DIFFERENT PICKS'}`)

    const heuristicOptions: MclpOptions = { exact: 'never', maxLpVariables: 0 }
    const heuristic = await timed(() => maximalCoverage(instance, heuristicOptions))
    const greedyOnly = await maximalCoverage(instance, { ...heuristicOptions, swapPasses: 0, boundSteps: 0 })
    const improvement = heuristic.value.coveredWeightAfter / greedyOnly.coveredWeightAfter - 1
    console.log(`  heuristic     ${duration(heuristic.ms)}: ${describe(heuristic.value)}; +${percent(improvement, 3)} over greedy`)
    const auto = await timed(() => maximalCoverage(instance))
    console.log(`  auto          ${duration(auto.ms)}: ${describe(auto.value)}`)
    console.log(`                ${auto.value.notes.join('; ')}`)
    if (size.milp) {
      const milp = await timed(() => maximalCoverage(instance, { exact: 'always', timeLimitSeconds: MILP_SECONDS }))
      const vsHeuristic = milp.value.coveredWeightAfter / heuristic.value.coveredWeightAfter - 1
      console.log(`  milp ≤ ${MILP_SECONDS} s   ${duration(milp.ms)}: ${describe(milp.value)}; ${vsHeuristic >= 0 ? '+' : ''}${percent(vsHeuristic, 3)} over the heuristic`)
      console.log(`                ${milp.value.notes.at(-1)}`)
    }
    summary.push([
      title,
      duration(naiveMs),
      duration(lazy.ms),
      `${(naiveMs / lazy.ms).toFixed(0)}×`,
      duration(heuristic.ms),
      `${(naiveMs / heuristic.ms).toFixed(1)}×`,
      percent(heuristic.value.gap, 3),
      heuristic.value.bound.kind,
    ])
  }

  // Coverage sets alone at 100 000 × 10 000.
  const random = seededRandom(42)
  const at = (): LonLat => [100 + random() * 6, 24 + random() * 5]
  const demand = Array.from({ length: COVERAGE_SETS_SIZE.demand }, (_, i) => ({ id: `d${i}`, position: at() }))
  const sites = Array.from({ length: COVERAGE_SETS_SIZE.sites }, (_, j) => ({ id: `s${j}`, position: at() }))
  const sets = await timed(() => coverageSets(demand, sites, COVERAGE_SETS_SIZE.radiusKm))
  console.log(
    `\ncoverage sets, ${COVERAGE_SETS_SIZE.demand} × ${COVERAGE_SETS_SIZE.sites}, radius ${COVERAGE_SETS_SIZE.radiusKm} km: ` +
      `${duration(sets.ms)}, ${sets.value.demand.length} pairs (a full matrix would be ${COVERAGE_SETS_SIZE.demand * COVERAGE_SETS_SIZE.sites} haversines)`,
  )

  console.log(`\n${table(summary)}\n`)
  console.log('heuristic = coverage sets + lazy greedy + interchange + Lagrangian bound and restarts, no HiGHS')
  console.log('gap = (bound − covered) / (bound − covered by required sites alone)')
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
  return failures === 0 ? 0 : 1
}

process.exitCode = await main()
