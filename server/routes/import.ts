// Imports through HTTP: POST a multipart form with `file` and the CLI's options. A dry run (the default)
// only validates; `dryRun=false` commits, for editors (within their area) and admins.
//
// Dry runs are open to anyone, so an anonymous upload is held to less: anonymousUploadBytes instead of
// uploadBytes, and anonymousUploadsPerMinute per client address. The file itself is read on a worker
// thread within the limits of server/limits.ts (server/import/parse-pool.ts); a broken limit is a 413.
//
// With `?progress=1` or `Accept: application/x-ndjson` either import answers a stream of progress events
// ending with the same body (server/http/progress-stream.ts); without, the JSON answer as always.
import { writesData } from '../shared/roles'
import { DomainError } from '../domain-error'
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { FailureLimiter } from '../auth/rate-limit'
import { checkJsonDepth, DEFAULT_UPLOAD_LIMITS, UploadLimitError, type UploadLimits } from '../limits'
import { parseCrs } from '../import/crs'
import { ENCODING_OPTIONS } from '../import/index'
import { importUnits } from '../import/unit-import'
import { AREA_IMPORT_KINDS, importAreas } from '../import/area-import'
import { IMPORT_AREA_LEVELS } from '../import/areas/index'
import { UNIT_FIELDS } from '../shared/unit-fields'
import { handOver } from '../import/parse-pool'
import { DUPLICATE_POLICIES } from '../import/validate-units'
import type { AppEnv } from '../http/env'
import { errorBody, jsonError } from '../http/errors'
import { progressAnswer, wantsProgress } from '../http/progress-stream'
import type { OnImportProgress } from '../shared/import-progress'
import { clientAddressOf } from '../http/forwarded'
import { requireAdmin, writeRefusalResponse } from '../http/session'
import { uploadedFile, uploadForm } from '../http/upload-form'
import { validated } from '../http/validate'

const unitImportForm = z.object({
  file: uploadedFile,
  scheme: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a scheme id such as qijin').optional(),
  crs: z.string().max(20).optional(),
  encoding: z.enum(ENCODING_OPTIONS).default('auto'),
  sheet: z.string().max(100).optional(),
  duplicates: z.enum(DUPLICATE_POLICIES).default('reject'),
  dryRun: z.enum(['true', 'false', '1', '0']).default('true'),
  /** JSON: field → header text or 0-based column, as confirmed in the import wizard. */
  mapping: z.string().max(10_000).optional(),
})

const columnRef = z.union([z.string().max(200), z.number().int().min(0)])

/** Field → column(s); `ignore`: columns the wizard set to 不导入, which wins over a recognised header. */
const explicitMapping = z
  .partialRecord(z.enum([...UNIT_FIELDS, 'ignore']), z.union([columnRef, z.array(columnRef).max(20)]))
  .refine((m) => m.ignore === undefined || Array.isArray(m.ignore), { message: 'ignore: expected a list of columns, e.g. [3, "联系电话"]' })
  .transform(({ ignore, ...fields }) => ({ ...fields, ...(Array.isArray(ignore) ? { ignore } : {}) }))

/** The `mapping` form field parsed, or a message saying what is wrong with it. */
function mappingOf(text: string | undefined): { ok: true; mapping?: z.infer<typeof explicitMapping> } | { ok: false; message: string } {
  if (text === undefined || text.trim() === '') return { ok: true }
  let json: unknown
  try {
    checkJsonDepth(DEFAULT_UPLOAD_LIMITS, text, 'mapping ')
    json = JSON.parse(text)
  } catch (error) {
    if (error instanceof UploadLimitError) return { ok: false, message: error.message }
    return { ok: false, message: 'mapping: expected JSON such as {"name":"单位名称","lon":5}' }
  }
  const parsed = explicitMapping.safeParse(json)
  return parsed.success ? { ok: true, mapping: parsed.data } : { ok: false, message: `mapping: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')} (fields: ${UNIT_FIELDS.join(', ')}, and ignore: a list of columns not to import)` }
}

const areaImportForm = z.object({
  file: uploadedFile,
  kind: z.enum(AREA_IMPORT_KINDS).default('boundaries'),
  level: z.enum(IMPORT_AREA_LEVELS).optional(),
  codeField: z.string().max(60).optional(),
  nameField: z.string().max(60).optional(),
  parent: z.string().regex(/^\d{6}(\d{3})?$/, 'expected a 6- or 9-digit area code').optional(),
  crs: z.string().max(20).optional(),
  gcj02: z.enum(['true', 'false', '1', '0']).default('false'),
  encoding: z.enum(ENCODING_OPTIONS).default('auto'),
  sheet: z.string().max(100).optional(),
  toleranceKm2: z.coerce.number().min(0).max(100).optional(),
  dryRun: z.enum(['true', 'false', '1', '0']).default('true'),
})

const idParam = z.object({ id: z.coerce.number().int().positive('expected an import id') })

type UploadGateLimits = Pick<UploadLimits, 'anonymousUploadBytes' | 'uploadBytes' | 'anonymousUploadsPerMinute'>

