// A visit's photos as thumbnails, each a link to the photo whole. Which photos a reader gets is decided by the
// server (the audience rule: none of a withheld unit's visits for callers not signed in), and GET /api/photos
// asks the same rule again.
import { photoUrl } from '../api/client'
import './photo-thumbs.css'

export interface PhotoThumbsProps {
  photos: readonly { sha256: string; width: number; height: number; takenAt: string | null }[]
  label: string // e.g. "2026-10-12 督导照片"
}

export function PhotoThumbs({ photos, label }: PhotoThumbsProps) {
  if (photos.length === 0) return null
  return (
    <span className="photo-thumbs" role="group" aria-label={label}>
      {photos.map((p, n) => (
        <a key={p.sha256} href={photoUrl(p.sha256)} target="_blank" rel="noreferrer">
          <img src={photoUrl(p.sha256)} loading="lazy" alt={`${label} ${n + 1}（${p.width}×${p.height}）`} />
        </a>
      ))}
    </span>
  )
}
