import { writeFileSync } from 'node:fs'
import { z } from 'zod'
import { readConfig } from '../../config'
import { coverageByArea, UnknownSchemeError } from '../../geo/coverage'
import { areaCodeParam, honourLevelParam, schemeParam, statusListParam, yearParam } from '../../http/params'
import { describeIssues } from '../../http/validate'
import { openDataDirStore } from '../../open-store'
import { CliError, command, parseOptions } from '../command'
import { coverageCsv } from '../coverage-csv'

const HELP = `Usage: atlas coverage --level county|township [options]

Coverage of areas by named demonstration units, computed from the store in ATLAS_DATA_DIR (./data).

Options:
  --level LEVEL        county | township | prefecture | village (default county)
  --parent CODE        only the children of this area, e.g. 530626 for 绥江县's townships
  --scheme ID          category scheme: qijin (七进, default), liujin (六进), shijin-shicu (十进十促)
  --min-level LEVEL    县级 | 市级 | 省级 | 国家级: lower honour levels do not count (default 县级)
  --status LIST        statuses that count, comma-separated (default 命名,复查)
  --year N             as of the end of year N (default: this year)
  --format FORMAT      json (default) | csv
  --out FILE           write to FILE instead of standard output (CSV gets a BOM for Excel)
  -h, --help           show this help

Example: atlas coverage --level township --parent 530626 --min-level 市级 --format csv
`

const coverageArgs = z.object({
  level: z.enum(['prefecture', 'county', 'township', 'village'], {
    error: 'expected county, township, prefecture or village',
  }).default('county'),
  parent: areaCodeParam.optional(),
  scheme: schemeParam.optional(),
  'min-level': honourLevelParam.default('县级'),
  status: statusListParam.optional(),
  year: yearParam.optional(),
  format: z.enum(['json', 'csv'], { error: 'expected json or csv' }).default('json'),
  out: z.string().min(1).optional(),
})

export const coverageCommand = command('coverage', 'coverage per area (counts by level and category, completeness, targets) as JSON or CSV', HELP, async (args, io) => {
  const { values } = parseOptions(args, {
    level: { type: 'string' }, parent: { type: 'string' }, scheme: { type: 'string' },
    'min-level': { type: 'string' }, status: { type: 'string' }, year: { type: 'string' },
    format: { type: 'string' }, out: { type: 'string' },
  }, { name: 'coverage', help: HELP })
  const parsed = coverageArgs.safeParse(values)
  if (!parsed.success) throw new CliError(`atlas coverage: ${describeIssues(parsed.error.issues, values).replace(/^(\w[\w-]*):/, '--$1:')}`)
  const options = parsed.data

  const store = openDataDirStore(readConfig(io.env), io.err)
  try {
    const snapshot = store.snapshot()
    if (options.parent !== undefined && !snapshot.areasByCode.has(options.parent)) {
      throw new CliError(`atlas coverage: --parent ${options.parent} is not an area in the store`)
    }
    const report = coverageByArea(snapshot, {
      level: options.level,
      parent: options.parent,
      schemeId: options.scheme,
      minLevel: options['min-level'],
      statuses: options.status,
      year: options.year,
      today: new Date().toISOString().slice(0, 10),
    })
    const text = options.format === 'csv' ? coverageCsv(report) : `${JSON.stringify(report, null, 2)}\n`
    if (options.out === undefined) io.out(text)
    else {
      writeFileSync(options.out, options.format === 'csv' ? `\uFEFF${text}` : text)
      io.err(`Wrote coverage of ${report.areas.length} areas to ${options.out}`)
    }
    return 0
  } catch (error) {
    if (error instanceof UnknownSchemeError) throw new CliError(`atlas coverage: --${error.message}`)
    throw error
  } finally {
    store.close()
  }
})
