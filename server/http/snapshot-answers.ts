// JSON answers computed from one snapshot, kept as serialized text with their ETag until the snapshot
// is replaced (any write). Keyed by the snapshot object itself (a WeakMap), so an old snapshot's answers
// go when it does. The hot read routes (/api/coverage, /api/units) answer a repeated query — a screen
// polling, a hundred viewers on one county — without recomputing, re-serializing or re-hashing.
import { createHash } from 'node:crypto'
import { brotliCompress, brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'
import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'

export interface CachedJson {
  body: Uint8Array<ArrayBuffer> // UTF-8, encoded once: the server writes it without converting the text again
  etag: string // strong, quoted: "sha1-hex"
  encoded: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>> // compressed on the first request that accepts it, then kept
  madeAt: number // Date.now() when made: only an answer that lasts is worth the best brotli
  recompressing?: Promise<void> // the brotli answer being redone at the best quality, off the event loop
}

type Encoding = 'br' | 'gzip'

/** Answers smaller than this go uncompressed: compression would save little and cost a header. */
const COMPRESS_MIN_BYTES = 1024
/**
 * Brotli is done twice: fast for the first request (quality 4: 1.3 MB of coverage JSON in ~19 ms, against ~63 ms
 * at 7 and 3 % larger), then, for an answer that lasts, again on libuv's thread pool at a high quality to replace
 * it for every later request. Under load the bytes, not the CPU, set the pace, and a lasting answer is sent many
 * times but compressed once.
 */
const BROTLI_FIRST_QUALITY = 4
/** Above BROTLI_BEST_MAX_BYTES the first is quality 1: 2.9 MB of national county coverage in ~12 ms, not ~45 (+5 %). */
const BROTLI_FIRST_LARGE_QUALITY = 1
/**
 * The refinement's quality: 11 up to 1 MB (a county's 540 KB of units columns in ~800 ms, 78 → 48 KB); larger
 * answers 7, as quality 11 costs ~1.5 ms per KB of JSON, so a prefecture's 5.5 MB of units would hold a core for
 * ~8 s (34 MB of GeoJSON for a minute), taking it from everything else on a small server.
 */
const BROTLI_BEST_QUALITY = 11
const BROTLI_LARGE_QUALITY = 7
const BROTLI_BEST_MAX_BYTES = 1 << 20
/**
 * …and only for an answer still asked for this long after it was made. Under steady writes (five editors, a
 * version every 100–200 ms) each version's answers were redone at quality 11 and dropped unread: the national
 * province coverage at 1 000 000 units held both cores of a small server on answers nobody received (bench:load:
 * 33 ms of CPU per request, p95 8 s; 2.9 ms and 0.3 s once refined only when lasting). An answer that lasts is
 * refined on its first request after this delay.
 */
export const BROTLI_BEST_AFTER_MS = 2_000
const brotliOptions = (body: Uint8Array, quality: number) => ({ params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })

const COMPRESS: Record<Encoding, (body: Uint8Array) => Buffer> = {
  br: (body) => brotliCompressSync(body, brotliOptions(body, body.byteLength <= BROTLI_BEST_MAX_BYTES ? BROTLI_FIRST_QUALITY : BROTLI_FIRST_LARGE_QUALITY)),
  gzip: (body) => gzipSync(body, { level: 6 }),
}

/** Starts the best-quality brotli of `answer` once; the smaller result replaces the first one when it is done. */
function recompressBrotli(answer: CachedJson): void {
  answer.recompressing ??= new Promise<void>((resolve) =>
    brotliCompress(answer.body, brotliOptions(answer.body, answer.body.byteLength <= BROTLI_BEST_MAX_BYTES ? BROTLI_BEST_QUALITY : BROTLI_LARGE_QUALITY), (error, best) => {
      const first = answer.encoded.br
      // A failure leaves the first encoding in place: it is correct, only larger.
      if (!error && (!first || best.byteLength < first.byteLength)) answer.encoded.br = asBytes(best)
      resolve()
    }),
  )
}

/** Resolves once `answer` holds its final encodings (for tests and benchmarks). */
export function encodingsSettled(answer: CachedJson): Promise<void> {
  return answer.recompressing ?? Promise.resolve()
}

/** Answers kept by key, oldest first, with the bytes they hold. */
export interface BoundedAnswers {
  entries: Map<string, CachedJson> // oldest first
  bytes: number
}

/** `answer` kept in `kept` under `key`; the oldest are dropped until both limits hold again. */
export function keepBounded(kept: BoundedAnswers, key: string, answer: CachedJson, maxEntries: number, maxBytes: number): void {
  kept.entries.set(key, answer)
  kept.bytes += answer.body.byteLength
  for (const [oldKey, old] of kept.entries) {
    if (kept.entries.size <= maxEntries && kept.bytes <= maxBytes) break
    kept.entries.delete(oldKey)
    kept.bytes -= old.body.byteLength
  }
}

export interface AnswerCacheOptions {
  maxEntries?: number // 512 per snapshot
  maxBytes?: number // 64 MiB of JSON text per snapshot
}

const answersBySnapshot = new WeakMap<object, BoundedAnswers>()

/** The answer for `key` on `snapshot`: computed (and kept) the first time, then served from memory. */
export function cachedJson(snapshot: object, key: string, compute: () => unknown, { maxEntries = 512, maxBytes = 64 << 20 }: AnswerCacheOptions = {}): CachedJson {
  let answers = answersBySnapshot.get(snapshot)
  if (!answers) {
    answers = { entries: new Map(), bytes: 0 }
    answersBySnapshot.set(snapshot, answers)
  }
  const hit = answers.entries.get(key)
  if (hit) return hit
  const answer = cachedBytes(asBytes(Buffer.from(JSON.stringify(compute()), 'utf8')))
  if (answer.body.byteLength > maxBytes) return answer // too big to keep
  keepBounded(answers, key, answer, maxEntries, maxBytes)
  return answer
}

/** `body` made an answer to keep: its strong ETag, no encodings yet. */
export function cachedBytes(body: Uint8Array<ArrayBuffer>): CachedJson {
  return { body, etag: `"${createHash('sha1').update(body).digest('hex')}"`, encoded: {}, madeAt: Date.now() }
}

/**
 * A 200 with the cached JSON text and its ETag, or a 304 to an If-None-Match that holds it (what a polling
 * /screen sends back): the routes that answer through here need no etag middleware, which only read the
 * answer's headers again. Typed like c.json(value, 200), so the web client's types (hc<AppType>) still
 * follow the route.
 */
export function cachedJsonAnswer<T>(c: Context, answer: CachedJson): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  return cachedBytesAnswer(c, answer, 'application/json') as unknown as Response & TypedResponse<JSONParsed<T>, 200, 'json'>
}

