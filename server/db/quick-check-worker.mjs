// SQLite's quick_check of a store file on a thread of its own (sqlite-store.ts health): it reads the whole
// file, seconds at a million units, which the event loop must not wait for. Plain JavaScript, as the PostgreSQL
// worker, so it needs no TypeScript loader.
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'

let result
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  try {
    result = db.pragma('quick_check').map((r) => r.quick_check).join('; ')
  } finally {
    db.close()
  }
} catch (error) {
  result = `quick_check failed: ${error.message}`
}
parentPort.postMessage(result)
