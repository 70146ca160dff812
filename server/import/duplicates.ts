// When two ledger rows, or a row and a unit already in the store, are the same unit:
// - the same external id (编号), when both have one; or
// - the same normalised name, and either points within `radiusM` of each other or the same area code.
// Names are compared without spaces, punctuation or width differences: "中城镇 中学" = "中城镇中学".
import { compactText } from './half-width'
import { distanceM } from '../shared/field-distance'

export interface DuplicateCandidate {
  name: string
  areaCode: string | null
  lon: number | null
  lat: number | null
  externalId?: string | null
}

export function normaliseUnitName(name: string): string {
  return compactText(name)
    .toLowerCase()
    .replace(/[()（）·.,，、:：;；'"“”‘’\-—_《》<>]/g, '')
}

/** Why `a` and `b` are the same unit ("同名且相距 12 m"), or null when they are not. */
export function duplicateReason(
  a: DuplicateCandidate,
  b: DuplicateCandidate,
  radiusM: number,
  areaLabel: (code: string) => string = (code) => code,
): string | null {
  const idA = a.externalId?.trim() ?? ''
  const idB = b.externalId?.trim() ?? ''
  if (idA !== '' && idA === idB) return `编号 ${idA} 相同`
  if (normaliseUnitName(a.name) !== normaliseUnitName(b.name)) return null
  if (a.lon !== null && a.lat !== null && b.lon !== null && b.lat !== null) {
    const d = distanceM([a.lon, a.lat], [b.lon, b.lat])
    if (d <= radiusM) return `同名且相距 ${Math.round(d)} m`
  }
  if (a.areaCode !== null && a.areaCode === b.areaCode) return `同名且同属 ${areaLabel(a.areaCode)}`
  return null
}

/** Candidates indexed by normalised name and by external id, for finding a row's duplicates quickly. */
export class DuplicateIndex<T extends DuplicateCandidate> {
  private readonly byName = new Map<string, T[]>()
  private readonly byId = new Map<string, T[]>()

  constructor(
    private readonly radiusM: number,
    private readonly areaLabel: (code: string) => string = (code) => code,
  ) {}

  add(candidate: T): void {
    push(this.byName, normaliseUnitName(candidate.name), candidate)
    const id = candidate.externalId?.trim() ?? ''
    if (id !== '') push(this.byId, id, candidate)
  }

  /** Every indexed candidate `unit` duplicates, each once, with the reason. */
  matches(unit: DuplicateCandidate): { candidate: T; reason: string }[] {
    const id = unit.externalId?.trim() ?? ''
    const pool = new Set([...(this.byName.get(normaliseUnitName(unit.name)) ?? []), ...(id === '' ? [] : (this.byId.get(id) ?? []))])
    const found: { candidate: T; reason: string }[] = []
    for (const candidate of pool) {
      const reason = duplicateReason(unit, candidate, this.radiusM, this.areaLabel)
      if (reason !== null) found.push({ candidate, reason })
    }
    return found
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}
