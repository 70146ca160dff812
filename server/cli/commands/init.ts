// `atlas init --prefecture 5306`: a new store that starts with your own data — the shipped real boundaries
// of one prefecture (what ATLAS_DEMO=boundaries loads), the built-in schemes, and no sample units.
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { readConfig } from '../../config'
import { openDataDirStore } from '../../open-store'
import { DEMO_GEODATA_DIR, seedBoundaries } from '../../seed/seed-store'
import { CliError, command, parseOptions } from '../command'

/** The folder that holds one folder of boundaries per shipped prefecture (geodata/5306/…). */
const GEODATA_ROOT = dirname(DEMO_GEODATA_DIR)

const HELP = `Usage: atlas init --prefecture CODE

Starts the store in ATLAS_DATA_DIR (./data) with your own data in mind: loads the real boundaries shipped for
the prefecture CODE (the province, the prefecture and its counties; geodata/CODE/), and the built-in schemes
— no sample (示例数据) units, no schematic townships. It refuses a store that already holds areas or units.

Then import your own ledger and, if you have them, township boundaries:
  atlas import areas 乡镇界.zip --level township
  atlas import units 台账.xlsx --dry-run          (then again without --dry-run)
and start the server (npm start); ATLAS_DEMO is not needed, the store is no longer empty.

Options:
  --prefecture CODE    4 digits (5306) or 6 (530600): a prefecture shipped in geodata/ (${shippedPrefectures().join(', ') || 'none'})
  -h, --help           show this help

For a prefecture that is not shipped, build its boundaries with atlas geodata --prefecture CODE --out DIR,
then atlas import areas DIR/outline.geojson --level prefecture and DIR/counties.geojson --level county.

Example: ATLAS_DATA_DIR=/srv/atlas atlas init --prefecture 5306
`

/** The 4-digit codes of the prefectures whose boundaries ship in geodata/. */
export function shippedPrefectures(root = GEODATA_ROOT): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{4}$/.test(entry.name) && existsSync(join(root, entry.name, 'counties.geojson')))
    .map((entry) => entry.name)
    .sort()
}

export const initCommand = command('init', 'start a new store with the shipped real boundaries of a prefecture and no sample units', HELP, async (args, io) => {
  const { values, positionals } = parseOptions(args, { prefecture: { type: 'string' } }, { name: 'init', help: HELP })
  if (positionals.length > 0) throw new CliError(`atlas init: unexpected arguments ${positionals.join(' ')} (see atlas init --help)`)
  const given = values.prefecture
  if (given === undefined) throw new CliError('atlas init: --prefecture is required, e.g. atlas init --prefecture 5306 (see atlas init --help)')
  if (!/^\d{4}(00)?$/.test(given)) throw new CliError(`atlas init: --prefecture ${given} is not a prefecture code (expected 4 digits such as 5306, or 6 ending in 00 such as 530600)`)
  const prefecture = given.slice(0, 4)
  const shipped = shippedPrefectures()
  if (!shipped.includes(prefecture)) {
    throw new CliError(
      `atlas init: no boundaries of ${prefecture}00 ship with the atlas (shipped: ${shipped.join(', ') || 'none'}). ` +
        `Build them with atlas geodata --prefecture ${prefecture} --out DIR, then load them into the store with ` +
        `atlas import areas DIR/outline.geojson --level prefecture and atlas import areas DIR/counties.geojson --level county.`,
      1,
    )
  }

  const { dataDir } = readConfig(io.env)
  // demo 'none': the store is created (with the built-in schemes) but not seeded; what it gets is decided here.
  const store = openDataDirStore({ dataDir, demo: 'none' }, (m) => io.err(`${m}\n`))
  try {
    const before = store.snapshot()
    if (before.areas.length > 0 || before.units.length > 0) {
      throw new CliError(
        `atlas init: the store in ${dataDir} already holds ${before.areas.length} areas and ${before.units.length} units; init only starts a new store. ` +
          `To start over, move ${dataDir} aside (or set ATLAS_DATA_DIR to an empty directory) and run atlas init again; ` +
          `to add boundaries to this store, use atlas import areas FILE --level LEVEL (see atlas import --help).`,
        1,
      )
    }
    seedBoundaries(store, join(GEODATA_ROOT, prefecture), 'atlas init')
    const { areas } = store.snapshot()
    const count = (level: string) => areas.filter((a) => a.level === level).length
    const named = areas.find((a) => a.code === `${prefecture}00`)?.name ?? `${prefecture}00`
    io.out(
      `Loaded the shipped boundaries of ${named} (${prefecture}00) into ${dataDir}: ${areas.length} areas — ` +
        `${count('province')} province, ${count('prefecture')} prefecture, ${count('county')} counties; no townships, no units.\n` +
        `Next: atlas import areas <townships file> --level township (optional), then atlas import units <ledger> --dry-run; start the server with npm start.\n`,
    )
    return 0
  } finally {
    store.close()
  }
})