/** The same for any bytes kept with their ETag (JSON above, vector tiles): 304, or the body in the best encoding. */
export function cachedBytesAnswer(c: Context, answer: CachedJson, contentType: string): Response {
  c.header('Vary', 'Accept-Encoding', { append: true })
  const encoding = answer.body.byteLength >= COMPRESS_MIN_BYTES ? preferredEncoding(c.req.header('accept-encoding')) : null
  // Another representation, so another ETag; weak, because the brotli bytes change once (first → best
  // quality) while meaning the same JSON, and a client holding either tag may still revalidate to a 304.
  const etag = encoding ? `W/${answer.etag.slice(0, -1)}-${encoding}"` : answer.etag
  c.header('ETag', etag)
  // Answered here rather than by the etag middleware, which would first build the full 200 response
  // (undici's Response with its body) only to drop it: a polling screen's 304 should cost next to nothing.
  if (ifNoneMatchHolds(c.req.header('if-none-match'), etag)) return c.body(null, 304)
  if (encoding) {
    // Compressed once per answer, not per request: on a loopback or LAN the bytes, not the CPU, set the pace.
    const encoded = (answer.encoded[encoding] ??= asBytes(COMPRESS[encoding](answer.body)))
    if (encoding === 'br' && Date.now() - answer.madeAt >= BROTLI_BEST_AFTER_MS) recompressBrotli(answer)
    return c.body(encoded, 200, { 'Content-Type': contentType, 'Content-Encoding': encoding })
  }
  return c.body(answer.body, 200, { 'Content-Type': contentType })
}

/** If-None-Match by weak comparison (RFC 9110 13.1.2): `*`, or any listed tag equal to `etag` with W/ set aside. */
export function ifNoneMatchHolds(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  const opaque = etag.replace(/^W\//, '')
  const tags: string[] = header.match(/"[^"]*"/g) ?? []
  return tags.includes(opaque)
}

/** br when Accept-Encoding allows it, else gzip, else null (identity); an encoding with q=0 is refused. */
export function preferredEncoding(header: string | undefined): Encoding | null {
  if (!header) return null
  const accepted = new Set<string>()
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    if (!params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p))) accepted.add(coding.trim())
  }
  if (accepted.has('br')) return 'br'
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip'
  return null
}

function asBytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) as Uint8Array<ArrayBuffer>
}
