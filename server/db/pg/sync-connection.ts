// A synchronous PostgreSQL connection: requests go to a worker thread (sync-worker.mjs) that runs the async
// driver (`pg`), and this thread waits on a shared word until the answer is back. The store contract is
// synchronous (better-sqlite3 blocks the same way); a query here costs a round trip to the database server
// plus ~50 µs of hand-over, and reads of the ledger come from the in-memory snapshot, not from here.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { DomainError } from '../../domain-error'

export interface QueryResult {
  rows: unknown[]
  changes: number
}

/** An error PostgreSQL (or the connection to it) answered, with its SQLSTATE `code`. */
export class PostgresError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly detail: string | null,
    readonly constraint: string | null,
  ) {
    super(message)
  }
}

export interface SyncConnection {
  query(sql: string, params?: readonly unknown[]): QueryResult
  begin(): void
  commit(): void
  rollback(): void
  close(): void
}

export interface SyncConnectionOptions {
  /** LISTEN on this channel and hand each NOTIFY payload (null: the listener reconnected, some may be lost). */
  channel?: string
  onNotification?: (payload: string | null) => void
  /** How long one request may take before the connection is given up: longer than any statement the atlas runs. */
  timeoutMs?: number
}

type Reply = { ok: true } & Partial<QueryResult> | { ok: false; error: { message: string; code: string | null; detail: string | null; constraint: string | null } }

export function openSyncConnection(url: string, { channel, onNotification, timeoutMs = 300_000 }: SyncConnectionOptions = {}): SyncConnection {
  const signal = new Int32Array(new SharedArrayBuffer(4))
  const requests = new MessageChannel()
  const notifications = new MessageChannel()
  const worker = new Worker(new URL('./sync-worker.mjs', import.meta.url), {
    workerData: { url, requests: requests.port2, notifications: notifications.port2, signal, channel: channel ?? null },
    transferList: [requests.port2, notifications.port2],
  })
  // Neither keeps a CLI command alive once its work is done; close() ends both.
  worker.unref()
  let exited: Error | null = null
  worker.on('error', (error) => (exited = error))
  worker.on('exit', (code) => {
    exited ??= new Error(`the PostgreSQL worker stopped (exit code ${code})`)
    Atomics.store(signal, 0, 1)
    Atomics.notify(signal, 0)
  })
  if (onNotification) {
    notifications.port1.on('message', ({ payload }: { payload: string | null }) => onNotification(payload))
    notifications.port1.unref()
  }

  const call = (request: Record<string, unknown>): QueryResult => {
    if (exited) throw new DomainError('unavailable', `PostgreSQL store: ${exited.message}`)
    Atomics.store(signal, 0, 0)
    requests.port1.postMessage(request)
    if (Atomics.wait(signal, 0, 0, timeoutMs) === 'timed-out') {
      void worker.terminate()
      exited = new Error(`no answer from PostgreSQL in ${timeoutMs / 1000} s`)
      throw new DomainError('unavailable', `PostgreSQL store: ${exited.message}`)
    }
    const message = receiveMessageOnPort(requests.port1)?.message as Reply | undefined
    if (message === undefined) throw new DomainError('unavailable', `PostgreSQL store: ${(exited as Error | null)?.message ?? 'the worker answered nothing'}`)
    if (!message.ok) throw new PostgresError(message.error.message, message.error.code, message.error.detail, message.error.constraint)
    return { rows: message.rows ?? [], changes: message.changes ?? 0 }
  }

  return {
    query: (sql, params = []) => call({ op: 'query', sql, params }),
    begin: () => void call({ op: 'begin' }),
    commit: () => void call({ op: 'commit' }),
    rollback: () => void call({ op: 'rollback' }),
    close() {
      if (!exited) call({ op: 'close' })
      void worker.terminate()
      requests.port1.close()
      notifications.port1.close()
    },
  }
}

