// The header mapping a person confirmed, remembered per header layout so the next file from the same office
// maps itself. Pure functions over a Storage-like object (localStorage in the page, a Map in tests).
import { MULTI_COLUMN_FIELDS, UNIT_FIELDS, type UnitField } from '../../server/shared/unit-fields'

/**
 * Field → 0-based columns, as the import route's `mapping` field takes it; `ignore`: the columns set to
 * 不导入, sent so that the server does not recognise them again by their header.
 */
export type ColumnMappingChoice = Partial<Record<UnitField, number | number[]>> & { ignore?: number[] }

/** Column → the field it is imported as (null: not imported). */
export type ColumnChoices = Record<number, UnitField | null>

export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

const KEY_PREFIX = 'atlas.import.mapping.v1:'
const SEPARATOR = '\u241f' // ␟: cannot occur in a header a person typed

/**
 * The layout of a header row: each header normalised (NFKC folds full-width to half-width, case folded,
 * whitespace removed), in column order, with trailing empty columns dropped. Two files whose headers read
 * the same to a person get the same signature; a reordered or renamed column gives another.
 */
export function headerSignature(headers: readonly string[]): string {
  const normal = headers.map((h) => h.normalize('NFKC').toLowerCase().replace(/\s+/g, ''))
  while (normal.length > 0 && normal[normal.length - 1] === '') normal.pop()
  return normal.join(SEPARATOR)
}

export function savedMapping(store: KeyValueStore, signature: string): ColumnMappingChoice | null {
  let json: unknown
  try {
    json = JSON.parse(store.getItem(KEY_PREFIX + signature) ?? 'null')
  } catch {
    return null
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null
  const mapping: ColumnMappingChoice = {}
  const ok = (v: unknown) => Number.isInteger(v) && (v as number) >= 0
  for (const [field, value] of Object.entries(json)) {
    if (field === 'ignore' && Array.isArray(value) && value.every(ok)) mapping.ignore = value as number[]
    if (!(UNIT_FIELDS as readonly string[]).includes(field)) continue
    if (ok(value) || (Array.isArray(value) && value.length > 0 && value.every(ok))) mapping[field as UnitField] = value as number | number[]
  }
  return Object.keys(mapping).some((key) => key !== 'ignore') ? mapping : null
}

export function saveMapping(store: KeyValueStore, signature: string, mapping: ColumnMappingChoice): void {
  try {
    store.setItem(KEY_PREFIX + signature, JSON.stringify(mapping))
  } catch {
    // Storage full or disabled: the mapping is simply not remembered.
  }
}

/**
 * The choices as the route's mapping, and what is wrong with them (a single-column field chosen twice). Every
 * column chosen as 不导入 is listed in `ignore`: a column the server recognised on its own stays out.
 */
export function mappingOfChoices(choices: ColumnChoices): { mapping: ColumnMappingChoice; problems: string[] } {
  const columnsOf = new Map<UnitField, number[]>()
  const ignore: number[] = []
  for (const [column, field] of Object.entries(choices)) {
    if (field === null) ignore.push(Number(column))
    else columnsOf.set(field, [...(columnsOf.get(field) ?? []), Number(column)].sort((a, b) => a - b))
  }
  const mapping: ColumnMappingChoice = {}
  const problems: string[] = []
  for (const field of UNIT_FIELDS) {
    const columns = columnsOf.get(field)
    if (!columns) continue
    if (columns.length > 1 && !MULTI_COLUMN_FIELDS.has(field)) problems.push(`${field} 对应了 ${columns.length} 列（第 ${columns.map((c) => c + 1).join('、')} 列），只能对应一列`)
    mapping[field] = MULTI_COLUMN_FIELDS.has(field) ? columns : columns[0]
  }
  if (ignore.length > 0) mapping.ignore = ignore.sort((a, b) => a - b)
  return { mapping, problems }
}

/** The choices a report's detected header gives. */
export function choicesOfColumns(columns: readonly { column: number; field: UnitField | null }[]): ColumnChoices {
  return Object.fromEntries(columns.map((c) => [c.column, c.field]))
}
