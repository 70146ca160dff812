import { existsSync, writeFileSync } from 'node:fs'
import { dirname, extname, resolve } from 'node:path'
import { readConfig } from '../../config'
import { DomainError } from '../../domain-error'
import { describeIssues } from '../../http/validate'
import { ledgerFile, ledgerRowsOf, UNIT_EXPORT_FORMATS, type UnitExportFormat } from '../../ledger/unit-export'
import { openDataDirStore } from '../../open-store'
import { unitsQuery } from '../../routes/units'
import { audienceOf } from '../../shared/audience'
import { CliError, command, parseOptions } from '../command'

const HELP = `Usage: atlas export-units --out FILE [options]

Writes the units a filter selects, read from the store in ATLAS_DATA_DIR (./data), as a ledger file:
CSV (UTF-8 with a BOM, for Excel), XLSX or GeoJSON points. The file imports back with atlas import units
(--duplicates merge updates each unit from its row). The filter is the one of GET /api/units.

By default the file holds what an anonymous visitor of the atlas sees: units of the sensitive categories
(ATLAS_SENSITIVE_CATEGORIES, 宗教活动场所) are listed without name, place, address or notes, and no unit has a
contact. --full writes what a signed-in user sees.

Options:
  --out FILE           where to write (required)
  --format FORMAT      csv | xlsx | geojson (default: from FILE's extension .csv, .xlsx, .geojson or .json)
  --area CODE          units in this area or below it, e.g. 530626 for 绥江县
  --category NAME      one category, e.g. 学校
  --level LEVEL        exactly this honour level: 县级 | 市级 | 省级 | 国家级
  --min-level LEVEL    this honour level or higher
  --status LIST        statuses, comma-separated, e.g. 命名,复查
  --year N             as of the end of year N (statuses then; units not yet in the ledger are left out)
  --scheme ID          only categories of this scheme: qijin (七进), liujin (六进), shijin-shicu (十进十促)
  --full               as a signed-in user sees it: every name, place and contact
  -h, --help           show this help

Example: atlas export-units --out suijiang.xlsx --area 530626 --min-level 市级
`

const EXTENSION_FORMATS: Record<string, UnitExportFormat> = { '.csv': 'csv', '.xlsx': 'xlsx', '.geojson': 'geojson', '.json': 'geojson' }

export const exportUnitsCommand = command('export-units', 'the units a filter selects as CSV (for Excel), XLSX or GeoJSON, to edit and import back', HELP, async (args, io) => {
  const { values } = parseOptions(args, {
    out: { type: 'string' }, format: { type: 'string' }, area: { type: 'string' }, category: { type: 'string' },
    level: { type: 'string' }, 'min-level': { type: 'string' }, status: { type: 'string' }, year: { type: 'string' },
    scheme: { type: 'string' }, full: { type: 'boolean' },
  }, { name: 'export-units', help: HELP })
  if (!values.out) throw new CliError('atlas export-units: --out FILE is required, e.g. --out units.csv (see atlas export-units --help)')
  const out = resolve(values.out)
  if (!existsSync(dirname(out))) throw new CliError(`atlas export-units: the directory ${dirname(out)} does not exist`)
  const format = formatOf(values.format, values.out)
  const { full, 'min-level': minLevel, area, category, level, status, year, scheme } = values
  const given = { area, category, level, minLevel, status, year, scheme }
  const parsed = unitsQuery.safeParse(given)
  if (!parsed.success) throw new CliError(`atlas export-units: ${optionNames(describeIssues(parsed.error.issues, given))}`)

  const config = readConfig(io.env)
  // The same rule as the server's: who runs this could read the store file, but the file they write may be
  // passed on, so it carries what the public may see unless asked for more.
  // --full is the operator at the store's own machine: what an admin sees.
  const audience = audienceOf(full ? 'signed-in' : 'anonymous', config.sensitiveCategories, { role: 'admin', areaScope: null })
  const store = openDataDirStore(config, io.err)
  try {
    const rows = ledgerRowsOf(store.snapshot(), parsed.data, audience, store.units.externalIds())
    writeFileSync(out, await ledgerFile(rows, format))
    const seen = full ? 'as signed-in users see them' : 'as anonymous visitors see them (--full for everything)'
    io.out(`Wrote ${rows.length} units to ${out} (${format}), ${seen}\n`)
    return 0
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`atlas export-units: ${optionNames(error.message)}`)
    throw error
  } finally {
    store.close()
  }
})

/** --format when given (it must agree with a known extension), else the extension's. */
function formatOf(given: string | undefined, file: string): UnitExportFormat {
  const byExtension = EXTENSION_FORMATS[extname(file).toLowerCase()]
  if (given === undefined) {
    if (byExtension) return byExtension
    throw new CliError(`atlas export-units: --out ${file}: cannot tell the format from the extension; add --format ${UNIT_EXPORT_FORMATS.join('|')}`)
  }
  const format = UNIT_EXPORT_FORMATS.find((f) => f === given)
  if (!format) throw new CliError(`atlas export-units: --format "${given}" is not valid (expected one of ${UNIT_EXPORT_FORMATS.join(', ')})`)
  if (byExtension && byExtension !== format) throw new CliError(`atlas export-units: --format ${format} disagrees with --out ${file}`)
  return format
}

/** "minLevel: …; area: …" as the options are spelt here: "--min-level: …; --area: …". */
function optionNames(message: string): string {
  return message.replace(/(^|; )(\w+):/g, (_, start: string, name: string) => `${start}--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:`)
}
