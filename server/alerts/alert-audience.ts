// What an audience may see of alerts, by the rules of server/shared/audience.ts. A naming due for 复查 of a
// withheld unit is told as coverage lists it among the expiring: under the generic name, its place cut to the
// township. Every other alert about a withheld unit is left out, as inspection lists and /api/units/issues
// leave such units out (an overdue visit or a misplaced point would say where a sensitive place is, and how
// often it is visited); the answer says how many were left out. Pure.
import { redactedName, townshipOrAbove, withholds, type Audience } from '../shared/audience'
import { alertCounts, reviewDueMessage, type Alert, type AlertsReport } from './alerts'

export interface AlertsAnswer extends AlertsReport {
  withheld: number // alerts about withheld units left out for this audience
}

/** `report` as `audience` may see it; `areaName` names the township a withheld unit's place is cut to. */
export function alertsForAudience(report: AlertsReport, audience: Audience, areaName: (code: string) => string | null): AlertsAnswer {
  if (audience.withheld.size === 0) return { ...report, withheld: 0 }
  const shown = report.alerts.flatMap((alert): Alert[] => {
    if (alert.unit === null || !withholds(audience, alert.unit.category)) return [alert]
    if (alert.kind !== 'review-due' || alert.dueDate === null) return []
    const unit = { ...alert.unit, name: redactedName(alert.unit.category) }
    const areaCode = townshipOrAbove(alert.areaCode)
    return [{
      ...alert,
      unit,
      areaCode,
      areaName: areaCode === alert.areaCode ? alert.areaName : areaCode === null ? null : areaName(areaCode),
      message: reviewDueMessage(unit, alert.dueDate, report.asOf),
    }]
  })
  return { ...report, alerts: shown, counts: alertCounts(shown), withheld: report.alerts.length - shown.length }
}
