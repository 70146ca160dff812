// GET (and HEAD) /api/photos/:sha256, PUT /api/photos/:sha256?visit=<clientId>&takenAt=&exifLocation=0|1: the
// photos of visits (督导), stored by the SHA-256 of their bytes. A phone uploads a photo after the visit it
// belongs to has synced, and asks HEAD first: 200 means the store has it (nothing to send), 404 means send it.
// A PUT of a hash the store holds answers the stored photo (200) without reading the body, so an upload cut
// off is simply sent again. The bytes must hash to the path's hash (else the upload was cut off or altered),
// be a JPEG, PNG or WebP by their own first bytes, and fit server/limits.ts photoBytes. Writing needs a writer
// of visits whose scope holds the visit's unit (server/http/unit-writes.ts visitWriteRefusal); reading a photo
// of a unit the audience withholds (sensitive categories, server/shared/audience.ts) needs a signed-in user.
import { createHash } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { DomainError } from '../domain-error'
import type { AppEnv } from '../http/env'
import { answerDiffersByCaller } from '../http/session'
import { visitWriteRefusal } from '../http/unit-writes'
import { validated } from '../http/validate'
import { checkLimit, DEFAULT_UPLOAD_LIMITS, limitError, type UploadLimits } from '../limits'
import { leadingBytes, sniffImage } from '../photos/image-sniff'
import { withholds } from '../shared/audience'

const hashParam = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the photo, 64 lowercase hex digits') })
const uploadQuery = z.object({
  visit: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected the clientId of the visit the photo belongs to (synced first)'),
  takenAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/, 'expected when the photo was taken, ISO 8601, e.g. 2026-10-12T08:30:00Z').optional(),
  exifLocation: z.enum(['0', '1'], { error: 'expected 1 when the photo keeps its EXIF location, 0 when not' }).optional(),
})

export function photoRoutes(limits: Pick<UploadLimits, 'photoBytes'> = DEFAULT_UPLOAD_LIMITS) {
  const capped = cappedBody(limits)
  return new Hono<AppEnv>()
    .get('/:sha256', validated('param', hashParam), (c) => {
      const { sha256 } = c.req.valid('param')
      const photo = c.var.store.photos.get(sha256)
      const data = photo && c.var.store.photos.data(sha256)
      if (!photo || !data) throw new DomainError('not_found', `photo ${sha256} is not in the store`)
      const unit = c.var.store.units.get(photo.unitId)
      if (!unit || withholds(c.var.audience, unit.category)) {
        throw new DomainError('unauthorized', `此照片所属单位的类别不公开，登录后可查看 (photos of ${unit?.category ?? 'this'} units are for signed-in users: sign in)`)
      }
      answerDiffersByCaller(c)
      c.header('ETag', `"${sha256}"`)
      return c.body(new Uint8Array(data), 200, { 'Content-Type': photo.mime, 'Content-Length': String(data.length) })
    })
    .put('/:sha256', validated('param', hashParam), validated('query', uploadQuery), capped, async (c) => {
      const { sha256 } = c.req.valid('param')
      const query = c.req.valid('query')
      // Before anything about the store is told: which visits exist is for writers only.
      if (!c.var.user) throw new DomainError('unauthorized', '需要登录 (sign in to upload photos of visits)')
      const stored = c.var.store.photos.get(sha256)
      if (stored) return visitWriteRefusal(c, stored.unitId) ?? c.json({ photo: stored }, 200)
      const visit = c.var.store.inspections.byClientId(query.visit)
      if (!visit) throw new DomainError('not_found', `visit: ${query.visit} is not a synced visit (sync the visit, then its photos)`)
      const refused = visitWriteRefusal(c, visit.unitId)
      if (refused) return refused
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      const { photo, created } = storePhoto(c, visit, bytes, { sha256, takenAt: query.takenAt ?? null, exifLocationKept: query.exifLocation === '1' }, limits)
      return c.json({ photo }, created ? 201 : 200)
    })
}

