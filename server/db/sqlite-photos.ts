// Visits' photos on the SQLite store (migration 16): metadata and bytes in one row keyed by the SHA-256 of the
// bytes, so a backup carries them and a replayed upload finds the row it made. Adding one is audited (without
// the bytes) and invalidates the snapshot, whose inspections list their photos.
import { inJsonArray, type SqlDatabase } from './sql'
import type { PhotoRef, PhotoType } from '../shared/domain'
import { writeAudit } from './sqlite-accounts'
import type { PhotoRepository, StoredPhoto } from './store'

interface PhotoRow {
  sha256: string
  inspection_id: number
  unit_id: number
  mime: PhotoType
  width: number
  height: number
  bytes: number
  taken_at: string | null
  exif_location_kept: number
  uploaded_by: string
  uploaded_at: string
}

const COLUMNS = 'sha256, inspection_id, unit_id, mime, width, height, bytes, taken_at, exif_location_kept, uploaded_by, uploaded_at'

function photoOfRow(r: PhotoRow): StoredPhoto {
  return {
    sha256: r.sha256,
    inspectionId: r.inspection_id,
    unitId: r.unit_id,
    mime: r.mime,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    takenAt: r.taken_at,
    exifLocationKept: r.exif_location_kept === 1,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
  }
}

/** What an inspection carries of a photo. */
function refOf({ sha256, mime, width, height, bytes, takenAt, exifLocationKept }: StoredPhoto): PhotoRef {
  return { sha256, mime, width, height, bytes, takenAt, exifLocationKept }
}

/** The photos of the inspections `ids` (all: every inspection), oldest first, by inspection. */
export function photoRefsByInspection(db: SqlDatabase, ids?: readonly number[]): Map<number, PhotoRef[]> {
  const rows = (
    ids === undefined
      ? db.prepare(`SELECT ${COLUMNS} FROM photos ORDER BY uploaded_at, sha256`).all()
      : db.prepare(`SELECT ${COLUMNS} FROM photos WHERE ${inJsonArray(db, 'inspection_id', 'integer')} ORDER BY uploaded_at, sha256`).all(JSON.stringify(ids))
  ) as PhotoRow[]
  const byInspection = new Map<number, PhotoRef[]>()
  for (const row of rows) {
    const list = byInspection.get(row.inspection_id) ?? []
    list.push(refOf(photoOfRow(row)))
    byInspection.set(row.inspection_id, list)
  }
  return byInspection
}

export function sqlitePhotos(db: SqlDatabase, now: () => Date, invalidate: () => void): PhotoRepository {
  const get = (sha256: string): StoredPhoto | null => {
    const row = db.prepare(`SELECT ${COLUMNS} FROM photos WHERE sha256 = ?`).get(sha256) as PhotoRow | undefined
    return row ? photoOfRow(row) : null
  }
  return {
    get,
    data(sha256) {
      const row = db.prepare('SELECT data FROM photos WHERE sha256 = ?').get(sha256) as { data: Buffer } | undefined
      return row?.data ?? null
    },
    add(photo, data, actor) {
      const at = now().toISOString()
      const outcome = db.transaction(() => {
        const stored = get(photo.sha256)
        if (stored) return { photo: stored, created: false }
        db.prepare(`INSERT INTO photos (${COLUMNS}, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          photo.sha256, photo.inspectionId, photo.unitId, photo.mime, photo.width, photo.height, photo.bytes, photo.takenAt,
          photo.exifLocationKept ? 1 : 0, actor, at, data,
        )
        const added = get(photo.sha256) as StoredPhoto
        writeAudit(db, at, actor, 'create', 'photo', photo.sha256, null, added)
        return { photo: added, created: true }
      })()
      if (outcome.created) invalidate()
      return outcome
    },
  }
}
