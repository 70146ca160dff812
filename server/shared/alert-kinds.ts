// The kinds and severities of alerts (提醒) and their Chinese and English names: what the API answers
// (server/alerts/alerts.ts), the dashboard's 提醒 panel and the digest all speak.
export const ALERT_KINDS = ['review-due', 'target-behind', 'inspection-overdue', 'follow-up-overdue', 'data-issue'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

/** Most urgent first. */
export const ALERT_SEVERITIES = ['high', 'medium', 'low'] as const
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number]

export const ALERT_KIND_NAMES: Record<AlertKind, { zh: string; en: string }> = {
  'review-due': { zh: '命名复查', en: 'Reviews due' },
  'target-behind': { zh: '目标滞后', en: 'Targets behind' },
  'inspection-overdue': { zh: '督导逾期', en: 'Visits overdue' },
  'follow-up-overdue': { zh: '整改逾期', en: 'Follow-ups overdue' },
  'data-issue': { zh: '数据问题', en: 'Data issues' },
}

export const ALERT_SEVERITY_NAMES: Record<AlertSeverity, { zh: string; en: string }> = {
  high: { zh: '紧急', en: 'urgent' },
  medium: { zh: '关注', en: 'attention' },
  low: { zh: '提示', en: 'note' },
}
