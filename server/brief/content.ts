// What a 工作简报 says about an area and a period, as numbers and lists (no words, no layout): assembled from
// the snapshot by the same functions the dashboard and the API use (coverage, targets, inspections, the join),
// and shown to an audience as every other answer is. Pure: snapshot, query and date in, content out.
import { DomainError } from '../domain-error'
import { coverageByArea, coverageForAudience, emptyByLevel, type AreaCoverage, type ExpiringUnit, type TargetProgress } from '../geo/coverage'
import { inspectionList, unitVisits } from '../geo/inspection-list'
import { seesInspectionsOf } from '../geo/inspection-redaction'
import type { JoinIssueKind } from '../geo/join'
import { selectTargets, targetsWithProgress } from '../geo/target-progress'
import { childLevelOf, isWithin, storedParents } from '../shared/area-codes'
import { redactedName, seesPeople, townshipOrAbove, withholds, type Audience } from '../shared/audience'
import { CHECKLIST_RESULTS, INSPECTION_RATINGS, type Area, type AreaLevel, type ChecklistResult, type HonourLevel, type Inspection, type InspectionRating, type PhotoType, type Unit } from '../shared/domain'
import type { Snapshot } from '../snapshot'
import { asOfDate, hasBegun, yearBefore, type Period } from './period'

export interface BriefQuery {
  area: string
  period: Period
  today: string // yyyy-mm-dd
  schemeId?: string // default: the store's default scheme
}

export interface LevelCounts {
  total: number
  byLevel: Record<HonourLevel, number>
}

export interface Naming {
  unitId: number
  name: string
  category: string
  level: HonourLevel | null
  on: string // yyyy-mm-dd
  areaName: string // the county (or the area itself) it lies in
}

export interface ChildRow {
  code: string
  name: string
  total: number
  byLevel: Record<HonourLevel, number>
  categoriesCovered: number
  categoriesInScheme: number
  childAreas: number
  childAreasCovered: number
}

export interface TargetRow {
  areaName: string
  category: string | null
  minLevel: HonourLevel | null
  note: string
  progress: TargetProgress
}

export interface ReviewDue extends ExpiringUnit {
  areaName: string
}

export interface InspectionRow {
  date: string
  unitName: string
  category: string
  findings: string
  followUpState: string
}

export interface VisitsBehind {
  unitName: string
  category: string
  done: number
  expected: number
}

/** The 督导 of the period in figures: what the section's summary says besides the lists. */
export interface InspectionOverview {
  visits: number // visits in the period to the area's units, withheld ones included (counted, never described)
  unitsVisited: number // distinct units visited in the period, likewise
  unitsDue: number // units the visit rhythm expects visited by `asOf` (visitsDue expected > 0)
  unitsDueVisited: number // of those, visited at least once in the period
  ratings: Record<InspectionRating, number> // overall ratings of the listed visits (the audience's)
  unrated: number // listed visits without a rating
  checks: Record<ChecklistResult, number> // checklist points of the listed visits, by result
  openFollowUps: number // follow-ups asked for and not closed, of units whose inspections the audience sees
}

/** A visit's photo the briefing shows: signed-in audiences only, at most BRIEF_PHOTOS, newest visits first. */
export interface BriefPhoto {
  sha256: string
  mime: PhotoType
  width: number
  height: number
  unitName: string
  date: string // the visit's day
}

/** Photos a briefing shows at most: a few, to show the work, not an album. */
export const BRIEF_PHOTOS = 4

/** Photo types a Word document shows (WebP it does not). */
const DOCUMENT_PHOTO_TYPES: ReadonlySet<PhotoType> = new Set(['image/jpeg', 'image/png'])

export interface DataIssue {
  unitName: string
  kind: JoinIssueKind
  claimed: string | null // the ledger's area, as "name (code)"; the code alone when the store lacks it
  located: string | null // where the point lies, likewise
}

export interface BriefContent {
  area: { code: string; name: string; level: AreaLevel }
  period: Period
  previous: Period // the same period a year earlier
  today: string
  asOf: string // the day the period's lists speak for (visits due, follow-ups): its end, or today while it runs
  stockAsOf: string // the day the counts speak for: coverage counts as of a year's end, or today in the current year
  scheme: { id: string; name: string; categories: string[] }
  redacted: boolean // the audience gets withheld categories without names
  sample: boolean // 示例数据 is among the area's units, which every count and list of the briefing is drawn from
  stock: LevelCounts & { categoriesCovered: number; categoriesInScheme: number; childAreas: number; childAreasCovered: number }
  stockBefore: LevelCounts // at the end of the previous period's year
  named: LevelCounts // namings made in the period
  namedBefore: LevelCounts // namings made in the same period a year earlier
  newNamings: Naming[]
  childLevel: AreaLevel | null
  children: ChildRow[]
  targets: TargetRow[]
  reviewsDue: ReviewDue[]
  inspectionsDone: InspectionRow[]
  inspectionsHidden: number // visits to withheld units: counted, not listed
  visitsBehind: VisitsBehind[]
  overdueFollowUps: number
  inspection: InspectionOverview
  photos: BriefPhoto[]
  dataIssues: DataIssue[]
  yearOnlyNamings: number // units with a year named and no dated history: not placed in a period shorter than a year
}

