// The 提醒 panel: the alerts of the area in view (GET /api/alerts), grouped by kind with their counts, most
// urgent first within each; one kind open at a time. An alert about a unit opens the unit's details, one about
// a target its area. The messages are the server's (Chinese); the panel's own words follow the page's language.
import { useState } from 'react'
import { ALERT_KIND_NAMES, ALERT_KINDS, ALERT_SEVERITY_NAMES, type AlertKind } from '../../../server/shared/alert-kinds'
import type { ViewLanguage } from '../../../server/shared/view-state'
import type { AlertItem, AlertsResponse } from '../../api/client'
import { formatDate, t } from '../i18n'

/** Alerts asked for and listed per kind: a prefecture's overdue visits can run to thousands, the count says how many. */
export const LISTED_PER_KIND = 30

export interface AlertsPanelProps {
  lang: ViewLanguage
  answer: AlertsResponse
  onAlert(alert: AlertItem): void
}

export function AlertsPanel({ lang, answer, onAlert }: AlertsPanelProps) {
  const kinds = ALERT_KINDS.filter((kind) => answer.counts[kind] > 0)
  const [open, setOpen] = useState<AlertKind | null>(null)
  const shown = open !== null && kinds.includes(open) ? open : (kinds[0] ?? null)
  const listed = answer.alerts.filter((a) => a.kind === shown)
  return (
    <section className="detail alerts" data-testid="alerts-panel">
      <h3 className="detail-title">
        {t(lang, 'alerts')} <small>{t(lang, 'alertsAsOf', { area: answer.area.name, date: formatDate(lang, answer.asOf) })}</small>
      </h3>
      {kinds.length === 0 ? (
        <p className="muted">{t(lang, 'alertsNone')}</p>
      ) : (
        <div className="alert-kinds" role="tablist">
          {kinds.map((kind) => (
            <button key={kind} type="button" role="tab" aria-selected={kind === shown} className={`alert-kind sev-${worstOf(answer.alerts, kind)}`} onClick={() => setOpen(kind)} data-kind={kind}>
              <span>{ALERT_KIND_NAMES[kind][lang]}</span>
              <strong>{answer.counts[kind]}</strong>
            </button>
          ))}
        </div>
      )}
      {listed.length > 0 && (
        <ul className="alert-list">
          {listed.map((alert) => (
            <li key={alert.id} className={`sev-${alert.severity}`}>
              <button type="button" className="link-button alert-item" onClick={() => onAlert(alert)} title={ALERT_SEVERITY_NAMES[alert.severity][lang]}>
                <span className="alert-severity">{ALERT_SEVERITY_NAMES[alert.severity][lang]}</span>
                {alert.message}
                {alert.areaName && <small> · {alert.areaName}</small>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown !== null && answer.counts[shown] > listed.length && <p className="muted">{t(lang, 'alertsMore', { count: answer.counts[shown] - listed.length })}</p>}
      {answer.withheld > 0 && <p className="muted">{t(lang, 'alertsWithheld', { count: answer.withheld })}</p>}
    </section>
  )
}

/** The most urgent severity among the alerts of `kind` (the answer is sorted most urgent first). */
function worstOf(alerts: readonly AlertItem[], kind: AlertKind): AlertItem['severity'] {
  return alerts.find((a) => a.kind === kind)?.severity ?? 'low'
}
