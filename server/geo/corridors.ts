// Demonstration corridors (示范走廊) as the API shows them: pure functions of a snapshot and the stored
// corridors. A stop is a unit; the corridor's path is the line through its located stops in order.
import type { CorridorRecord, HonourLevel } from '../shared/domain'
import type { Snapshot } from '../snapshot'
import { redactedName, townshipOrAbove, withholds, type Audience } from '../shared/audience'

export interface CorridorStop {
  unitId: number
  name: string
  category: string
  level: HonourLevel | null
  areaCode: string | null // where the join placed the unit; cut to township when redacted
  position: [number, number] | null // [lon, lat]; null when the unit has no point or is redacted
  redacted?: true // a sensitive unit shown to a caller who may not see it
}

export interface Corridor {
  id: number
  name: string
  note: string
  sample: boolean
  stops: CorridorStop[]
  path: [number, number][] // the located stops' positions, in order: what the map draws
}

export interface CorridorViewOptions {
  area?: string // only corridors with at least one stop in this area or below it
  audience?: Audience // who asks: stops withheld from it come redacted; none when absent (signed in)
}

/** The corridors as a caller sees them, in the order given, each with its stops and path. */
export function corridorViews(snapshot: Snapshot, corridors: readonly CorridorRecord[], { area, audience }: CorridorViewOptions = {}): Corridor[] {
  const unitsById = new Map(snapshot.units.map((u) => [u.id, u]))
  const inArea = area === undefined ? null : new Set((snapshot.unitsInArea.get(area) ?? []).map((u) => u.id))
  const views: Corridor[] = []
  for (const corridor of corridors) {
    if (inArea && !corridor.unitIds.some((id) => inArea.has(id))) continue
    const stops: CorridorStop[] = []
    for (const unitId of corridor.unitIds) {
      const unit = unitsById.get(unitId)
      if (!unit) continue // deleted since the corridor was read: the store's cascade drops it too
      const areaCode = snapshot.unitAreas.get(unit.id) ?? null
      const position: [number, number] | null = unit.lon === null || unit.lat === null ? null : [unit.lon, unit.lat]
      stops.push(
        audience && withholds(audience, unit.category)
          ? { unitId, name: redactedName(unit.category), category: unit.category, level: unit.level, areaCode: townshipOrAbove(areaCode), position: null, redacted: true }
          : { unitId, name: unit.name, category: unit.category, level: unit.level, areaCode, position },
      )
    }
    views.push({
      id: corridor.id,
      name: corridor.name,
      note: corridor.note,
      sample: corridor.sample,
      stops,
      path: stops.flatMap((s) => (s.position === null ? [] : [s.position])),
    })
  }
  return views
}

/**
 * What is wrong with a corridor's unit list, one message per problem, naming the entry:
 * `unitIds[3]: unit 99999 does not exist`. Empty when every id is a distinct, existing unit.
 */
export function corridorUnitProblems(snapshot: Snapshot, unitIds: readonly number[]): string[] {
  const known = new Set(snapshot.units.map((u) => u.id))
  const firstIndex = new Map<number, number>()
  const problems: string[] = []
  unitIds.forEach((id, i) => {
    const earlier = firstIndex.get(id)
    if (earlier !== undefined) {
      problems.push(`unitIds[${i}]: unit ${id} is already stop unitIds[${earlier}] (expected each unit once)`)
      return
    }
    firstIndex.set(id, i)
    if (!known.has(id)) problems.push(`unitIds[${i}]: unit ${id} does not exist`)
  })
  return problems
}

