// Checks on planning inputs. Each throws a PlanningInputError (an 'invalid' domain error: the caller's data, a
// 400) that names the offending item (its kind, index and id),
// the bad value, and what was expected, so a bureau's spreadsheet row can be found from the message alone.
import { DomainError } from '../../domain-error'
import type { LonLat } from './distance'

export class PlanningInputError extends DomainError {
  constructor(message: string) {
    super('invalid', message)
  }
}

/** Anything with an id and a [lon, lat] position: a demand point, a candidate, a required site. */
export interface Located {
  readonly id: string
  readonly position: LonLat
}

export interface Weighted extends Located {
  readonly weight: number
}

/** What a check calls the items in its messages: 'demand point', 'candidate', 'required site'. */
export type ItemKind = string

export function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (value === undefined) return 'undefined'
  const json = JSON.stringify(value)
  return json === undefined ? String(value) : json
}

function itemLabel(kind: ItemKind, index: number, item: unknown): string {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined
  return id === undefined ? `${kind} ${index}` : `${kind} ${index} (id ${describeValue(id)})`
}

/** Every item has a position [lon, lat] with lon in −180…180 and lat in −90…90. */
export function checkPositions(items: readonly Located[], kind: ItemKind): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    const position: unknown = typeof item === 'object' && item !== null ? item.position : undefined
    if (!Array.isArray(position) || position.length < 2) {
      throw new PlanningInputError(
        `${itemLabel(kind, i, item)}: position ${describeValue(position)} is not a [longitude, latitude] pair`,
      )
    }
    const [lon, lat] = position as unknown[]
    if (typeof lon !== 'number' || !(lon >= -180 && lon <= 180)) {
      throw new PlanningInputError(
        `${itemLabel(kind, i, item)}: longitude ${describeValue(lon)} is not a longitude (expected −180…180)`,
      )
    }
    if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) {
      throw new PlanningInputError(
        `${itemLabel(kind, i, item)}: latitude ${describeValue(lat)} is not a latitude (expected −90…90)`,
      )
    }
  }
}

/** Every weight is a finite number ≥ 0. */
export function checkWeights(items: readonly Weighted[], kind: ItemKind): void {
  for (let i = 0; i < items.length; i++) {
    const weight: unknown = items[i].weight
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new PlanningInputError(
        `${itemLabel(kind, i, items[i])}: weight ${describeValue(weight)} is not a weight (expected a finite number ≥ 0)`,
      )
    }
  }
}

/** Ids are strings and no two items share one: results name sites by id, so an id must name one site. */
export function checkUniqueIds(items: readonly Located[], kind: ItemKind): void {
  const firstIndex = new Map<string, number>()
  for (let i = 0; i < items.length; i++) {
    const id: unknown = items[i].id
    if (typeof id !== 'string') {
      throw new PlanningInputError(`${kind} ${i}: id ${describeValue(id)} is not an id (expected a string)`)
    }
    const first = firstIndex.get(id)
    if (first !== undefined) {
      throw new PlanningInputError(`${kind} ${i}: id ${describeValue(id)} is already used by ${kind} ${first} (expected unique ids)`)
    }
    firstIndex.set(id, i)
  }
}

export function checkRadius(radiusKm: number): void {
  if (typeof radiusKm !== 'number' || !Number.isFinite(radiusKm) || radiusKm <= 0) {
    throw new PlanningInputError(`radius ${describeValue(radiusKm)} km is not a radius (expected a finite number > 0)`)
  }
}

/** A count option or input (sites, swapPasses, …): a whole number ≥ 0. */
export function checkCount(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new PlanningInputError(`${name} ${describeValue(value)} is not a count (expected a whole number ≥ 0)`)
  }
}

/** A time limit or similar: a number > 0 (Infinity allowed). */
export function checkPositive(value: number, name: string): void {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new PlanningInputError(`${name} ${describeValue(value)} is not positive (expected a number > 0)`)
  }
}

export function checkChoice<T extends string>(value: T, name: string, choices: readonly T[]): void {
  if (!choices.includes(value)) {
    throw new PlanningInputError(
      `${name} ${describeValue(value)} is not one of ${choices.map((c) => describeValue(c)).join(', ')}`,
    )
  }
}

/** How hard a solver tries for the proven optimum: 'auto' when the model is small enough, or always, or never. */
export const EXACT_MODES = ['auto', 'never', 'always'] as const
export type ExactMode = (typeof EXACT_MODES)[number]

export interface SolverLimits {
  boundSteps: number
  exact: ExactMode
  maxExactVariables: number
  maxLpVariables: number
  timeLimitSeconds: number
}

/** The limits both the coverage and the set-cover solver take, checked alike. */
export function checkSolverLimits({ boundSteps, exact, maxExactVariables, maxLpVariables, timeLimitSeconds }: SolverLimits): void {
  checkCount(boundSteps, 'boundSteps')
  checkChoice(exact, 'exact', EXACT_MODES)
  checkCount(maxExactVariables, 'maxExactVariables')
  checkCount(maxLpVariables, 'maxLpVariables')
  checkPositive(timeLimitSeconds, 'timeLimitSeconds')
}
