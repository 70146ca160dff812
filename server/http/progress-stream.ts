// A long import's answer as a stream of progress: POST /api/import/units|areas with `?progress=1` or
// `Accept: application/x-ndjson` gets one JSON object per line — progress events while the file is parsed,
// checked and written, then one `result` event carrying the body the plain answer has, or one `error` event
// carrying the status and body the plain answer would have had (server/shared/import-progress.ts). Without
// either, the route answers JSON as it always has.
//
// NDJSON over a chunked response rather than server-sent events: an import is a POST of a multipart file,
// which EventSource cannot send, so the wizard reads the answer with fetch and a stream reader either way;
// NDJSON needs no event framing (no `data:` prefixes, no blank-line separators, no reconnection ids that an
// import could not honour), and `curl … | jq` or a script reads it one JSON.parse per line.
//
// What is checked before the stream starts (the form, sign-in, the mapping's JSON) is still answered with its
// own status; once the 200 has gone out, a failure can only be told in the last line.
import { randomUUID } from 'node:crypto'
import type { Context, TypedResponse } from 'hono'
import { stream } from 'hono/streaming'
import { DomainError, STATUS_OF_KIND } from '../domain-error'
import { throttledProgress } from '../import/progress'
import { IMPORT_PROGRESS_TYPE, type ImportStreamEvent, type OnImportProgress } from '../shared/import-progress'
import { errorBody } from './errors'

/** Does the caller ask for progress: `?progress=1`, or an Accept header naming application/x-ndjson? */
export function wantsProgress(c: Context): boolean {
  return c.req.query('progress') === '1' || (c.req.header('accept') ?? '').includes(IMPORT_PROGRESS_TYPE)
}

/**
 * The stream is typed as the text it is: a route that also answers c.json keeps its JSON type for the typed
 * client (an untyped Response would widen the route's answer to unknown; web/api/client.ts reads the stream).
 */
export type ProgressStream = Response & TypedResponse<string, 200, 'text'>

/** Runs `work`, streaming its progress (a few events a second) and then its result or error, as NDJSON. */
export function progressAnswer<Result>(c: Context, work: (onProgress: OnImportProgress) => Promise<Result>): ProgressStream {
  c.header('Content-Type', `${IMPORT_PROGRESS_TYPE}; charset=utf-8`)
  c.header('Cache-Control', 'no-store')
  c.header('X-Accel-Buffering', 'no') // a proxy such as nginx passes each line on as it comes
  const answer = stream(c, async (out) => {
    const send = (event: ImportStreamEvent<Result>) => out.write(`${JSON.stringify(event)}\n`)
    const onProgress = throttledProgress((progress) => void send({ type: 'progress', ...progress }))
    let last: ImportStreamEvent<Result>
    try {
      last = { type: 'result', status: 200, body: await work(onProgress) }
    } catch (error) {
      last = errorEvent(c, error)
    }
    await send(last)
  })
  return answer as ProgressStream
}

/** The answer app.onError would have given, as the stream's last event. */
function errorEvent(c: Context, error: unknown): ImportStreamEvent<never> {
  if (error instanceof DomainError) return { type: 'error', status: STATUS_OF_KIND[error.kind], body: errorBody(error.code, error.message, error.details) }
  const requestId = randomUUID().slice(0, 8)
  console.error(`[${requestId}] ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  return { type: 'error', status: 500, body: errorBody('internal', `the server could not complete the request; the error has been logged as ${requestId}`, { requestId }) }
}
