// The unit form's place: the location map and, once the point differs from the saved one, the areas it would
// lie in (GET /api/areas/at), shown before saving so a dragged or clicked point lands where the writer meant.
import { useEffect, useMemo, useState } from 'react'
import { fetchAreasAt } from '../api/client'
import { placeLabel, pointOfTexts, samePoint, type LonLat } from './unit-location'
import { UnitLocationMap } from './UnitLocationMap'

export interface UnitLocationProps {
  lon: string // the form's fields, as typed or picked
  lat: string
  saved: LonLat | null // the point as stored; null for a new unit or one without a point
  frame: string | null // the area the map shows (frameCodeOf)
  focus?: string | null // an area within the frame the camera fits (the unit's own, while it has no point); null: none
  onPick(lon: string, lat: string): void
}

const LOOKUP_DELAY_MS = 250 // a typed coordinate is looked up once the typing pauses

type Found = { state: 'looking' } | { state: 'found'; label: string | null; schematic: boolean } | { state: 'failed'; message: string }

export function UnitLocation({ lon, lat, saved, frame, focus = null, onPick }: UnitLocationProps) {
  const point = useMemo(() => pointOfTexts(lon, lat), [lon, lat])
  const moved = point !== null && !samePoint(point, saved)
  const found = useAreasAt(moved ? point : null)
  return (
    <section className="unit-location" aria-label="位置">
      <UnitLocationMap frame={frame} focus={focus} point={point} onPick={onPick} />
      {moved && found && (
        <p className={`unit-place-found${found.state === 'failed' ? ' is-error' : ''}`} data-testid="unit-place-found" aria-live="polite">
          将位于：{foundText(found)}
        </p>
      )}
    </section>
  )
}

function foundText(found: Found): string {
  if (found.state === 'looking') return '正在查找…'
  if (found.state === 'failed') return found.message
  if (found.label === null) return '不在任何行政区内'
  return found.schematic ? `${found.label}（乡镇边界为示意）` : found.label
}

/** The areas holding `point` (null: none asked), the newest answer only. */
function useAreasAt(point: LonLat | null): Found | null {
  const [found, setFound] = useState<Found | null>(null)
  const [lon, lat] = point ?? [null, null]
  useEffect(() => {
    if (lon === null || lat === null) {
      setFound(null)
      return
    }
    setFound({ state: 'looking' })
    const aborted = new AbortController()
    const timer = setTimeout(() => {
      fetchAreasAt(lon, lat, { signal: aborted.signal }).then(
        ({ areas }) => !aborted.signal.aborted && setFound({ state: 'found', label: placeLabel(areas), schematic: areas[0]?.schematic ?? false }),
        (e: Error) => !aborted.signal.aborted && setFound({ state: 'failed', message: e.message }),
      )
    }, LOOKUP_DELAY_MS)
    return () => {
      clearTimeout(timer)
      aborted.abort()
    }
  }, [lon, lat])
  return found
}
