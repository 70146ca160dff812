// The webhook's checks (process wiring for server/index.ts): one soon after start, then every hour. Alerts are
// day-grained (a due date is a day), so an hour is soon enough; a check after every write would tie the sender
// to the store's write path for no gain. A check still retrying when the next is due lets that one pass.
// The receiver gets what an unattended display may see (the audience policy's public side): it is a
// messaging system, not a signed-in user.
import type { AtlasStore } from '../db/store'
import { audienceOf, type Audience } from '../shared/audience'
import type { Snapshot } from '../snapshot'
import { alertsOf, byUrgency, type Alert } from './alerts'
import { alertsForAudience } from './alert-audience'
import { deliverNewAlerts, receiverOf, type RetryPolicy, type RoundOutcome, type WebhookIo } from './alert-webhook'

export const ALERT_CHECK_EVERY_MS = 3_600_000
const FIRST_CHECK_AFTER_MS = 60_000

/**
 * Every alert of the store as of `asOf` as `audience` may see it: those of each top area (an area with no
 * parent in the store), which hold those of every area below; most urgent first. Pure.
 */
export function storeAlerts(snapshot: Snapshot, asOf: string, audience: Audience): { alerts: Alert[]; sample: boolean } {
  const tops = snapshot.areas.filter((a) => a.parent === null || !snapshot.areasByCode.has(a.parent))
  const byId = new Map<string, Alert>()
  let sample = false
  for (const top of tops) {
    const report = alertsForAudience(alertsOf(snapshot, { area: top.code, asOf }), audience, (code) => snapshot.areasByCode.get(code)?.name ?? null)
    sample ||= report.sample
    for (const alert of report.alerts) byId.set(alert.id, alert)
  }
  return { alerts: [...byId.values()].sort(byUrgency), sample }
}

export interface AlertWebhookDeps {
  store: AtlasStore
  url: string
  sensitiveCategories: readonly string[]
  log: (message: string) => void
  logError: (message: string) => void
  now?: () => Date
  fetch?: typeof fetch // the global fetch
  sleep?: (ms: number) => Promise<void> // a timer
  retry?: RetryPolicy
}

export function startAlertWebhook(deps: AlertWebhookDeps) {
  const { store, url, log, logError, now = () => new Date() } = deps
  const io = httpIo(url, deps.fetch ?? fetch, deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))
  const receiver = receiverOf(url)
  const audience = audienceOf('anonymous', deps.sensitiveCategories)
  let running: Promise<RoundOutcome> | null = null

  const check = (): Promise<RoundOutcome> => {
    if (running) return running
    running = (async () => {
      const asOf = now().toISOString().slice(0, 10)
      const { alerts, sample } = storeAlerts(store.snapshot(), asOf, audience)
      const outcome = await deliverNewAlerts(alerts, { asOf, sample, receiver }, store, io, deps.retry)
      if (outcome.sent.length > 0) log(`Alert webhook ${receiver}: delivered ${outcome.sent.length} new alerts`)
      if (outcome.failure) logError(`Alert webhook ${receiver}: ${outcome.failure.alertId} refused (${outcome.failure.error}); ${outcome.pending} alerts wait for the next check`)
      return outcome
    })().finally(() => {
      running = null
    })
    return running
  }
  const checkLogged = () => void check().catch((error: Error) => logError(`Alert webhook ${receiver}: the check failed: ${error.message}`))
  const first = setTimeout(checkLogged, FIRST_CHECK_AFTER_MS).unref()
  const every = setInterval(checkLogged, ALERT_CHECK_EVERY_MS).unref()
  log(`Alert webhook ${receiver}: new alerts are POSTed every ${ALERT_CHECK_EVERY_MS / 60_000} min, first in ${FIRST_CHECK_AFTER_MS / 1000} s`)
  return {
    check,
    stop() {
      clearTimeout(first)
      clearInterval(every)
    },
  }
}

function httpIo(url: string, fetchFn: typeof fetch, sleep: (ms: number) => Promise<void>): WebhookIo {
  return {
    post: async (body) => {
      const answer = await fetchFn(url, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body, signal: AbortSignal.timeout(10_000) })
      // The body is not needed; reading it frees the connection.
      await answer.arrayBuffer().catch(() => undefined)
      return { status: answer.status }
    },
    sleep,
  }
}
