// A photo from the camera input, made ready to queue: resized on the phone to ≤ 1600 px (photo-size.ts) through
// a canvas, or kept as taken when it is small enough and the inspector allows its EXIF location. Re-encoding
// through a canvas writes a new file without any EXIF, position included: that is how the location is dropped,
// and why a resized photo never keeps it. Named by the SHA-256 of its bytes.
import { fittedSize } from './photo-size'
import type { QueuedPhoto } from './queue-state'

const KEPT_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp'])

export async function capturedPhoto(file: File, allowExifLocation: boolean): Promise<{ photo: QueuedPhoto; blob: Blob }> {
  const bitmap = await createImageBitmap(file)
  const size = fittedSize(bitmap.width, bitmap.height)
  const keepOriginal = allowExifLocation && KEPT_TYPES.has(file.type) && size.width === bitmap.width && size.height === bitmap.height
  let blob: Blob = file
  if (!keepOriginal) {
    const canvas = document.createElement('canvas')
    canvas.width = size.width
    canvas.height = size.height
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, size.width, size.height)
    blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('照片无法压缩'))), 'image/jpeg', 0.85))
  }
  bitmap.close()
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))
  const sha256 = [...digest].map((v) => v.toString(16).padStart(2, '0')).join('')
  const takenAt = file.lastModified ? new Date(file.lastModified).toISOString() : null
  return { photo: { sha256, mime: blob.type, width: size.width, height: size.height, takenAt, exifLocationKept: keepOriginal }, blob }
}
