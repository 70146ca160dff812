// The weekly digest (周报) of an area: its alerts as of a day and what changed since an earlier one — namings,
// other status changes (from the units' history) and the 督导 visits made. Pure; as the audience may see it:
// a withheld unit's changes under the generic name, its visits left out (as inspection lists leave them out).
// Who made a change and why are not in it: a digest is passed on, and those are for signed-in readers.
import type { HonourLevel, InspectionRating, UnitStatus } from '../shared/domain'
import { redactedName, townshipOrAbove, withholds, type Audience } from '../shared/audience'
import type { Snapshot } from '../snapshot'
import { alertsOf } from './alerts'
import { alertsForAudience, type AlertsAnswer } from './alert-audience'

export interface DigestQuery {
  area: string
  since: string // yyyy-mm-dd, inclusive
  asOf: string // yyyy-mm-dd, inclusive: the alerts' day and the end of the period
}

export interface DigestStatusChange {
  date: string
  unitId: number
  name: string
  category: string
  areaName: string | null
  from: UnitStatus | null
  to: UnitStatus
  level: HonourLevel | null // the level a naming gave
}

export interface DigestInspection {
  date: string
  unitId: number
  name: string
  category: string
  areaName: string | null
  rating: InspectionRating | null
}

export interface Digest {
  area: { code: string; name: string }
  since: string
  asOf: string
  sample: boolean
  alerts: AlertsAnswer
  namings: DigestStatusChange[] // → 命名 in the period, oldest first
  statusChanges: DigestStatusChange[] // every other change of status in the period, oldest first
  inspections: DigestInspection[] // visits made in the period, oldest first
  withheldInspections: number
}

export function digestOf(snapshot: Snapshot, query: DigestQuery, audience: Audience): Digest {
  const areaName = (code: string | null) => (code === null ? null : (snapshot.areasByCode.get(code)?.name ?? null))
  const alerts = alertsForAudience(alertsOf(snapshot, { area: query.area, asOf: query.asOf }), audience, areaName)
  const units = snapshot.unitsInArea.get(query.area) ?? []
  const inPeriod = (date: string) => date >= query.since && date <= query.asOf
  // A withheld unit's place is said no finer than its township, as /api/units cuts it.
  const placeOf = (unitId: number, hidden: boolean) => {
    const code = snapshot.unitAreas.get(unitId) ?? null
    return areaName(hidden ? townshipOrAbove(code) : code)
  }

  const changes = units.flatMap((unit) => {
    const hidden = withholds(audience, unit.category)
    return unit.history.filter((change) => inPeriod(change.at)).map((change): DigestStatusChange => ({
      date: change.at,
      unitId: unit.id,
      name: hidden ? redactedName(unit.category) : unit.name,
      category: unit.category,
      areaName: placeOf(unit.id, hidden),
      from: change.from,
      to: change.to,
      level: change.level ?? null,
    }))
  }).sort((a, b) => a.date.localeCompare(b.date) || a.unitId - b.unitId)

  const unitsById = new Map(units.map((u) => [u.id, u]))
  const visits = snapshot.inspections.filter((i) => unitsById.has(i.unitId) && inPeriod(i.date))
  const shown = visits.filter((i) => !withholds(audience, unitsById.get(i.unitId)!.category))
  const inspections = shown
    .map((i): DigestInspection => {
      const unit = unitsById.get(i.unitId)!
      return { date: i.date, unitId: unit.id, name: unit.name, category: unit.category, areaName: placeOf(unit.id, false), rating: i.rating }
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.unitId - b.unitId)

  return {
    area: alerts.area,
    since: query.since,
    asOf: query.asOf,
    sample: alerts.sample,
    alerts,
    namings: changes.filter((c) => c.to === '命名'),
    statusChanges: changes.filter((c) => c.to !== '命名'),
    inspections,
    withheldInspections: visits.length - shown.length,
  }
}
