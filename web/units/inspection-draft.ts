// The add-inspection form's values as typed, and what the panel says of a unit's visits. Pure, so tested
// without a browser (tests/web/inspection-draft.test.ts).
import { DEFAULT_CHECKLIST_ITEMS, type ChecklistResult } from '../../server/shared/domain'
import type { InspectionItem, NewInspection, VisitsSummary } from '../api/client'

export interface InspectionDraft {
  date: string // yyyy-mm-dd
  inspectors: string // names separated by 、 ， or ,
  rating: string // '' for none
  findings: string
  followUp: string
  followUpDue: string // '' for none
  checklist: { item: string; result: ChecklistResult; note: string }[]
}

/** An empty form dated `today`, its checklist the seeds' five themes, each 达标 until changed. */
export function emptyDraft(today: string): InspectionDraft {
  return {
    date: today,
    inspectors: '',
    rating: '',
    findings: '',
    followUp: '',
    followUpDue: '',
    checklist: DEFAULT_CHECKLIST_ITEMS.map((item) => ({ item, result: '达标', note: '' })),
  }
}

/** The POST body; the server checks every value and names the bad ones. */
export function inspectionOfDraft(unit: number, draft: InspectionDraft): NewInspection {
  return {
    unit,
    date: draft.date.trim(),
    inspectors: draft.inspectors.split(/[、，,]/).map((n) => n.trim()).filter(Boolean),
    checklist: draft.checklist.filter((c) => c.item.trim() !== ''),
    rating: draft.rating === '' ? null : draft.rating,
    findings: draft.findings,
    followUp: draft.followUp,
    followUpDue: draft.followUpDue.trim() === '' ? null : draft.followUpDue.trim(),
  }
}

/** "今年已督导 1 次，截至今日应督导 3 次（每年 3 次）" */
export function visitsLine(visits: VisitsSummary): string {
  if (!visits.needsVisits) return `今年已督导 ${visits.done} 次；当前状态无需定期督导`
  return `今年已督导 ${visits.done} 次，截至今日应督导 ${visits.expected} 次（每年 ${visits.visitsPerYear} 次）`
}

/** How the follow-up of an inspection reads: "限期 2026-11-12 · 逾期 11 天", "已整改 2026-11-20（admin）". */
export function followUpLine(inspection: InspectionItem, asOf: string): string {
  const due = inspection.followUpDue === null ? '' : `限期 ${inspection.followUpDue}`
  switch (inspection.followUpState) {
    case 'closed':
      return [due, `已整改 ${inspection.followUpClosedAt}${inspection.followUpClosedBy ? `（${inspection.followUpClosedBy}）` : ''}`].filter(Boolean).join(' · ')
    case 'overdue':
      return `${due} · 逾期 ${daysBetween(inspection.followUpDue ?? asOf, asOf)} 天`
    case 'open':
      return due || '待整改'
    default:
      return ''
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}