/** Before the body is read: anonymous callers counted per address and held to the smaller size. */
function uploadGate(limits: UploadGateLimits): MiddlewareHandler<AppEnv> {
  const mib = (bytes: number) => `${Math.round((bytes / (1 << 20)) * 10) / 10} MiB`
  const anonymous = bodyLimit({
    maxSize: limits.anonymousUploadBytes,
    onError: (c) =>
      c.json(
        errorBody(
          'too_large',
          `未登录时试导入的文件最大 ${mib(limits.anonymousUploadBytes)}，登录后可导入最大 ${mib(limits.uploadBytes)} 的文件 (an anonymous dry run may send at most ${mib(limits.anonymousUploadBytes)}, limit anonymousUploadBytes; sign in for bigger files, up to ${mib(limits.uploadBytes)})`,
        ),
        413,
      ),
  })
  const signedIn = bodyLimit({
    maxSize: limits.uploadBytes,
    onError: (c) => c.json(errorBody('too_large', `导入文件最大 ${mib(limits.uploadBytes)} (an import file may be at most ${mib(limits.uploadBytes)}, limit uploadBytes)`), 413),
  })
  const perAddress = new FailureLimiter({ limit: limits.anonymousUploadsPerMinute, windowMs: 60_000 })
  return async (c, next) => {
    if (c.var.user) return signedIn(c, next)
    const address = clientAddressOf(c, c.var.trustedProxies)
    const wait = perAddress.retryAfterSeconds(address)
    if (wait > 0) {
      c.header('Retry-After', String(wait))
      return jsonError(
        c,
        429,
        'too_many_uploads',
        `未登录时每分钟最多试导入 ${limits.anonymousUploadsPerMinute} 个文件，请 ${wait} 秒后再试，或登录后导入 (anonymous uploads are limited to ${limits.anonymousUploadsPerMinute} a minute per address, limit anonymousUploadsPerMinute; retry after ${wait} s, or sign in)`,
      )
    }
    perAddress.recordFailure(address) // every anonymous upload counts, read or refused
    return anonymous(c, next)
  }
}

export function importRoutes(limits: UploadGateLimits = DEFAULT_UPLOAD_LIMITS) {
  const gate = uploadGate(limits)
  return new Hono<AppEnv>()
    .post('/units', gate, uploadForm(unitImportForm), async (c) => {
      const form = c.req.valid('form')
      const dryRun = form.dryRun === 'true' || form.dryRun === '1'
      if (!dryRun && !c.var.user) throw new DomainError('unauthorized', '需要登录 (sign in as an editor or admin to commit an import)')
      const mapping = mappingOf(form.mapping)
      if (!mapping.ok) throw new DomainError('invalid', mapping.message)
      const crs = form.crs === undefined ? undefined : parseCrs(form.crs)
      const run = (onProgress?: OnImportProgress) =>
        importUnits(
          c.var.store,
          handOver(form.file.bytes),
          form.file.name || 'upload',
          {
            scheme: form.scheme,
            crs,
            encoding: form.encoding,
            sheet: form.sheet === undefined ? undefined : /^\d+$/.test(form.sheet) ? Number(form.sheet) : form.sheet,
            duplicates: form.duplicates,
            mapping: mapping.mapping,
            dryRun,
          },
          { user: c.var.user, actor: c.var.user?.username ?? 'anonymous', today: c.var.today },
          onProgress,
        )
      if (wantsProgress(c)) return progressAnswer(c, run)
      return c.json(await run(), 200)
    })
    .post('/areas', gate, uploadForm(areaImportForm), async (c) => {
      const form = c.req.valid('form')
      const dryRun = form.dryRun === 'true' || form.dryRun === '1'
      // Anonymous callers and non-writers are refused before the file is read; editors are checked per area below.
      const refusal = !dryRun && (!c.var.user || !writesData(c.var.user.role)) ? writeRefusalResponse(c, null) : null
      if (refusal) return refusal
      if (form.kind === 'boundaries' && form.level === undefined) {
        throw new DomainError('invalid', `level: required for boundaries (expected one of: ${IMPORT_AREA_LEVELS.join(', ')})`)
      }
      const bytes = handOver(form.file.bytes)
      const fileName = form.file.name || 'upload'
      const fields = { ...(form.codeField ? { code: form.codeField } : {}), ...(form.nameField ? { name: form.nameField } : {}) }
      const crs = form.crs === undefined ? undefined : parseCrs(form.crs)
      const run = (onProgress?: OnImportProgress) =>
        importAreas(
          c.var.store,
          bytes,
          fileName,
          form.kind === 'attributes'
            ? { kind: 'attributes', encoding: form.encoding, sheet: form.sheet === undefined ? undefined : /^\d+$/.test(form.sheet) ? Number(form.sheet) : form.sheet, fields, dryRun }
            : {
                kind: 'boundaries',
                level: form.level ?? 'township',
                fields,
                parent: form.parent,
                crs,
                gcj02: form.gcj02 === 'true' || form.gcj02 === '1',
                encoding: form.encoding,
                toleranceKm2: form.toleranceKm2,
                dryRun,
              },
          { user: c.var.user, actor: c.var.user?.username ?? 'anonymous' },
          onProgress,
        )
      if (wantsProgress(c)) return progressAnswer(c, run)
      return c.json(await run(), 200)
    })
    .get('/batches', requireAdmin, (c) => c.json({ imports: c.var.store.imports.list() }, 200))
    .get('/batches/:id', requireAdmin, validated('param', idParam), (c) => {
      const batch = c.var.store.imports.get(c.req.valid('param').id)
      return batch ? c.json(batch, 200) : jsonError(c, 404, 'not_found', `import ${c.req.valid('param').id} does not exist`)
    })
    .post('/batches/:id/rollback', requireAdmin, validated('param', idParam), (c) => {
      const { id } = c.req.valid('param')
      if (!c.var.store.imports.get(id)) throw new DomainError('not_found', `import ${id} does not exist`)
      return c.json(c.var.store.imports.rollback(id, c.var.user?.username ?? 'unknown'), 200)
    })
}
