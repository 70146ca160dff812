// 提醒: what needs doing in an area subtree as of a date, from a snapshot of the store. Pure: the rules are the
// ledger's own (expiresOn for 复查, targetsWithProgress for targets, visitsDue for the 督导 rhythm, the join's
// issues for data quality); this module only picks what is due and says it in a sentence.
import type { Area, HonourLevel, Inspection, Unit } from '../shared/domain'
import { isWithin, parentLookup } from '../shared/area-codes'
import { addMonths } from '../geo/coverage'
import type { JoinIssue } from '../geo/join'
import { selectTargets, targetsWithProgress, type TargetWithProgress } from '../geo/target-progress'
import { expiresOn, ledgerAsOfYear, NAMING_VALIDITY_YEARS } from '../geo/unit-history'
import { needsVisits, schemeOfCategory, visitPeriodEnd, visitsDue } from '../geo/visits-due'
import type { Snapshot } from '../snapshot'
import { ALERT_KINDS, ALERT_SEVERITIES, type AlertKind, type AlertSeverity } from '../shared/alert-kinds'


export interface AlertUnit {
  id: number
  name: string
  category: string
  level: HonourLevel | null
}

export interface AlertTarget {
  id: number
  note: string
  count: number
  achieved: number
  expected: number // on the straight line at the as-of date, to one decimal
}

export interface Alert {
  /** kind:object:due date: the same alert has the same id on every day it stands. */
  id: string
  kind: AlertKind
  severity: AlertSeverity
  areaCode: string | null // where the unit is placed (or claims to be), or the target's area
  areaName: string | null
  unit: AlertUnit | null
  target: AlertTarget | null
  message: string // Chinese, naming the object and the date
  dueDate: string | null // yyyy-mm-dd; null for data issues, which have none
}

export interface AlertQuery {
  area: string // the subtree's root
  asOf: string // yyyy-mm-dd
  months?: number // 12: namings that lapse within this many months of asOf are due for 复查
}

export interface AlertsReport {
  area: { code: string; name: string }
  asOf: string
  months: number
  sample: boolean // some unit in the area is 示例数据
  alerts: Alert[]
  counts: Record<AlertKind, number>
}

export type AlertInput = Pick<Snapshot, 'areas' | 'areasByCode' | 'units' | 'unitAreas' | 'unitsInArea' | 'schemes' | 'targets' | 'inspections' | 'joinIssues'>

export const DEFAULT_ALERT_MONTHS = 12

/**
 * A target carries no start: its line runs over the three years of a 三年行动计划 ending with its due year,
 * from what was achieved at the end of dueYear − 3 to its count at the end of dueYear.
 */
export const TARGET_PLAN_YEARS = 3

/** A naming due within this many days is 'medium', later 'low'; one already lapsed is 'high'. */
const REVIEW_SOON_DAYS = 92
/** A follow-up overdue by more than this many days is 'high'. */
const FOLLOW_UP_LATE_DAYS = 30

/** The alerts of `query.area` and every area within it as of `query.asOf`, most urgent first. */
export function alertsOf(input: AlertInput, query: AlertQuery): AlertsReport {
  const root = input.areasByCode.get(query.area)
  if (root === undefined) throw new Error(`alertsOf: area ${query.area} is not in the snapshot`)
  const months = query.months ?? DEFAULT_ALERT_MONTHS
  const units = input.unitsInArea.get(root.code) ?? []
  const place = placeOf(input)
  const alerts = [
    ...reviewsDue(units, query.asOf, months, place),
    ...targetsBehind(input, root.code, query.asOf),
    ...visitsOverdue(input, units, query.asOf, place),
    ...dataIssues(input, root, place),
  ].sort(byUrgency)
  return { area: { code: root.code, name: root.name }, asOf: query.asOf, months, sample: units.some((u) => u.sample), alerts, counts: alertCounts(alerts) }
}

/** `report` with at most `perKind` alerts of each kind listed, the most urgent; `counts` still count them all. */
export function withAlertsPerKind<R extends AlertsReport>(report: R, perKind: number): R {
  const listed = new Map<AlertKind, number>()
  const alerts = report.alerts.filter((alert) => {
    const n = listed.get(alert.kind) ?? 0
    listed.set(alert.kind, n + 1)
    return n < perKind
  })
  return { ...report, alerts }
}

export function alertCounts(alerts: readonly Alert[]): Record<AlertKind, number> {
  const counts = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, 0])) as Record<AlertKind, number>
  for (const alert of alerts) counts[alert.kind]++
  return counts
}

export function byUrgency(a: Alert, b: Alert): number {
  return ALERT_SEVERITIES.indexOf(a.severity) - ALERT_SEVERITIES.indexOf(b.severity) || compareText(a.dueDate ?? '9999', b.dueDate ?? '9999') || compareText(a.id, b.id)
}

