// A creation target (创建目标) as a person creates or edits it, checked against the store's areas and schemes:
// every problem names the field, the value and what was expected. Pure: no store, no clock.
import type { TargetFields } from '../db/store'
import { DomainError } from '../domain-error'
import { HONOUR_LEVELS, type Area, type Scheme } from '../shared/domain'
import { escapeControlCharacters, plainTextProblem } from '../text/plain-text'

export interface TargetEditContext {
  areasByCode: ReadonlyMap<string, Area>
  schemes: readonly Scheme[]
}

export const FIRST_DUE_YEAR = 2000
export const LAST_DUE_YEAR = 2100

/** `fields` when every one of them holds, or a DomainError('invalid') listing every problem (details: { problems }). */
export function checkedTarget(fields: TargetFields, { areasByCode, schemes }: TargetEditContext): TargetFields {
  const problems: string[] = []
  const shown = (value: unknown) => escapeControlCharacters(String(value))

  if (!areasByCode.has(fields.areaCode)) problems.push(`areaCode: ${shown(fields.areaCode)} is not an area in this atlas`)

  const scheme = fields.schemeId === null ? null : (schemes.find((s) => s.id === fields.schemeId) ?? null)
  if (fields.schemeId !== null && scheme === null) {
    problems.push(`schemeId: ${shown(fields.schemeId)} is not a scheme in this atlas (expected one of ${schemes.map((s) => s.id).join(', ')}, or null for every scheme)`)
  }
  if (fields.category !== null && (fields.schemeId === null || scheme !== null)) {
    const categories = scheme === null ? [...new Set(schemes.flatMap((s) => s.categories))] : scheme.categories
    if (!categories.includes(fields.category)) {
      const of = scheme === null ? 'any scheme' : `scheme ${scheme.id}`
      problems.push(`category: ${shown(fields.category)} is not a category of ${of} (expected one of ${categories.join(', ')}, or null for every category)`)
    }
  }
  if (fields.minLevel !== null && !HONOUR_LEVELS.includes(fields.minLevel)) {
    problems.push(`minLevel: ${shown(fields.minLevel)} is not an honour level (expected one of ${HONOUR_LEVELS.join(', ')}, or null for any level)`)
  }
  if (!(Number.isSafeInteger(fields.count) && fields.count >= 0)) problems.push(`count: ${shown(fields.count)} is not a count (expected a whole number ≥ 0)`)
  if (!(Number.isInteger(fields.dueYear) && fields.dueYear >= FIRST_DUE_YEAR && fields.dueYear <= LAST_DUE_YEAR)) {
    problems.push(`dueYear: ${shown(fields.dueYear)} is not a due year (expected ${FIRST_DUE_YEAR}–${LAST_DUE_YEAR})`)
  }
  const noteProblem = plainTextProblem(fields.note, { lineBreaks: true })
  if (noteProblem !== null) problems.push(`note: ${noteProblem}`)

  if (problems.length > 0) throw new DomainError('invalid', problems.join('; '), { details: { problems } })
  return fields
}
