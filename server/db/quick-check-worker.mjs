// SQLite's quick_check of a store file on a thread of its own (sqlite-store.ts health): it reads the whole
// file, seconds at a million units, which the event loop must not wait for. Plain JavaScript, as the PostgreSQL
// worker, so it needs no TypeScript loader.
//
// Answered either as a message to the parent (the periodic checks), or — for the first check, which the
// opening thread waits for synchronously — on workerData.port, then signalled through workerData.signal
// (Atomics.notify), whatever happened: the opening thread is blocked until then.
import { parentPort, workerData } from 'node:worker_threads'

let result
try {
  const { default: Database } = await import('better-sqlite3')
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  try {
    result = db.pragma('quick_check').map((r) => r.quick_check).join('; ')
  } finally {
    db.close()
  }
} catch (error) {
  result = `quick_check failed: ${error.message}`
}
if (workerData.port) {
  workerData.port.postMessage(result)
  Atomics.store(workerData.signal, 0, 1)
  Atomics.notify(workerData.signal, 0)
} else {
  parentPort.postMessage(result)
}
