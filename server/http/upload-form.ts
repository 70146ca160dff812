// A multipart form with one file, read as the body streams in: busboy splits each chunk as it arrives, so a
// 50 MiB upload never holds the event loop for the whole body. (undici's formData() parses the body in one
// go once it has all of it, ~150 ms for 48 MB, and the File it makes costs another copy to read.) The file
// comes out as bytes, one copy, ready to be handed to a worker; the other fields are checked with `schema`
// and failures named as validated() names them.
//
//   .post('/units', uploadForm(z.object({ file: uploadedFile, dryRun: z.string().optional() })), (c) => {
//     const { file } = c.req.valid('form')         // file.name, file.bytes
import Busboy from 'busboy'
import type { MiddlewareHandler } from 'hono'
import { z, type ZodType } from 'zod'
import type { AppEnv } from './env'
import { errorBody } from './errors'
import { describeIssues } from './validate'

const YIELD_BYTES = 1 << 20

/** The file of a form: its name as sent and its bytes. */
export class UploadedFile {
  constructor(
    readonly name: string,
    readonly bytes: Uint8Array,
  ) {}

  /** In a message: the name and the size, never the bytes. */
  toJSON() {
    return { name: this.name, bytes: this.bytes.length }
  }
}

export const uploadedFile = z.custom<UploadedFile>((value) => value instanceof UploadedFile, { message: 'expected a file in the form field "file"' })

export interface UploadFormOptions {
  fileField?: string // 'file': the one field read as a file; other files are skipped
  maxFieldBytes?: number // 64 KiB: a text field longer than this is refused
  maxFields?: number // 50
}

/** What a client sends for `schema`: the file as a File. */
type FormInput<T extends ZodType> = { [K in keyof z.input<T>]: z.input<T>[K] extends UploadedFile | undefined ? File : z.input<T>[K] }

export function uploadForm<T extends ZodType>(
  schema: T,
  { fileField = 'file', maxFieldBytes = 64 << 10, maxFields = 50 }: UploadFormOptions = {},
): MiddlewareHandler<AppEnv, string, { in: { form: FormInput<T> }; out: { form: z.output<T> } }> {
  return async (c, next) => {
    const type = c.req.header('content-type') ?? ''
    let values: Record<string, unknown> = {}
    if (/^multipart\/form-data/i.test(type) || /^application\/x-www-form-urlencoded/i.test(type)) {
      const read = await readForm(c.req.raw, type, { fileField, maxFieldBytes, maxFields }, Number(c.req.header('content-length')) || 0)
      if (typeof read === 'string') return c.json(errorBody('bad_request', read), 400)
      values = read
    }
    const result = schema.safeParse(values)
    if (!result.success) return c.json(errorBody('bad_request', describeIssues(result.error.issues, values)), 400)
    c.req.addValidatedData('form', result.data as Record<string, unknown>)
    await next()
  }
}

/**
 * The form's fields, its file as an UploadedFile; or what is wrong with it. Errors reading the body are thrown.
 * With a Content-Length (already held to the body limit), the file is copied as it arrives into one buffer of
 * that size, instead of keeping the chunks and copying them at the end: half the memory, no 50 MB copy at once.
 */
async function readForm(request: Request, type: string, options: Required<UploadFormOptions>, contentLength: number): Promise<Record<string, unknown> | string> {
  let parser: Busboy.Busboy
  try {
    parser = Busboy({
      headers: { 'content-type': type },
      defParamCharset: 'utf8', // browsers send file names as UTF-8
      limits: { fieldSize: options.maxFieldBytes, fields: options.maxFields, parts: options.maxFields + 1, files: 1 },
    })
  } catch (error) {
    return `the form could not be read (${error instanceof Error ? error.message : String(error)})`
  }
  const values = new Map<string, unknown>() // not an object: a field may be called __proto__
  const files: Promise<void>[] = []
  let problem: string | null = null
  let failure: Error | null = null
  const finished = new Promise<void>((resolve) => {
    parser.on('close', resolve)
    parser.on('error', (error: Error) => {
      failure = error
      resolve()
    })
  })
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) problem ??= `${name}: longer than ${options.maxFieldBytes} bytes`
    values.set(name, value)
  })
  parser.on('file', (name, stream, info) => {
    if (name !== options.fileField) {
      stream.resume()
      return
    }
    let buffer = new Uint8Array(contentLength)
    let length = 0
    stream.on('data', (chunk: Buffer) => {
      if (length + chunk.length > buffer.length) {
        const grown = new Uint8Array(Math.max(buffer.length * 2, length + chunk.length)) // no Content-Length
        grown.set(buffer.subarray(0, length))
        buffer = grown
      }
      buffer.set(chunk, length)
      length += chunk.length
    })
    files.push(
      new Promise<void>((resolve) => {
        stream.on('close', resolve)
        stream.on('end', () => {
          values.set(name, new UploadedFile(info.filename ?? '', buffer.subarray(0, length)))
          resolve()
        })
      }),
    )
  })
  parser.on('fieldsLimit', () => (problem ??= `the form has more than ${options.maxFields} fields`))
  parser.on('partsLimit', () => (problem ??= `the form has more than ${options.maxFields + 1} parts`))
  const reader = request.body?.getReader()
  try {
    let sinceYield = 0
    while (reader && failure === null) {
      const chunk = await reader.read()
      if (chunk.done) break
      if (!parser.write(chunk.value)) await Promise.race([new Promise((resolve) => parser.once('drain', resolve)), finished])
      // Chunks already queued are read in microtasks, one after another: let the event loop run between megabytes.
      sinceYield += chunk.value.length
      if (sinceYield >= YIELD_BYTES) {
        sinceYield = 0
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
  } catch (error) {
    parser.destroy()
    throw error // the body itself failed, e.g. over the body limit
  }
  if (failure === null) {
    parser.end()
    await finished
  } else {
    await reader?.cancel().catch(() => {})
  }
  const failed = failure as Error | null
  if (failed) return `the form could not be read (${failed.message})`
  await Promise.all(files)
  return problem ?? Object.fromEntries(values)
}