const visitIdParam = z.object({ id: z.coerce.number().int().positive('expected the id of a visit (督导)') })
const photoMeta = uploadQuery.omit({ visit: true })

/**
 * POST /api/inspections/:id/photos: a photo of a stored visit, its bytes as the body (Content-Type image/…) or as
 * the `photo` (or `file`) field of a form; the server hashes it. The same bytes again answer the stored photo (200).
 */
export function visitPhotoRoutes(limits: Pick<UploadLimits, 'photoBytes'> = DEFAULT_UPLOAD_LIMITS) {
  return new Hono<AppEnv>().post('/:id/photos', validated('param', visitIdParam), validated('query', photoMeta), cappedBody(limits), async (c) => {
    if (!c.var.user) throw new DomainError('unauthorized', '需要登录 (sign in to upload photos of visits)')
    const { id } = c.req.valid('param')
    const visit = c.var.store.inspections.get(id)
    if (!visit) throw new DomainError('not_found', `visit ${id} does not exist`)
    const refused = visitWriteRefusal(c, visit.unitId)
    if (refused) return refused
    const query = c.req.valid('query')
    const { photo, created } = storePhoto(c, visit, await uploadedBytes(c), { sha256: null, takenAt: query.takenAt ?? null, exifLocationKept: query.exifLocation === '1' }, limits)
    return c.json({ photo }, created ? 201 : 200)
  })
}

async function uploadedBytes(c: Context<AppEnv>): Promise<Uint8Array> {
  if (!(c.req.header('Content-Type') ?? '').startsWith('multipart/form-data')) return new Uint8Array(await c.req.arrayBuffer())
  const form = await c.req.formData()
  const file = form.get('photo') ?? form.get('file')
  if (!(file instanceof File)) throw new DomainError('invalid', `photo: the form has no file in a "photo" or "file" field (it has ${[...form.keys()].join(', ') || 'no fields'})`)
  return new Uint8Array(await file.arrayBuffer())
}

/**
 * Checks and keeps the photo `bytes` of `visit`: within the size cap, not empty, hashing to `sha256` when the
 * uploader named it, and a JPEG, PNG or WebP by its own first bytes. One place for both upload routes.
 */
function storePhoto(
  c: Context<AppEnv>,
  visit: { id: number; unitId: number },
  bytes: Uint8Array,
  meta: { sha256: string | null; takenAt: string | null; exifLocationKept: boolean },
  limits: Pick<UploadLimits, 'photoBytes'>,
) {
  checkLimit(limits, 'photoBytes', bytes.length, '照片大小 (photo size)')
  if (bytes.length === 0) throw new DomainError('invalid', `photo: the body is empty (expected the photo's bytes)`)
  const actual = createHash('sha256').update(bytes).digest('hex')
  if (meta.sha256 !== null && actual !== meta.sha256) {
    throw new DomainError('invalid', `照片不完整或已改变：${bytes.length} bytes hash to ${actual}, not ${meta.sha256} (the upload was cut off or altered: send it again)`, { code: 'hash_mismatch' })
  }
  const image = sniffImage(bytes)
  if (!image) {
    throw new DomainError('invalid', `不是 JPEG、PNG 或 WebP 图片 (the ${bytes.length} bytes begin ${leadingBytes(bytes)}; expected a JPEG, PNG or WebP photo)`, { code: 'not_an_image' })
  }
  return c.var.store.photos.add(
    { sha256: actual, inspectionId: visit.id, unitId: visit.unitId, ...image, bytes: bytes.length, takenAt: meta.takenAt, exifLocationKept: meta.exifLocationKept },
    bytes,
    c.var.user?.username ?? 'anonymous',
  )
}

function cappedBody(limits: Pick<UploadLimits, 'photoBytes'>) {
  return bodyLimit({
    maxSize: limits.photoBytes,
    onError: () => {
      // The stream stopped at the cap: all that is known is that the photo is larger.
      throw limitError(limits, 'photoBytes', limits.photoBytes, '照片大小 (photo size)', true)
    },
  })
}

