import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { readConfig } from '../../config'
import { parseCrs } from '../../import/crs'
import { ENCODING_OPTIONS, ImportError, type EncodingOption } from '../../import/index'
import { importUnits, UnitImportError } from '../../import/unit-import'
import { DUPLICATE_POLICIES, type DuplicatePolicy, type ImportReport } from '../../import/validate-units'
import { openDataDirStore } from '../../open-store'
import { importOutcome } from '../import-outcome'
import { importProgressOutput } from '../import-progress'
import { CliError, command, parseOptions } from '../command'
import { AREAS_HELP, runAreaImport } from './import-areas'

const HELP = `Usage: atlas import units <file> [options]

Imports a unit ledger (CSV in UTF-8 or GBK with , tab or ; — XLSX — GeoJSON points) into the store in
ATLAS_DATA_DIR (./data). Every row is reported: accepted, accepted with warnings, or rejected with its row
number and the reason. Nothing is written with --dry-run, or when the file cannot be read; otherwise the
accepted rows are written in one transaction, listed as an import that can be rolled back.

Options:
  --scheme ID          the category scheme rows are checked against (default: the store's default, qijin)
  --crs CRS            wgs84 (default) | gcj02 (火星坐标, Amap) | bd09 (Baidu) | EPSG:4490 | EPSG:4513…4554 (CGCS2000 GK)
  --encoding ENC       auto (default) | utf8 | gb18030 (GBK)
  --sheet NAME|N       XLSX: the sheet to read (default: the first with data)
  --duplicates MODE    reject (default) | merge (update the existing unit) | keep
  --dry-run            validate and report only
  --report FILE        also write the full report as JSON to FILE
  -h, --help           show this help

Progress (rows parsed, checked, written) goes to stderr: a bar redrawn in place when stderr is a terminal,
plain lines otherwise (every 5 s and at the end of each phase). stdout has the report only.

Exit status: 0 when the import ran (even with rejected rows), 1 when the file cannot be read, or when a
commit wrote nothing because every row was rejected.

Example: atlas import units 绥江县示范单位台账.xlsx --crs gcj02 --dry-run --report report.json

${AREAS_HELP}`

export const importCommand = command('import', 'import a unit ledger (CSV/XLSX/GeoJSON, GBK, GCJ-02/BD-09/GK) or boundaries (GeoJSON/TopoJSON/Shapefile) with a row-by-row report', HELP, async (args, io) => {
  if (args[0] === 'areas') return runAreaImport(args.slice(1), io)
  const { values, positionals } = parseOptions(args, {
    scheme: { type: 'string' }, crs: { type: 'string' }, encoding: { type: 'string' }, sheet: { type: 'string' },
    duplicates: { type: 'string' }, 'dry-run': { type: 'boolean' }, report: { type: 'string' },
  }, { name: 'import', help: HELP })
  const [kind, file, ...extra] = positionals
  if (kind !== 'units') throw new CliError(`atlas import: expected "units" or "areas" after import, got ${kind === undefined ? 'nothing' : `"${kind}"`} (see atlas import --help)`)
  if (file === undefined) throw new CliError('atlas import units: name the file to import (see atlas import --help)')
  if (extra.length > 0) throw new CliError(`atlas import units: unexpected arguments ${extra.join(' ')} (one file at a time)`)
  const encoding = values.encoding ?? 'auto'
  if (!ENCODING_OPTIONS.includes(encoding as EncodingOption)) {
    throw new CliError(`atlas import units: --encoding ${encoding} is not an encoding (expected ${ENCODING_OPTIONS.join(', ')})`)
  }
  const duplicates = values.duplicates ?? 'reject'
  if (!DUPLICATE_POLICIES.includes(duplicates as DuplicatePolicy)) {
    throw new CliError(`atlas import units: --duplicates ${duplicates} is not valid (expected ${DUPLICATE_POLICIES.join(', ')})`)
  }
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (error) {
    throw new CliError(`atlas import units: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1)
  }

  const store = openDataDirStore(readConfig(io.env), io.err)
  const progress = importProgressOutput(io)
  try {
    const crs = values.crs === undefined ? undefined : parseCrs(values.crs)
    const sheet = values.sheet === undefined ? undefined : /^\d+$/.test(values.sheet) ? Number(values.sheet) : values.sheet
    const result = await importUnits(
      store,
      bytes,
      basename(file),
      { scheme: values.scheme, crs, encoding: encoding as EncodingOption, sheet, duplicates: duplicates as DuplicatePolicy, dryRun: values['dry-run'] ?? false },
      // The CLI works on the data dir directly, so it acts with the rights of whoever may open that file.
      { user: { id: 0, username: 'cli', role: 'admin', areaScope: null }, actor: 'cli', today: new Date().toISOString().slice(0, 10) },
      progress.onProgress,
    )
    progress.end()
    io.out(reportText(result.report))
    if (values.report) writeFileSync(values.report, `${JSON.stringify({ ...result, report: result.report }, null, 2)}\n`)
    const outcome = importOutcome(result, 'units')
    io.out(outcome.text)
    return outcome.exitCode
  } catch (error) {
    if (error instanceof ImportError || error instanceof UnitImportError) throw new CliError(`atlas import units: ${error.message}`, 1)
    throw error
  } finally {
    progress.end()
    store.close()
  }
})

/** The report as a person reads it: totals, then every row that is not simply accepted. */
export function reportText(report: ImportReport): string {
  const { rowsRead, accepted, warnings, rejected, ignored } = report.totals
  const source = [report.format, report.encoding, report.delimiter && `delimiter ${JSON.stringify(report.delimiter)}`, report.sheet && `sheet ${report.sheet}`]
    .filter(Boolean)
    .join(', ')
  const lines = [
    `${report.fileName} (${source}); scheme ${report.scheme.name}; CRS ${report.crs}`,
    `rows read ${rowsRead}: accepted ${accepted}, with warnings ${warnings}, rejected ${rejected}, ignored ${ignored}`,
    ...report.rows.filter((r) => r.status !== 'accepted').flatMap((r) => r.messages.map((m) => `  ${r.status === 'rejected' ? '✗' : '!'} ${m}`)),
  ]
  return `${lines.join('\n')}\n`
}
