// What a worker thread does for store-generalisations.ts: one level's areas generalised per zoom
// (server/geo/generalised-areas.ts), taken and answered packed, the answer's buffers moved back, not copied.
import { move, transferableSymbol, valueSymbol } from 'piscina'
import { generalisedAreas } from '../geo/generalised-areas'
import { packAreas, packedBuffers, unpackAreas, type PackedAreas } from '../geo/packed-areas'

/** Level name (z3, z5) → the level's areas, packed. */
export type PackedGeneralisations = Record<string, PackedAreas>

export function generaliseTask(areas: PackedAreas): ReturnType<typeof move> {
  const levels = generalisedAreas(unpackAreas(areas))
  const answer: PackedGeneralisations = Object.fromEntries([...levels].map(([name, byCode]) => [name, packAreas([...byCode].map(([code, geometry]) => ({ code, geometry })))]))
  return move({
    get [transferableSymbol]() {
      return Object.values(answer).flatMap(packedBuffers)
    },
    get [valueSymbol]() {
      return answer
    },
  })
}