export function briefContent(snapshot: Snapshot, query: BriefQuery, audience: Audience): BriefContent {
  const area = snapshot.areasByCode.get(query.area)
  if (!area) throw new DomainError('not_found', `area: ${query.area} is not an area in the store`, { details: { parameter: 'area' } })
  const { period, today } = query
  if (!hasBegun(period, today)) {
    throw new DomainError('invalid', `period: ${period.id} has not begun (today is ${today}); a briefing reports on a period that has begun`, { details: { parameter: 'period' } })
  }
  const asOf = asOfDate(period, today)
  const previous = yearBefore(period)
  const redact = (unit: Pick<Unit, 'name' | 'category'>) => (withholds(audience, unit.category) ? redactedName(unit.category) : unit.name)
  const coverageQuery = { schemeId: query.schemeId, today, year: period.year }

  const own = coverageForAudience(coverageByArea(snapshot, { ...coverageQuery, level: area.level, parent: area.parent ?? undefined }), audience)
  const entry = own.areas.find((a) => a.code === area.code) as AreaCoverage // the area is in the store: its level lists it
  const before = coverageByArea(snapshot, { ...coverageQuery, level: area.level, parent: area.parent ?? undefined, year: previous.year })
  const beforeEntry = before.areas.find((a) => a.code === area.code) as AreaCoverage
  const childLevel = childLevelOf(area.level)
  const children = childLevel === null ? [] : coverageByArea(snapshot, { ...coverageQuery, level: childLevel, parent: area.code }).areas.map(childRow)

  const units = snapshot.unitsInArea.get(area.code) ?? []
  const placeOf = placeName(snapshot, area)
  const newNamings: Naming[] = namingsIn(units, period).map((n) => ({
    unitId: n.unit.id, name: redact(n.unit), category: n.unit.category, level: n.level, on: n.on, areaName: placeOf(n.unit.id),
  }))

  const inspections = inspectionList(snapshot, { area: area.code, from: period.start, to: period.end }, audience, asOf)
  const unitsById = new Map(units.map((u) => [u.id, u]))
  const inPeriod = snapshot.inspections.filter((i) => i.date >= period.start && i.date <= period.end && unitsById.has(i.unitId))
  const allVisits = inPeriod.length
  const visits = units.map((unit) => ({ unit, due: unitVisits(snapshot, unit, asOf) }))
  const seenVisits = visits.filter((v) => seesInspectionsOf(audience, v.unit.category))
  const visitedUnits = new Set(inPeriod.map((i) => i.unitId))
  const unitsDue = visits.filter((v) => v.due.expected > 0)

  const stockAsOf = period.year < Number(today.slice(0, 4)) ? `${period.year}-12-31` : today
  const targets = targetsWithProgress(snapshot, selectTargets(snapshot, { area: area.code, schemeId: own.scheme.id }), stockAsOf)

  return {
    area: { code: area.code, name: area.name, level: area.level },
    period,
    previous,
    today,
    asOf,
    stockAsOf,
    scheme: own.scheme,
    redacted: audience.withheld.size > 0,
    sample: units.some((u) => u.sample),
    stock: {
      total: entry.total,
      byLevel: entry.byLevel,
      categoriesCovered: entry.categoriesCovered,
      categoriesInScheme: entry.categoriesInScheme,
      childAreas: entry.childAreas,
      childAreasCovered: entry.childAreasCovered,
    },
    stockBefore: { total: beforeEntry.total, byLevel: beforeEntry.byLevel },
    named: levelCounts(newNamings),
    namedBefore: levelCounts(namingsIn(units, previous)),
    newNamings,
    childLevel,
    children,
    targets: targets.map((t) => ({ areaName: t.areaName, category: t.category, minLevel: t.minLevel, note: t.note, progress: t.progress })),
    reviewsDue: entry.expiring.map((e) => ({ ...e, areaName: placeOf(e.id) })),
    inspectionsDone: inspections.inspections.map((i) => {
      const unit = unitsById.get(i.unitId) as Unit // inspectionList kept only the area's units
      return { date: i.date, unitName: unit.name, category: unit.category, findings: i.findings, followUpState: i.followUpState }
    }),
    inspectionsHidden: allVisits - inspections.inspections.length,
    visitsBehind: visits
      .filter((v) => v.due.due > 0)
      .map((v) => ({ unitName: redact(v.unit), category: v.unit.category, done: v.due.done, expected: v.due.expected })),
    overdueFollowUps: seenVisits.reduce((sum, v) => sum + v.due.overdueFollowUps.length, 0),
    inspection: {
      visits: allVisits,
      unitsVisited: visitedUnits.size,
      unitsDue: unitsDue.length,
      unitsDueVisited: unitsDue.filter((v) => visitedUnits.has(v.unit.id)).length,
      ...ratingsAndChecks(inspections.inspections),
      openFollowUps: seenVisits.reduce((sum, v) => sum + v.due.openFollowUps, 0),
    },
    photos: briefPhotos(inspections.inspections, unitsById, audience),
    dataIssues: dataIssuesIn(snapshot, area.code).map((issue) => {
      const unit = snapshot.units.find((u) => u.id === issue.unitId)
      const named = (code: string | null) => (code === null ? null : `${snapshot.areasByCode.get(code)?.name ?? ''}（${code}）`)
      const hidden = unit === undefined || withholds(audience, unit.category)
      return {
        unitName: unit ? redact(unit) : `#${issue.unitId}`,
        kind: issue.kind,
        claimed: named(hidden ? townshipOrAbove(issue.claimed) : issue.claimed),
        located: named(hidden ? townshipOrAbove(issue.located) : issue.located),
      }
    }),
    yearOnlyNamings: period.kind === 'year' ? 0 : units.filter((u) => u.history.length === 0 && u.yearNamed === period.year).length,
  }
}

