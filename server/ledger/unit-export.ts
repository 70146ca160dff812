// The units a /api/units query selects, as a ledger file that a person opens in Excel or a GIS and can import
// back: CSV (UTF-8 with a BOM so that Excel reads the Chinese, RFC 4180 quoting, CRLF line ends), XLSX (one
// sheet) or GeoJSON points. One table in three encodings, its columns the import's own fields under the names
// the import recognises (FIELD_LABELS), so an exported file imports back (atlas import units, POST
// /api/import/units) and, with duplicates 'merge', each row merges into the unit it came from and writes the
// fields it already has. Not quite every row: a unit whose point lies outside its ledger area (GET
// /api/units/issues) is refused by the import, as any ledger row would be; a merge clears the 示例数据 flag,
// which no column carries; an export `year` writes the status of that year; text that Excel would run as a
// formula comes back with the apostrophe put before it (csvCell).
//
// Who sees what is the audience's (server/shared/audience.ts): units are selected and redacted exactly as
// GET /api/units selects and redacts them (selectUnits, redactSensitiveUnits); contacts go to those who
// see people (seesPeople), their phone numbers masked for all but the unit's editors and admins (contactFor). A redacted unit is still listed — category, level, status, year and township,
// under a generic name, without a place, address or notes — so that the file counts what the map and
// /api/coverage count for the same caller; leaving it out would make the export disagree with both.
//
// Columns: every import field but 所属乡镇 (area). The 行政区划代码 column says the area exactly; a name beside
// it would be read as a second claim, and a name several areas share (城关镇) would make the import refuse a
// row it wrote itself. 编号 is the unit's external id from its source ledger (a merge by it is exact); the
// atlas's own id has no import field, so it is only the GeoJSON feature's `id`.
import type { FeatureCollection, Point } from 'geojson'
import { checkQueryTargets, redactSensitiveUnits, selectUnits, unitFeatures, type UnitQuery } from '../geo/unit-query'
import { seesPeople, type Audience } from '../shared/audience'
import type { HonourLevel, Unit, UnitStatus } from '../shared/domain'
import { FIELD_LABELS, UNIT_FIELDS, type UnitField } from '../shared/unit-fields'
import type { Snapshot } from '../snapshot'
import { xlsxWorkbook } from './xlsx-writer'
import { unitContact } from '../geo/unit-contact'

export const UNIT_EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const
export type UnitExportFormat = (typeof UNIT_EXPORT_FORMATS)[number]

export const EXPORT_FILE_TYPES: Readonly<Record<UnitExportFormat, { contentType: string; extension: string }>> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  geojson: { contentType: 'application/geo+json', extension: 'geojson' },
}

type ExportField = Exclude<UnitField, 'area'>

/** The columns, in the import's order (UNIT_FIELDS) without 所属乡镇: see above. */
export const EXPORT_FIELDS: readonly ExportField[] = UNIT_FIELDS.filter((f): f is ExportField => f !== 'area')

/** One unit as its ledger row: what the import reads back, and the atlas id beside it. */
export interface LedgerRow {
  id: number // the atlas's unit id: the GeoJSON feature's id, not a column
  name: string
  category: string
  level: HonourLevel | null
  yearNamed: number | null
  status: UnitStatus // as of the query's year when it names one
  lon: number | null // WGS84
  lat: number | null
  areaCode: string | null // the area the ledger claims (not where the join placed the point)
  address: string
  contact: string
  externalId: string | null
  notes: string
}

export type LedgerCell = string | number | null // null: an empty cell

const SHEET_NAME = '示范单位'

/**
 * The rows of the units `query` selects, as `audience` may see them. `externalIds` is the store's unit id →
 * source-ledger id (UnitRepository.externalIds). Throws a DomainError for an area or a scheme the store lacks.
 */
export function ledgerRowsOf(snapshot: Snapshot, query: UnitQuery, audience: Audience, externalIds: ReadonlyMap<number, string>): LedgerRow[] {
  checkQueryTargets(snapshot, query)
  const visible = redactSensitiveUnits(unitFeatures(snapshot, selectUnits(snapshot, query)), audience)
  const units = seesPeople(audience) ? new Map(snapshot.units.map((u) => [u.id, u])) : null
  return visible.features.map(({ geometry, properties: p }) => ({
    id: p.id,
    name: p.name,
    category: p.category,
    level: p.level,
    yearNamed: p.yearNamed,
    status: p.status,
    lon: geometry?.coordinates[0] ?? null,
    lat: geometry?.coordinates[1] ?? null,
    areaCode: p.claimedAreaCode,
    address: p.address,
    contact: p.redacted || !units?.has(p.id) ? '' : unitContact(audience, snapshot, units.get(p.id) as Unit),
    // A ledger id can name the organisation (统一社会信用代码): a redacted unit keeps only what redaction left it.
    externalId: p.redacted ? null : (externalIds.get(p.id) ?? null),
    notes: p.notes,
  }))
}

/** The header row (FIELD_LABELS) and one row per unit: numbers stay numbers, a missing value is null. */
export function ledgerTable(rows: readonly LedgerRow[]): LedgerCell[][] {
  return [EXPORT_FIELDS.map((f) => FIELD_LABELS[f]), ...rows.map((row) => EXPORT_FIELDS.map((f) => row[f]))]
}

export function ledgerCsv(rows: readonly LedgerRow[]): string {
  return `\uFEFF${ledgerTable(rows).map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** RFC 4180: a cell holding a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvCell(value: LedgerCell): string {
  if (value === null) return ''
  const text = typeof value === 'number' ? String(value) : formulaSafe(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * Excel runs text that starts with = + - @ (or a tab or CR before one) as a formula when it opens a CSV, so a
 * unit named "=HYPERLINK(…)" would become a link (CSV injection): such text gets a leading apostrophe, shown
 * as written. Numbers are not text and are left alone; XLSX cells are typed, so the XLSX needs none of this.
 */
function formulaSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** Points with the same columns as properties (but 经度/纬度: the point is the geometry); a redacted unit has none. */
export function ledgerGeoJson(rows: readonly LedgerRow[]): string {
  const fields = EXPORT_FIELDS.filter((f) => f !== 'lon' && f !== 'lat')
  const collection: FeatureCollection<Point | null, Record<string, LedgerCell>> = {
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      id: row.id,
      geometry: row.lon === null || row.lat === null ? null : { type: 'Point', coordinates: [row.lon, row.lat] },
      properties: Object.fromEntries(fields.map((f) => [FIELD_LABELS[f], row[f]])),
    })),
  }
  return `${JSON.stringify(collection)}\n`
}

export function ledgerXlsx(rows: readonly LedgerRow[]): Promise<Uint8Array<ArrayBuffer>> {
  return xlsxWorkbook(SHEET_NAME, ledgerTable(rows))
}

/** The file's bytes in `format`. */
export async function ledgerFile(rows: readonly LedgerRow[], format: UnitExportFormat): Promise<Uint8Array<ArrayBuffer>> {
  if (format === 'xlsx') return ledgerXlsx(rows)
  return new TextEncoder().encode(format === 'csv' ? ledgerCsv(rows) : ledgerGeoJson(rows))
}

/** "units-530600-20261207.csv": the area (or "all") and the day, so that files of several exports do not collide. */
export function ledgerFileName(area: string | undefined, today: string, format: UnitExportFormat): string {
  return `units-${area ?? 'all'}-${today.replaceAll('-', '')}.${EXPORT_FILE_TYPES[format].extension}`
}
