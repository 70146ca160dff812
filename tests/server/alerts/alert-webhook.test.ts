// The alert webhook against a local receiver (a real HTTP server on a free port, real fetch): retried with
// backoff, each alert taken once, nothing sent again by a later check. The sleeps are recorded, not waited.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { startAlertWebhook } from '../../../server/alerts/alert-schedule'
import type { AlertPayload } from '../../../server/alerts/alert-webhook'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import { AS_OF, dataset } from './alert-fixture'

interface Receiver {
  url: string
  taken: AlertPayload[] // answered 2xx
  refused: number
  close(): Promise<void>
}

/** A receiver that refuses (503) the first `failures` POSTs, or all of them when `failures` is Infinity. */
async function receiver(failures: number): Promise<Receiver> {
  const taken: AlertPayload[] = []
  let refused = 0
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    if (refused < failures) {
      refused++
      response.writeHead(503).end('busy')
      return
    }
    taken.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlertPayload)
    response.writeHead(204).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/atlas?key=secret`,
    taken,
    get refused() {
      return refused
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function webhookTo(failures: number) {
  const store = openSqliteStore(':memory:', { now: () => new Date(`${AS_OF}T09:00:00Z`) })
  store.loadDataset(dataset, 'test')
  const to = await receiver(failures)
  const sleeps: number[] = []
  const logged: string[] = []
  const webhook = startAlertWebhook({
    store,
    url: to.url,
    sensitiveCategories: ['宗教活动场所'],
    log: (m) => logged.push(m),
    logError: (m) => logged.push(m),
    now: () => new Date(`${AS_OF}T09:00:00Z`),
    sleep: async (ms) => void sleeps.push(ms),
  })
  cleanups.push(() => store.close(), () => to.close(), () => webhook.stop())
  return { store, to, sleeps, logged, webhook }
}

const sendRecords = (store: ReturnType<typeof openSqliteStore>) => store.audit.list({ action: 'send', limit: 100 })

describe('the alert webhook', () => {
  test('a receiver that fails twice, then accepts, gets each alert exactly once; a second check sends nothing', async () => {
    const { store, to, sleeps, webhook } = await webhookTo(2)
    const first = await webhook.check()
    // The fixture's alerts as a public audience sees them: the 清真寺's follow-up is withheld.
    expect(first).toMatchObject({ pending: 0, failure: null })
    expect(first.sent).toHaveLength(8)
    expect(to.refused).toBe(2)
    expect(sleeps).toEqual([1000, 2000])
    expect(to.taken.map((p) => p.alert.id)).toEqual(first.sent)
    expect(new Set(first.sent).size).toBe(8)
    expect(to.taken[0]).toMatchObject({ source: 'unity-atlas', asOf: AS_OF, sample: false, alert: { id: 'review-due:unit:2:2025-03-01', unit: { name: '宗教活动场所（不公开）' } } })
    expect(JSON.stringify(to.taken)).not.toContain('南岸清真寺')

    const second = await webhook.check()
    expect(second).toEqual({ sent: [], pending: 0, failure: null })
    expect(to.taken).toHaveLength(8)
    expect(store.alertDeliveries.delivered(first.sent).size).toBe(8)
    const audited = sendRecords(store)
    expect(audited).toHaveLength(8)
    // The receiver is named by its origin: the key in its query stays out of the trail.
    expect(JSON.stringify(audited)).not.toContain('secret')
    expect(audited.every((r) => r.actor === 'alert-webhook' && r.entity === 'alert' && r.result === 'success')).toBe(true)
  })

  test('a receiver that refuses everything: four POSTs with 1, 2, 4 s between, one failure audited, all tried again next check', async () => {
    const { store, to, sleeps, logged, webhook } = await webhookTo(Infinity)
    const first = await webhook.check()
    expect(first).toEqual({ sent: [], pending: 8, failure: { alertId: 'review-due:unit:2:2025-03-01', error: 'HTTP 503' } })
    expect(to.refused).toBe(4)
    expect(sleeps).toEqual([1000, 2000, 4000])
    expect(sendRecords(store).map((r) => [r.entityId, r.result])).toEqual([['review-due:unit:2:2025-03-01', 'failure']])
    expect(logged.at(-1)).toMatch(/refused \(HTTP 503\); 8 alerts wait for the next check$/)
    await webhook.check()
    expect(to.refused).toBe(8)
    expect(store.alertDeliveries.delivered(['review-due:unit:2:2025-03-01']).size).toBe(0)
  })

  test('checks asked for while one runs share it', async () => {
    const { to, webhook } = await webhookTo(0)
    const [a, b] = await Promise.all([webhook.check(), webhook.check()])
    expect(a).toBe(b)
    expect(to.taken).toHaveLength(8)
  })
})