// By code unit, not localeCompare: ids and dates are ASCII, and a prefecture's 100 000 alerts sort 10× faster.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

type Place = (unit: Unit) => { areaCode: string | null; areaName: string | null }

function placeOf(input: AlertInput): Place {
  return (unit) => {
    const code = input.unitAreas.get(unit.id) ?? unit.areaCode
    return { areaCode: code, areaName: code === null ? null : (input.areasByCode.get(code)?.name ?? null) }
  }
}

function unitOf(unit: Unit): AlertUnit {
  return { id: unit.id, name: unit.name, category: unit.category, level: unit.level }
}

// ── 复查: namings whose term ends within the window, or has ended without a review ────────────────────

function reviewsDue(units: readonly Unit[], asOf: string, months: number, place: Place): Alert[] {
  const until = addMonths(asOf, months)
  const soon = addDays(asOf, REVIEW_SOON_DAYS)
  return units.flatMap((unit): Alert[] => {
    const state = ledgerAsOfYear(unit, Number(asOf.slice(0, 4)))
    const on = state === null ? null : expiresOn(state)
    if (state === null || on === null || on > until) return []
    const subject = { ...unitOf(unit), level: state.level }
    return [{
      id: `review-due:unit:${unit.id}:${on}`,
      kind: 'review-due',
      severity: on < asOf ? 'high' : on <= soon ? 'medium' : 'low',
      ...place(unit),
      unit: subject,
      target: null,
      message: reviewDueMessage(subject, on, asOf),
      dueDate: on,
    }]
  })
}

/** "绥江县中城镇中学 的国家级命名将于 2027-03-31 满 5 年，需复查": also what a redacted alert is told with. */
export function reviewDueMessage(unit: Pick<AlertUnit, 'name' | 'level'>, lapsesOn: string, asOf: string): string {
  const years = unit.level === null ? undefined : NAMING_VALIDITY_YEARS[unit.level]
  const term = `${unit.name} 的${unit.level ?? ''}命名`
  return lapsesOn < asOf ? `${term}已于 ${lapsesOn} 满 ${years} 年，尚未复查` : `${term}将于 ${lapsesOn} 满 ${years} 年，需复查`
}

// ── targets below the straight line to their due year ────────────────────────────────────────────────

function targetsBehind(input: AlertInput, root: string, asOf: string): Alert[] {
  const targets = selectTargets(input, { area: root })
  const now = new Map(targetsWithProgress(input, targets, asOf).map((t) => [t.id, t]))
  const baselines = new Map<number, number>()
  for (const startYear of new Set(targets.map((t) => t.dueYear - TARGET_PLAN_YEARS))) {
    const starting = targets.filter((t) => t.dueYear - TARGET_PLAN_YEARS === startYear)
    for (const t of targetsWithProgress(input, starting, `${startYear}-12-31`)) baselines.set(t.id, t.progress.achieved)
  }
  return [...now.values()].flatMap((target): Alert[] => {
    const { achieved, count, met } = target.progress
    const expected = onTheLine(baselines.get(target.id) ?? 0, count, target.dueYear, asOf)
    // A fraction of a unit below the line is not yet behind: a naming comes whole.
    if (met || achieved + 1 > expected) return []
    const due = `${target.dueYear}-12-31`
    return [{
      id: `target-behind:target:${target.id}:${due}`,
      kind: 'target-behind',
      severity: due < asOf ? 'high' : 'medium',
      areaCode: target.areaCode,
      areaName: target.areaName,
      unit: null,
      target: { id: target.id, note: target.note, count, achieved, expected: Math.round(expected * 10) / 10 },
      message: targetMessage(target, expected, due, asOf),
      dueDate: due,
    }]
  })
}

/** Where the line from `baseline` at the plan's start to `count` at the end of `dueYear` stands on `asOf`. */
function onTheLine(baseline: number, count: number, dueYear: number, asOf: string): number {
  const start = dayNumber(`${dueYear - TARGET_PLAN_YEARS}-12-31`)
  const end = dayNumber(`${dueYear}-12-31`)
  const elapsed = Math.min(1, Math.max(0, (dayNumber(asOf) - start) / (end - start)))
  return baseline + (count - baseline) * elapsed
}

function targetMessage(target: TargetWithProgress, expected: number, due: string, asOf: string): string {
  const what = `${target.areaName}「${target.note || `目标 ${target.count} 个`}」`
  const done = `完成 ${target.progress.achieved}/${target.count}`
  if (due < asOf) return `${what}已于 ${due} 到期，${done}，未达标`
  return `${what}截至 ${asOf} ${done}，按期应达 ${Math.floor(expected)}，进度滞后（期限 ${due}）`
}

