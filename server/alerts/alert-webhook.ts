// The alert webhook (ATLAS_ALERT_WEBHOOK): each alert the store has not yet delivered is POSTed as JSON, once.
// A failed POST is retried with exponential backoff (1 s, 2 s, 4 s …) up to a bound; an alert still refused
// ends the round, and the rest wait for the next check (the receiver is down: hammering it with every other
// alert would only fill the audit trail). An alert is marked delivered the moment the receiver answers 2xx,
// so it is never sent again. The I/O comes in as arguments (post, sleep), so tests run without waits.
import type { AlertDeliveryRepository, AuditEvent } from '../db/store'
import type { Alert } from './alerts'

export interface WebhookIo {
  /** One POST of `body` (JSON) to the receiver: its status, or a thrown error when none came. */
  post: (body: string) => Promise<{ status: number }>
  sleep: (ms: number) => Promise<void>
}

export interface RetryPolicy {
  attempts?: number // 4: POSTs per alert in one round
  firstDelayMs?: number // 1000: the wait before the second POST; each later wait doubles
}

export interface WebhookStore {
  alertDeliveries: AlertDeliveryRepository
  audit: { record(event: AuditEvent): void }
}

export interface RoundOutcome {
  sent: string[] // alert ids the receiver took in this round
  pending: number // new alerts left for the next round (after a refusal)
  failure: { alertId: string; error: string } | null
}

/** What the receiver gets: one alert, the day it was computed for, and whether it concerns 示例数据. */
export interface AlertPayload {
  source: 'unity-atlas'
  asOf: string
  sample: boolean
  alert: Alert
}

/** Who the webhook's deliveries are audited under. */
export const WEBHOOK_ACTOR = 'alert-webhook'

/** POSTs each of `alerts` not yet delivered, in order; stops at the first one refused after every retry. */
export async function deliverNewAlerts(
  alerts: readonly Alert[],
  context: { asOf: string; sample: boolean; receiver: string },
  store: WebhookStore,
  io: WebhookIo,
  { attempts = 4, firstDelayMs = 1000 }: RetryPolicy = {},
): Promise<RoundOutcome> {
  const delivered = store.alertDeliveries.delivered(alerts.map((a) => a.id))
  const fresh = alerts.filter((a) => !delivered.has(a.id))
  const sent: string[] = []
  for (const [index, alert] of fresh.entries()) {
    const payload: AlertPayload = { source: 'unity-atlas', asOf: context.asOf, sample: context.sample, alert }
    const body = JSON.stringify(payload)
    let error = ''
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await io.sleep(firstDelayMs * 2 ** (attempt - 2))
      try {
        const { status } = await io.post(body)
        if (status >= 200 && status < 300) {
          store.alertDeliveries.markDelivered(alert.id, attempt, WEBHOOK_ACTOR, { receiver: context.receiver, status, attempts: attempt, kind: alert.kind })
          sent.push(alert.id)
          error = ''
          break
        }
        error = `HTTP ${status}`
      } catch (failure) {
        error = (failure as Error).message
      }
    }
    if (error !== '') {
      store.audit.record({
        actor: WEBHOOK_ACTOR,
        action: 'send',
        entity: 'alert',
        entityId: alert.id,
        result: 'failure',
        address: null,
        detail: { receiver: context.receiver, attempts, error, pending: fresh.length - index },
      })
      return { sent, pending: fresh.length - index, failure: { alertId: alert.id, error } }
    }
  }
  return { sent, pending: 0, failure: null }
}

/** The receiver as the log and the audit trail name it: its origin, never a path or query that may hold a key. */
export function receiverOf(url: string): string {
  return new URL(url).origin
}
