// A target as the editor's inputs hold it (text), and what a save sends: the whole target for a new one,
// only the changed fields for an edit. Pure, so the form's rules are tested without a browser.
import { HONOUR_LEVELS, type HonourLevel } from '../../server/shared/domain'
import type { NewTarget, TargetChange, TargetItem } from '../api/client'

export interface TargetFormValues {
  areaCode: string
  schemeId: string // '': every scheme
  category: string // '': every category (全部类别)
  minLevel: string // '': any level (任意级别)
  count: string
  dueYear: string
  note: string
}

/** The inputs for a new target in `areaCode`, due at the end of next year. */
export function emptyFormValues(areaCode: string, thisYear: number): TargetFormValues {
  return { areaCode, schemeId: '', category: '', minLevel: '', count: '', dueYear: String(thisYear + 1), note: '' }
}

export function formValuesOf(target: TargetItem): TargetFormValues {
  return {
    areaCode: target.areaCode,
    schemeId: target.schemeId ?? '',
    category: target.category ?? '',
    minLevel: target.minLevel ?? '',
    count: String(target.count),
    dueYear: String(target.dueYear),
    note: target.note,
  }
}

/** A number as typed; NaN for nothing, which is sent as null and refused by the server with its reason. */
function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim())
}

function levelOf(text: string): HonourLevel | null {
  return HONOUR_LEVELS.find((level) => level === text) ?? null
}

export function newTargetOf(values: TargetFormValues): NewTarget {
  return {
    areaCode: values.areaCode,
    schemeId: values.schemeId || null,
    category: values.category || null,
    minLevel: levelOf(values.minLevel),
    count: numberOf(values.count),
    dueYear: numberOf(values.dueYear),
    note: values.note,
  }
}

/** The fields of `values` that differ from `target`: what a PATCH sends. */
export function changeOf(target: TargetItem, values: TargetFormValues): TargetChange {
  const next = newTargetOf(values)
  const change: TargetChange = {}
  if (next.areaCode !== target.areaCode) change.areaCode = next.areaCode
  if (next.schemeId !== target.schemeId) change.schemeId = next.schemeId
  if (next.category !== target.category) change.category = next.category
  if (next.minLevel !== target.minLevel) change.minLevel = next.minLevel
  if (!Object.is(next.count, target.count)) change.count = next.count
  if (!Object.is(next.dueYear, target.dueYear)) change.dueYear = next.dueYear
  if (next.note !== target.note) change.note = next.note
  return change
}

/** The categories a target of `schemeId` may name: the scheme's, or every scheme's for '' (every scheme). */
export function categoriesFor(schemes: readonly { id: string; categories: readonly string[] }[], schemeId: string): string[] {
  const chosen = schemes.filter((s) => schemeId === '' || s.id === schemeId)
  return [...new Set(chosen.flatMap((s) => s.categories))]
}