// ── 督导: visits behind the scheme's rhythm, follow-ups past their due date ──────────────────────────

function visitsOverdue(input: AlertInput, units: readonly Unit[], asOf: string, place: Place): Alert[] {
  const inspectionsOf = new Map<number, Inspection[]>()
  for (const inspection of input.inspections) {
    const list = inspectionsOf.get(inspection.unitId)
    if (list) list.push(inspection)
    else inspectionsOf.set(inspection.unitId, [inspection])
  }
  const year = Number(asOf.slice(0, 4))
  return units.flatMap((unit): Alert[] => {
    const own = inspectionsOf.get(unit.id) ?? []
    const perYear = schemeOfCategory(input.schemes, unit.category)?.visitsPerYear ?? 0
    const visits = visitsDue(unit, perYear, own, asOf)
    const alerts: Alert[] = visits.overdueFollowUps.map((f) => ({
      id: `follow-up-overdue:inspection:${f.inspectionId}:${f.followUpDue}`,
      kind: 'follow-up-overdue',
      severity: f.daysOverdue > FOLLOW_UP_LATE_DAYS ? 'high' : 'medium',
      ...place(unit),
      unit: unitOf(unit),
      target: null,
      message: `${unit.name} ${f.date} 督导提出的整改${f.followUp.trim() ? `「${shortened(f.followUp.trim(), 30)}」` : ''}应于 ${f.followUpDue} 前完成，已逾期 ${f.daysOverdue} 天`,
      dueDate: f.followUpDue,
    }))
    // A visit is overdue once its period has ended without it: in the first period of a year none is.
    const next = visits.done + 1
    if (needsVisits(unit.status) && perYear > 0 && next <= perYear) {
      const due = visitPeriodEnd(year, perYear, next)
      if (due < asOf) {
        const missed = Math.max(1, visits.expected - 1 - visits.done)
        alerts.push({
          id: `inspection-overdue:unit:${unit.id}:${due}`,
          kind: 'inspection-overdue',
          severity: missed >= 2 ? 'high' : 'medium',
          ...place(unit),
          unit: unitOf(unit),
          target: null,
          message: `${unit.name} ${year} 年应督导 ${perYear} 次，已督导 ${visits.done} 次；第 ${next} 次应于 ${due} 前完成，已逾期`,
          dueDate: due,
        })
      }
    }
    return alerts
  })
}

// ── data quality: what the join could not place, or placed against the ledger ──────────────────────────

function dataIssues(input: AlertInput, root: Area, place: Place): Alert[] {
  // A code the store does not hold still says by its digits where the ledger meant the unit to be.
  const parents = parentLookup(input.areasByCode)
  const unitsById = new Map(input.units.map((u) => [u.id, u]))
  // A unit placed nowhere may lie in no subtree at all: it is reported at the top of the store too.
  const isTop = root.parent === null || !input.areasByCode.has(root.parent)
  const inRoot = (code: string | null) => (code === null ? false : isWithin(code, root.code, parents))
  return input.joinIssues.flatMap((issue): Alert[] => {
    const unit = unitsById.get(issue.unitId)
    if (unit === undefined) return []
    const placed = input.unitAreas.get(unit.id) ?? null
    if (!(inRoot(placed) || inRoot(issue.claimed) || inRoot(issue.located) || (isTop && placed === null))) return []
    return [{
      id: `data-issue:unit:${unit.id}:${issue.kind}`,
      kind: 'data-issue',
      severity: placed === null ? 'medium' : 'low',
      ...place(unit),
      unit: unitOf(unit),
      target: null,
      message: issueMessage(unit.name, issue, (code) => input.areasByCode.get(code)?.name ?? code),
      dueDate: null,
    }]
  })
}

function issueMessage(name: string, issue: JoinIssue, areaName: (code: string) => string): string {
  const claimed = issue.claimed === null ? null : areaName(issue.claimed)
  switch (issue.kind) {
    case 'area-mismatch':
      return `${name} 的坐标位于 ${areaName(issue.located ?? '')}，台账填写为 ${claimed}，两者不一致`
    case 'outside-all-areas':
      return `${name} 的坐标不在任何行政区内${claimed === null ? '，无法落图' : `，暂按台账 ${claimed} 统计`}`
    case 'unknown-area':
      return `${name} 的台账行政区代码 ${issue.claimed} 不存在${issue.located === null ? '，无法落图' : `，按坐标计入 ${areaName(issue.located)}`}`
    case 'no-location':
      return `${name} 既无坐标也无行政区代码，无法落图`
  }
}

function shortened(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

const DAY_MS = 86_400_000

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
}

function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10)
}