function ratingsAndChecks(listed: readonly Inspection[]): Pick<InspectionOverview, 'ratings' | 'unrated' | 'checks'> {
  const ratings = Object.fromEntries(INSPECTION_RATINGS.map((r) => [r, 0])) as Record<InspectionRating, number>
  const checks = Object.fromEntries(CHECKLIST_RESULTS.map((r) => [r, 0])) as Record<ChecklistResult, number>
  let unrated = 0
  for (const inspection of listed) {
    if (inspection.rating === null) unrated++
    else ratings[inspection.rating]++
    for (const entry of inspection.checklist) checks[entry.result]++
  }
  return { ratings, unrated, checks }
}

/**
 * Up to BRIEF_PHOTOS photos of the listed visits, newest visit first, one per visit before a second of any.
 * Signed-in audiences only: photos show people and places, which the public version never carries (the
 * audience rule for people, seesPeople); a withheld unit's are never among them.
 */
function briefPhotos(listed: readonly Inspection[], unitsById: ReadonlyMap<number, Unit>, audience: Audience): BriefPhoto[] {
  if (!seesPeople(audience)) return []
  const perVisit = [...listed]
    .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id)
    .map((inspection) => ({ inspection, unit: unitsById.get(inspection.unitId) }))
    .filter((v): v is { inspection: Inspection; unit: Unit } => v.unit !== undefined && !withholds(audience, v.unit.category))
    .map(({ inspection, unit }) => inspection.photos.filter((p) => DOCUMENT_PHOTO_TYPES.has(p.mime)).map((p) => ({ sha256: p.sha256, mime: p.mime, width: p.width, height: p.height, unitName: unit.name, date: inspection.date })))
  const chosen: BriefPhoto[] = []
  for (let round = 0; chosen.length < BRIEF_PHOTOS && perVisit.some((photos) => photos.length > round); round++) {
    for (const photos of perVisit) if (photos[round] && chosen.length < BRIEF_PHOTOS) chosen.push(photos[round])
  }
  return chosen
}

/** Namings (→ 命名) made within the period, oldest first; a unit with no dated history counts in its year named for a whole-year period. */
function namingsIn(units: readonly Unit[], period: Period): { unit: Unit; level: HonourLevel | null; on: string }[] {
  const found: { unit: Unit; level: HonourLevel | null; on: string }[] = []
  for (const unit of units) {
    if (unit.history.length === 0) {
      if (period.kind === 'year' && unit.yearNamed === period.year && unit.level !== null) found.push({ unit, level: unit.level, on: `${period.year}` })
      continue
    }
    for (const change of unit.history) {
      if (change.to === '命名' && change.at >= period.start && change.at <= period.end) found.push({ unit, level: change.level ?? unit.level, on: change.at })
    }
  }
  return found.sort((a, b) => a.on.localeCompare(b.on) || a.unit.id - b.unit.id)
}

function levelCounts(namings: readonly { level: HonourLevel | null }[]): LevelCounts {
  const byLevel = emptyByLevel()
  for (const n of namings) if (n.level !== null) byLevel[n.level]++
  return { total: namings.length, byLevel }
}

function childRow(entry: AreaCoverage): ChildRow {
  const { code, name, total, byLevel, categoriesCovered, categoriesInScheme, childAreas, childAreasCovered } = entry
  return { code, name, total, byLevel, categoriesCovered, categoriesInScheme, childAreas, childAreasCovered }
}

/** The name of the area directly below `area` that a unit lies in (its county in a prefecture's briefing), else the area's own. */
function placeName(snapshot: Snapshot, area: Area): (unitId: number) => string {
  return (unitId) => {
    let code = snapshot.unitAreas.get(unitId) ?? null
    while (code !== null) {
      const found = snapshot.areasByCode.get(code)
      if (!found) break
      if (found.parent === area.code) return found.name
      code = found.parent
    }
    return area.name
  }
}

/** Units the join could not place, or placed elsewhere than their ledger says, claimed by or located in the area. */
function dataIssuesIn(snapshot: Snapshot, code: string) {
  const parents = storedParents(snapshot.areasByCode)
  const inArea = (c: string | null) => c !== null && isWithin(c, code, parents)
  return snapshot.joinIssues.filter((issue) => inArea(issue.claimed) || inArea(issue.located))
}
