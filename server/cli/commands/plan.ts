import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { z } from 'zod'
import { readConfig } from '../../config'
import { areaCodeParam, honourLevelParam } from '../../http/params'
import { describeIssues } from '../../http/validate'
import { decodeText } from '../../import/decode-text'
import { ImportError } from '../../import/import-error'
import { openDataDirStore } from '../../open-store'
import { PointFileError, pointsFromText, type FilePoint } from '../../plan/point-file'
import { DomainError } from '../../domain-error'
import { sitePlan, type SitePlanReport } from '../../plan/site-plan'
import { CliError, command, parseOptions } from '../command'

const HELP = `Usage: atlas plan --area CODE --sites N [options]

Chooses N new demonstration sites that together cover the most demand (maximal covering, MCLP): a demand
point is covered when a site lies within --radius-km of it (great-circle distance; road travel time is
out of scope until road data exists). Named units already in the area count as open sites. The answer
is found by greedy + interchange search and, where the model is small enough, proved or improved by the
HiGHS MILP solver; the optimality gap says how far from the best possible it can be.

Options:
  --area CODE          the area to plan for, e.g. 530626 (绥江县) or 530600 (昭通市)
  --sites N            how many new sites to choose (lscp: the most it may take)
  --model MODEL        mclp (default): N sites covering the most demand | lscp: the fewest sites covering
                       all demand any site can reach
  --radius-km R        coverage radius in km (default 5)
  --min-level LEVEL    named units at this level or above count as open (default 县级)
  --demand FILE        demand points (default: the area's settlements in the store; the demo's are 示例数据)
  --candidates FILE    candidate sites (default: the area's units in 培育/申报 with coordinates)
  --required FILE      sites already open (default: the area's named units with coordinates)
  --exact MODE         auto (default) | never | always: when to run the MILP solver
  --format FORMAT      json (default) | geojson (the chosen sites as points)
  --out FILE           write to FILE instead of standard output
  -h, --help           show this help

Point files are GeoJSON points or CSV rows lon,lat[,weight][,id] (a header row with lon/lat or 经度/纬度
is optional; weight defaults to 1), UTF-8 or GBK, WGS84.

Example: atlas plan --area 530626 --sites 3 --radius-km 3
`

const planArgs = z.object({
  area: areaCodeParam,
  model: z.enum(['mclp', 'lscp'], { error: 'expected mclp or lscp' }).default('mclp'),
  sites: z.coerce.number({ error: 'expected a number of sites such as 3' }).int('expected a whole number').min(1).max(1000),
  'radius-km': z.coerce.number({ error: 'expected a radius in km such as 5' }).positive('expected a radius > 0').max(200).default(5),
  'min-level': honourLevelParam.default('县级'),
  exact: z.enum(['auto', 'never', 'always'], { error: 'expected auto, never or always' }).default('auto'),
  format: z.enum(['json', 'geojson'], { error: 'expected json or geojson' }).default('json'),
  out: z.string().min(1).optional(),
})

export const planCommand = command('plan', 'choose the next demonstration sites (maximal coverage) with their optimality gap', HELP, async (args, io) => {
  const { values } = parseOptions(args, {
    area: { type: 'string' }, model: { type: 'string' }, sites: { type: 'string' }, 'radius-km': { type: 'string' },
    'min-level': { type: 'string' }, demand: { type: 'string' }, candidates: { type: 'string' },
    required: { type: 'string' }, exact: { type: 'string' }, format: { type: 'string' },
    out: { type: 'string' },
  }, { name: 'plan', help: HELP })
  if (values.area === undefined) throw new CliError('atlas plan: --area is required (e.g. --area 530626); see atlas plan --help')
  if (values.sites === undefined) throw new CliError('atlas plan: --sites is required (e.g. --sites 3); see atlas plan --help')
  const parsed = planArgs.safeParse(values)
  if (!parsed.success) throw new CliError(`atlas plan: ${describeIssues(parsed.error.issues, values).replace(/^(\w[\w-]*):/, '--$1:')}`)
  const options = parsed.data
  const demand = values.demand === undefined ? undefined : readPoints(values.demand, 'demand file')
  const candidates = values.candidates === undefined ? undefined : readPoints(values.candidates, 'candidates file')
  const required = values.required === undefined ? undefined : readPoints(values.required, 'required file')

  const store = openDataDirStore(readConfig(io.env), io.err)
  try {
    const started = Date.now()
    const report = await sitePlan(
      store.snapshot(),
      { area: options.area, model: options.model, sites: options.sites, radiusKm: options['radius-km'], minLevel: options['min-level'], demand, candidates, required },
      { exact: options.exact },
    )
    const text = options.format === 'geojson' ? `${JSON.stringify(chosenSitesGeoJson(report), null, 2)}\n` : `${JSON.stringify(report, null, 2)}\n`
    if (options.out === undefined) io.out(text)
    else writeFileSync(options.out, text)
    io.err(summaryLine(report, Date.now() - started) + (options.out ? `; written to ${options.out}` : ''))
    return 0
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`atlas plan: ${error.message}`)
    throw error
  } finally {
    store.close()
  }
})

function readPoints(file: string, what: string): FilePoint[] {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (error) {
    throw new CliError(`atlas plan: cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  try {
    return pointsFromText(decodeText(bytes).text, basename(file), what)
  } catch (error) {
    if (error instanceof PointFileError || error instanceof ImportError) throw new CliError(`atlas plan: ${error.message}`)
    throw error
  }
}

function summaryLine(report: SitePlanReport, ms: number): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`
  return (
    `${report.area.name} (${report.model}): ${report.chosen.length} of ${report.sites} sites chosen (${report.chosen.map((s) => s.id).join(', ') || 'none'}); ` +
    `covered weight ${report.coveredWeightBefore} → ${report.coveredWeightAfter} of ${report.totalWeight} ` +
    `(${percent(report.coveredShareBefore)} → ${percent(report.coveredShareAfter)}), gap ${percent(report.gap)} ` +
    `(${report.bound.kind} bound), ${report.method}, ${ms} ms` +
    (report.sample ? ' · 示例数据' : '')
  )
}

export function chosenSitesGeoJson(report: SitePlanReport) {
  return {
    type: 'FeatureCollection' as const,
    features: report.chosen.map((site, rank) => ({
      type: 'Feature' as const,
      id: site.id,
      geometry: { type: 'Point' as const, coordinates: site.position },
      properties: { rank: rank + 1, ...site, position: undefined },
    })),
  }
}
