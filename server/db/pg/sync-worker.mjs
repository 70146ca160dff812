// The PostgreSQL connection of one store, on a thread of its own: the main thread posts a request and blocks on
// `signal` until the answer is posted back (server/db/pg/sync-connection.ts), so the store keeps the synchronous
// contract the SQLite store has. Plain JavaScript: a worker under vitest has no TypeScript loader.
import { workerData } from 'node:worker_threads'
import pg from 'pg'

const { url, requests, notifications, signal, channel } = workerData

// Counts and sums (bigint) and numerics as numbers, as SQLite answers them: the atlas's counts stay far below 2^53.
pg.types.setTypeParser(20, Number)
pg.types.setTypeParser(1700, Number)

let client = null
let transactionClient = null // the connection a transaction began on: its statements must not move to another

async function connection() {
  if (client !== null) return client
  const fresh = new pg.Client({ connectionString: url, application_name: 'unity-atlas' })
  // A connection the server ended (restart, pg_terminate_backend) is replaced by the next request.
  fresh.on('error', () => {
    if (client === fresh) client = null
  })
  await fresh.connect()
  client = fresh
  return fresh
}

async function answer(request) {
  switch (request.op) {
    case 'query': {
      const c = await connection()
      if (transactionClient !== null && c !== transactionClient) {
        throw Object.assign(new Error('the connection to PostgreSQL was lost inside a transaction: it was rolled back'), { code: '08006' })
      }
      const result = await c.query({ text: request.sql, values: request.params })
      // A multi-statement text (exec) answers one result per statement.
      const last = Array.isArray(result) ? result.at(-1) : result
      return { rows: last?.rows ?? [], changes: last?.rowCount ?? 0 }
    }
    case 'begin': {
      const c = await connection()
      await c.query('BEGIN')
      transactionClient = c
      return {}
    }
    case 'commit':
    case 'rollback': {
      const c = transactionClient
      transactionClient = null
      if (c === null || c !== client) {
        if (request.op === 'commit') throw Object.assign(new Error('the connection to PostgreSQL was lost inside a transaction: nothing of it was written'), { code: '08006' })
        return {}
      }
      await c.query(request.op === 'commit' ? 'COMMIT' : 'ROLLBACK')
      return {}
    }
    case 'close': {
      await client?.end().catch(() => {})
      await listener?.end().catch(() => {})
      client = null
      listener = null
      closed = true
      return {}
    }
    default:
      throw new Error(`unknown request ${request.op}`)
  }
}

requests.on('message', async (request) => {
  let reply
  try {
    reply = { ok: true, ...(await answer(request)) }
  } catch (error) {
    if (client !== null && isConnectionLoss(error)) {
      client.end().catch(() => {})
      client = null
    }
    reply = { ok: false, error: { message: error.message, code: error.code ?? null, detail: error.detail ?? null, constraint: error.constraint ?? null } }
  }
  requests.postMessage(reply)
  Atomics.store(signal, 0, 1)
  Atomics.notify(signal, 0)
})

function isConnectionLoss(error) {
  return error.code === undefined || /^(08|57P0)/.test(error.code)
}

// Writes other servers made on the same database: NOTIFY on `channel`, passed on as they come, on a connection
// of its own that reconnects after a second when it is lost.
let listener = null
let closed = false
async function listen() {
  if (channel === null || closed) return
  const c = new pg.Client({ connectionString: url, application_name: 'unity-atlas listener' })
  c.on('notification', (n) => notifications.postMessage({ payload: n.payload }))
  c.on('error', () => {})
  c.on('end', () => {
    if (listener !== c) return
    listener = null
    notifications.postMessage({ payload: null }) // notifications may have been missed: the store reads everything again
    if (!closed) setTimeout(listen, 1000)
  })
  try {
    await c.connect()
    await c.query(`LISTEN ${channel}`)
    listener = c
  } catch {
    c.end().catch(() => {})
    if (!closed) setTimeout(listen, 1000)
  }
}
listen()
