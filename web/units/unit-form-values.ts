// The edit form's values: every field as the text in its input, and back to the edit the API takes (only
// the fields that changed, numbers as numbers, '' as null where the field may be empty).
import type { HonourLevel } from '../../server/shared/domain'
import type { NewUnit, UnitEdit, UnitRecord } from '../api/client'

export const EDIT_FIELDS = ['name', 'category', 'level', 'yearNamed', 'lon', 'lat', 'areaCode', 'address', 'contact', 'notes'] as const
export type EditField = (typeof EDIT_FIELDS)[number]
export type FormValues = Record<EditField, string>

export function formValuesOf(unit: UnitRecord): FormValues {
  const text = (v: string | number | null) => (v === null ? '' : String(v))
  return Object.fromEntries(EDIT_FIELDS.map((f) => [f, text(unit[f])])) as FormValues
}

/** The fields a new unit is written with: its naming (level, year) comes later, through the workflow. */
export const NEW_FIELDS = ['name', 'category', 'lon', 'lat', 'areaCode', 'address', 'contact', 'notes'] as const satisfies readonly EditField[]

/** An empty form: every field blank. */
export function blankFormValues(): FormValues {
  return Object.fromEntries(EDIT_FIELDS.map((f) => [f, ''])) as FormValues
}

/** A new unit as POST /api/units takes it, from the form: status 培育, the area from the point unless given. */
export function newUnitOf(values: FormValues): NewUnit {
  const unit: Record<string, unknown> = { status: '培育' }
  for (const field of NEW_FIELDS) unit[field] = valueOf(field, values[field])
  return unit as NewUnit
}

/** The fields of `values` that differ from `unit`, as the API takes them. */
export function editOf(unit: UnitRecord, values: FormValues): UnitEdit {
  const before = formValuesOf(unit)
  const edit: Record<string, unknown> = {}
  for (const field of EDIT_FIELDS) {
    if (values[field] === before[field]) continue
    edit[field] = valueOf(field, values[field])
  }
  return edit as UnitEdit
}

function valueOf(field: EditField, text: string): unknown {
  const trimmed = text.trim()
  switch (field) {
    case 'level':
      return trimmed === '' ? null : (trimmed as HonourLevel)
    case 'yearNamed':
    case 'lon':
    case 'lat':
      // Not a number stays text: the server names the field and the value (“lon: "abc" is not valid …”).
      return trimmed === '' ? null : Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed
    case 'areaCode':
      return trimmed === '' ? null : trimmed
    default:
      return text
  }
}

/** The fields where the user's values and the other person's saved ones differ. */
export function conflictingFields(mine: FormValues, theirs: FormValues): EditField[] {
  return EDIT_FIELDS.filter((f) => mine[f] !== theirs[f])
}
