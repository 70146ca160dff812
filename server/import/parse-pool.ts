// Uploads are read in worker threads, never on the event loop: decoding, splitting a CSV, inflating a zip,
// loading a workbook all happen in parse-task.ts on a worker, so the server goes on answering (health
// checks, maps) while a file — hostile or just large — is read or refused. Only the finished table comes
// back. The pool is the process's one, started by the first upload; an idle worker exits after 30 s.
//
// A worker that runs out of heap (workerHeapMb) or time (parseSeconds) is stopped and its file refused with
// an UploadLimitError; a file that finds queuedUploads others waiting is refused at once (503).
import { availableParallelism } from 'node:os'
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import { Piscina } from 'piscina'
import { DEFAULT_UPLOAD_LIMITS, UploadLimitError, uploadLimits, type LimitName, type UploadLimits } from '../limits'
import { ImportError } from './import-error'

/** One core is left to the event loop; on two cores that is one worker. */
const THREADS = Math.max(1, availableParallelism() - 1)
const IDLE_MS = 30_000

export interface ParseTask<Kind extends string = string, Options = unknown> {
  kind: Kind // 'units' (parseUnitFile) or 'areas' (parseAreaFile)
  bytes: Uint8Array
  fileName: string
  options: Options // structured-cloneable: no functions
  progress?: MessagePort // where the worker posts { done, total } as it reads rows (parseOffThread's onRowsRead)
}

/** What a worker answers: the table, or the error it threw, to be thrown again here as its own class. */
export type ParseAnswer<T> = { ok: true; table: T } | { ok: false; error: { message: string; limit?: LimitName; busy?: boolean } }

let shared: Piscina<ParseTask, ParseAnswer<unknown>> | null = null

function pool(): Piscina<ParseTask, ParseAnswer<unknown>> {
  if (shared) return shared
  shared = new Piscina({
    // A plain module that loads parse-task.ts: with the loader the thread inherits under `tsx`, or through
    // tsx's API under vitest, whose threads have none.
    filename: new URL('../ts-worker.mjs', import.meta.url).href,
    workerData: { module: './import/parse-task.ts', exported: 'parseTask' },
    minThreads: 0,
    maxThreads: THREADS,
    idleTimeout: IDLE_MS,
    // Below the event loop's thread in the scheduler (Linux, through piscina's optional @napi-rs/nice): on two
    // cores a busy worker must not delay /api/health.
    niceIncrement: 10,
    resourceLimits: { maxOldGenerationSizeMb: DEFAULT_UPLOAD_LIMITS.workerHeapMb },
  })
  // A worker that dies between tasks is replaced; without a listener the event would end the process.
  shared.on('error', (error: Error) => console.error(`upload worker failed: ${error.message}`))
  return shared
}

/** Files being read or waiting: counted here, as piscina's maxQueue does not hold for tasks with a signal. */
let inFlight = 0

const handedOver = new WeakSet<Uint8Array>()

/**
 * Marks `bytes` — and the whole buffer they view — as the caller's to give away: the worker that reads them
 * takes that memory instead of a copy, and it reads as empty here afterwards. The import routes hand over
 * the file they received.
 */
export function handOver(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof ArrayBuffer) handedOver.add(bytes)
  return bytes
}

/**
 * Runs `task` on a worker and answers its table, or throws what the worker threw (ImportError,
 * UploadLimitError), or an UploadLimitError when the worker was stopped. `onRowsRead` hears how far the
 * worker has read, through a MessagePort of its own.
 */
export async function parseOffThread<T>(task: ParseTask, limits: Partial<UploadLimits> = {}, onRowsRead?: (done: number, total: number | null) => void): Promise<T> {
  const caps = uploadLimits(limits)
  if (inFlight >= THREADS + DEFAULT_UPLOAD_LIMITS.queuedUploads) throw busyError()
  const { bytes } = task
  const moved = handedOver.has(bytes)
  // Otherwise copied, as posting does; a view into a larger buffer would be copied with all of it.
  const sent = moved || (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) ? bytes : bytes.slice()
  if (moved) handedOver.delete(bytes)
  let answer: ParseAnswer<unknown>
  const channel = onRowsRead === undefined ? null : new MessageChannel()
  channel?.port1.on('message', ({ done, total }: { done: number; total: number | null }) => onRowsRead?.(done, total))
  inFlight++
  try {
    answer = await pool().run(channel === null ? { ...task, bytes: sent } : { ...task, bytes: sent, progress: channel.port2 }, {
      signal: AbortSignal.timeout(caps.parseSeconds * 1000),
      transferList: [...(moved ? [bytes.buffer as ArrayBuffer] : []), ...(channel === null ? [] : [channel.port2])],
    })
  } catch (error) {
    throw stoppedError(error, caps)
  } finally {
    inFlight--
    channel?.port1.close() // what the worker posted after its answer is dropped: the caller reports the end itself
  }
  if (answer.ok) return answer.table as T
  const { message, limit, busy } = answer.error
  throw limit === undefined ? new ImportError(message) : new UploadLimitError(message, limit, busy)
}

/** The pool's own limits are the defaults: one pool serves every caller. */
function busyError(): UploadLimitError {
  const { queuedUploads } = DEFAULT_UPLOAD_LIMITS
  return new UploadLimitError(
    `服务器正在读取的文件已达上限（另有 ${queuedUploads} 个在等待），超出上限 queuedUploads = ${queuedUploads}，请稍后再试 (the server is busy reading other uploads; try again shortly)`,
    'queuedUploads',
    true,
  )
}

function stoppedError(error: unknown, caps: UploadLimits): unknown {
  const { workerHeapMb } = DEFAULT_UPLOAD_LIMITS
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new UploadLimitError(`读取这个文件需要超过 ${workerHeapMb} MB 内存，超出上限 workerHeapMb = ${workerHeapMb} MB（文件太大或结构异常）`, 'workerHeapMb')
  }
  if ((error as Error | null)?.name === 'AbortError' || /aborted/i.test(message)) {
    return new UploadLimitError(`读取这个文件超过 ${caps.parseSeconds} 秒，超出上限 parseSeconds = ${caps.parseSeconds} s，已停止`, 'parseSeconds')
  }
  return error
}
