// What a worker thread does with an upload (see parse-pool.ts): read it on this thread, within the limits,
// and answer the table or the error as plain data.
import { UploadLimitError } from '../limits'
import { readAreaFile, type ReadAreaOptions } from './areas/read-area-file'
import { ImportError } from './import-error'
import type { ParseAnswer, ParseTask } from './parse-pool'
import { readUnitFile, type ParseOptions } from './read-unit-file'

export type UploadTask = ParseTask<'units', ParseOptions> | ParseTask<'areas', ReadAreaOptions>

export async function parseTask(task: UploadTask): Promise<ParseAnswer<unknown>> {
  const port = task.progress
  const onRowsRead = port && ((done: number, total: number | null) => port.postMessage({ done, total }))
  try {
    const table = task.kind === 'units' ? await readUnitFile(task.bytes, task.fileName, task.options, onRowsRead) : await readAreaFile(task.bytes, task.fileName, task.options)
    return { ok: true, table }
  } catch (error) {
    if (error instanceof UploadLimitError) return { ok: false, error: { message: error.message, limit: error.limit, busy: error.busy } }
    if (error instanceof ImportError) return { ok: false, error: { message: error.message } }
    throw error
  } finally {
    port?.close()
  }
}
