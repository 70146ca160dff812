// `atlas import areas`: boundaries (GeoJSON, TopoJSON, zipped shapefile) or area attributes (CSV/XLSX with
// --attributes) into the store, with a feature-by-feature report. Called from import.ts.
import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { readConfig } from '../../config'
import { importAreas } from '../../import/area-import'
import { IMPORT_AREA_LEVELS, type AreaAttributesReport, type AreaImportReport, type ImportAreaLevel } from '../../import/areas/index'
import { parseCrs } from '../../import/crs'
import { ENCODING_OPTIONS, ImportError, type EncodingOption } from '../../import/index'
import { UnitImportError } from '../../import/unit-import'
import { openDataDirStore } from '../../open-store'
import { importOutcome } from '../import-outcome'
import { importProgressOutput } from '../import-progress'
import { CliError, parseOptions, type CliIo } from '../command'

export const AREAS_HELP = `Usage: atlas import areas <file> --level province|prefecture|county|township|village [options]
       atlas import areas <attributes.csv|xlsx> --attributes [options]

Imports boundaries — GeoJSON, TopoJSON, or a shapefile zipped with its .dbf, .prj and .cpg — into the store
in ATLAS_DATA_DIR (./data). Each feature is matched by its code: a new code adds an area, a known one gets
the new boundary (and name); 示意 (schematic) cells are replaced. Geometry is reprojected to WGS84 (from
the .prj, GK zones with or without the zone prefix) and repaired: duplicate points, spikes, zero-area rings and
ring orientation directly; rings that cross themselves or each other and parts that overlap by the union of
the geometry with itself (polyclip-ts, as the geodata build repairs), each such repair reported with the
problems found and the area before and after; what is still invalid is rejected with the reason; gaps and overlaps between
siblings larger than --tolerance are reported. With --attributes the file is a table of population and
minority share by code (代码/区划代码, 人口, 少数民族占比 or 少数民族人口); only those values change.
Nothing is written with --dry-run or when the file cannot be read; otherwise the accepted areas are written
in one transaction, listed as an import that can be rolled back.

Parents: each area's parent is implied by its code (GB/T 2260: county 530626 → prefecture 530600). A
province, or a prefecture whose province is not in the store, is imported as a top level. A county, township
or village whose parent is not in the store gets one, created from the code with a placeholder name
("530600（待命名）") and reported; import the parent's own boundary later (e.g. --level prefecture) to name it.

Options:
  --level LEVEL        province | prefecture | county | township | village (required for boundaries): sets
                       the code length 6/6/6/9/12
  --code-field F       the attribute holding the code (default: detected — 代码, 区划代码, code, adcode, XZQDM…)
  --name-field F       the attribute holding the name (default: detected — 名称, name, XZQMC…)
  --parent CODE        every area's parent (default: implied by the code: township 530626101 → 530626)
  --crs CRS            override the file's CRS: wgs84 | gcj02 | bd09 | EPSG:4490 | EPSG:4513…4554 (GK)
  --gcj02              the coordinates (after unprojecting) are GCJ-02 (火星坐标): convert them
  --encoding ENC       auto (default: .cpg, else detected; GBK without .cpg) | utf8 | gb18030
  --tolerance KM2      gaps and overlaps smaller than this are not reported (default 0.01 km²)
  --attributes         the file is a CSV/XLSX of area attributes by code, not boundaries
  --sheet NAME|N       XLSX attributes: the sheet to read
  --dry-run            validate and report only
  --report FILE        also write the full report as JSON to FILE
  -h, --help           show this help

Progress goes to stderr (a bar on a terminal, plain lines otherwise); stdout has the report only.

Exit status: 0 when the import ran (even with rejected features), 1 when the file cannot be read, or when a
commit wrote nothing because every feature was rejected.

Examples: atlas import areas 绥江县乡镇界.zip --level township --dry-run --report report.json
          atlas import areas geodata/5306/counties.geojson --level county    (into an empty store: creates 530600)
`

