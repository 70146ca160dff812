// OverlaidMap reads as the plain Map it stands for, before and after its layer is merged into a new base, and
// leaves the map it was made from unchanged.
import { describe, expect, test } from 'vitest'
import { seededRandom } from '../../server/geo/prng'
import { OverlaidMap } from '../../server/overlaid-map'

describe('OverlaidMap', () => {
  test('3 000 rounds of sets (new keys and old, null values too, past the merge at 2 048) read as a plain Map; earlier maps keep their entries', () => {
    const random = seededRandom(7)
    const plain = new Map<number, string | null>(Array.from({ length: 500 }, (_, i) => [i, `v${i}`]))
    let overlaid = OverlaidMap.over(new Map(plain))
    const earlier = { map: overlaid, entries: [...plain] }
    for (let round = 0; round < 3000; round++) {
      const sets: [number, string | null][] = [[Math.floor(random() * 5000), random() < 0.2 ? null : `r${round}`]]
      for (const [key, value] of sets) plain.set(key, value)
      overlaid = overlaid.with(sets)
      if (round % 250 === 0 || round === 2999) {
        expect(overlaid.size).toBe(plain.size)
        expect(new Map(overlaid)).toEqual(plain)
        expect([...overlaid.keys()].sort((a, b) => a - b)).toEqual([...plain.keys()].sort((a, b) => a - b))
        const differing = Array.from({ length: 5010 }, (_, key) => key).filter((key) => overlaid.has(key) !== plain.has(key) || overlaid.get(key) !== plain.get(key))
        expect(differing).toEqual([])
      }
    }
    expect([...earlier.map]).toEqual(earlier.entries)
    expect(OverlaidMap.over(overlaid)).toBe(overlaid)
  })
})