export async function runAreaImport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    level: { type: 'string' }, 'code-field': { type: 'string' }, 'name-field': { type: 'string' }, parent: { type: 'string' },
    crs: { type: 'string' }, gcj02: { type: 'boolean' }, encoding: { type: 'string' }, tolerance: { type: 'string' },
    attributes: { type: 'boolean' }, sheet: { type: 'string' }, 'dry-run': { type: 'boolean' }, report: { type: 'string' },
  }, { name: 'import areas', help: AREAS_HELP })
  const [file, ...extra] = positionals
  if (file === undefined) throw new CliError('atlas import areas: name the file to import (see atlas import areas --help)')
  if (extra.length > 0) throw new CliError(`atlas import areas: unexpected arguments ${extra.join(' ')} (one file at a time)`)
  const attributes = values.attributes ?? false
  const level = values.level
  if (!attributes && (level === undefined || !IMPORT_AREA_LEVELS.includes(level as ImportAreaLevel))) {
    throw new CliError(`atlas import areas: --level ${level ?? '(missing)'} is not valid (expected ${IMPORT_AREA_LEVELS.join(', ')})`)
  }
  const encoding = values.encoding ?? 'auto'
  if (!ENCODING_OPTIONS.includes(encoding as EncodingOption)) {
    throw new CliError(`atlas import areas: --encoding ${encoding} is not an encoding (expected ${ENCODING_OPTIONS.join(', ')})`)
  }
  const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance)
  if (tolerance !== undefined && !(tolerance >= 0)) throw new CliError(`atlas import areas: --tolerance ${values.tolerance} is not a number of km² ≥ 0`)
  if (values.parent !== undefined && !/^\d{6}(\d{3})?$/.test(values.parent)) throw new CliError(`atlas import areas: --parent ${values.parent} is not a 6- or 9-digit code`)
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (error) {
    throw new CliError(`atlas import areas: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1)
  }
  const fields = { ...(values['code-field'] ? { code: values['code-field'] } : {}), ...(values['name-field'] ? { name: values['name-field'] } : {}) }
  const dryRun = values['dry-run'] ?? false
  const store = openDataDirStore(readConfig(io.env), io.err)
  const progress = importProgressOutput(io, attributes ? 'rows' : 'features')
  try {
    const sheet = values.sheet === undefined ? undefined : /^\d+$/.test(values.sheet) ? Number(values.sheet) : values.sheet
    const result = await importAreas(
      store,
      bytes,
      basename(file),
      attributes
        ? { kind: 'attributes', encoding: encoding as EncodingOption, sheet, fields, dryRun }
        : {
            kind: 'boundaries',
            level: level as ImportAreaLevel,
            fields,
            parent: values.parent,
            crs: values.crs === undefined ? undefined : parseCrs(values.crs),
            gcj02: values.gcj02 ?? false,
            encoding: encoding as EncodingOption,
            toleranceKm2: tolerance,
            dryRun,
          },
      // The CLI works on the data dir directly, so it acts with the rights of whoever may open that file.
      { user: { id: 0, username: 'cli', role: 'admin', areaScope: null }, actor: 'cli' },
      progress.onProgress,
    )
    progress.end()
    io.out(areaReportText(result.report, result.dryRun))
    if (values.report) writeFileSync(values.report, `${JSON.stringify(result, null, 2)}\n`)
    const outcome = importOutcome(result, 'areas')
    io.out(outcome.text)
    return outcome.exitCode
  } catch (error) {
    if (error instanceof ImportError || error instanceof UnitImportError) throw new CliError(`atlas import areas: ${error.message}`, 1)
    throw error
  } finally {
    progress.end()
    store.close()
  }
}

const LEVEL_PLURALS: Readonly<Record<ImportAreaLevel, string>> = {
  province: 'provinces',
  prefecture: 'prefectures',
  county: 'counties',
  township: 'townships',
  village: 'villages',
}

/**
 * The report as a person reads it: source, totals, every feature that is not simply accepted, siblings, and
 * each parent created for want of one in the store (said as done, or for a dry run as what a commit would do).
 */
export function areaReportText(report: AreaImportReport | AreaAttributesReport, dryRun = false): string {
  if (report.kind === 'attributes') {
    const { rowsRead, accepted, warnings, rejected, ignored } = report.totals
    return `${[
      `${report.fileName} (${[report.format, report.encoding, report.sheet && `sheet ${report.sheet}`].filter(Boolean).join(', ')}); attributes by code`,
      `rows read ${rowsRead}: accepted ${accepted}, with warnings ${warnings}, rejected ${rejected}, ignored ${ignored}`,
      ...report.rows.filter((r) => r.status !== 'accepted').flatMap((r) => r.messages.map((m) => `  ${r.status === 'rejected' ? '✗' : '!'} ${m}`)),
    ].join('\n')}\n`
  }
  const { features, accepted, warnings, rejected, inserts, updates, repaired } = report.totals
  const mapped = `code field ${report.mapping.code ?? '—'}, name field ${report.mapping.name ?? '—'}`
  const lines = [
    `${report.fileName} (${[report.format, report.encoding && `${report.encoding}${report.encodingSource ? ` from ${report.encodingSource}` : ''}`].filter(Boolean).join(', ')}); level ${report.level}; CRS ${report.crs.label}; ${mapped}`,
    ...report.notes.map((n) => `  note: ${n}`),
    `features ${features}: accepted ${accepted}, with warnings ${warnings}, rejected ${rejected} → ${inserts} new, ${updates} updated${repaired > 0 ? `; ${repaired} repaired (crossing rings or overlapping parts)` : ''}`,
    ...report.rows.filter((r) => r.status !== 'accepted').flatMap((r) => r.messages.map((m) => `  ${r.status === 'rejected' ? '✗' : '!'} ${m}`)),
    ...report.siblings.map((g) => {
      const gaps = g.gapsChecked ? `gaps ${g.gaps.length}${g.gaps.length ? ` (${g.gaps.map((x) => `${x.areaKm2} km² near ${x.near.join(', ')}`).join('; ')})` : ''}` : `gaps not checked: ${g.gapsSkipped ?? ''}`
      return `  ${g.parentName} (${g.parent}): ${g.children} children, overlaps ${g.overlaps.length}, ${gaps}, outside parent ${g.outside.length} (tolerance ${report.toleranceKm2} km²)`
    }),
    ...(report.parentsCreated ?? []).map(
      (p) =>
        `${dryRun ? 'Would create' : 'Created'} ${p.code} as the parent of ${p.children} ${LEVEL_PLURALS[report.level]} (it was not in the store; placeholder name “${p.name}”); ` +
        `name it with atlas import areas <its boundary file> --level ${p.level}, or in /data.`,
    ),
  ]
  return `${lines.join('\n')}\n`
}
