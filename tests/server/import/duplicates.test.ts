import { describe, expect, it } from 'vitest'
import { duplicateReason, DuplicateIndex, normaliseUnitName, type DuplicateCandidate } from '../../../server/import/duplicates'
import { distanceM } from '../../../server/shared/field-distance'

const unit = (name: string, at: [number, number] | null, areaCode: string | null = null, externalId: string | null = null) => ({
  name,
  lon: at?.[0] ?? null,
  lat: at?.[1] ?? null,
  areaCode,
  externalId,
})

describe('duplicates', () => {
  it('normalises names for comparison', () => {
    expect(normaliseUnitName(' 中城镇 中学（初中部） ')).toBe(normaliseUnitName('中城镇中学(初中部)'))
    expect(normaliseUnitName('Ａ·Ｂ')).toBe('ab')
  })

  it('measures distance on the sphere', () => {
    expect(distanceM([104, 28.6], [104, 28.601])).toBeCloseTo(111.2, 0)
  })

  it('says why two units are the same, or null', () => {
    expect(duplicateReason(unit('a', [104, 28.6]), unit('A', [104, 28.6002]), 50)).toBe('同名且相距 22 m')
    expect(duplicateReason(unit('a', [104, 28.6]), unit('a', [104, 28.61]), 50)).toBeNull()
    expect(duplicateReason(unit('a', null, '530626101'), unit('a', [104, 28.61], '530626101'), 50)).toBe('同名且同属 530626101')
    expect(duplicateReason(unit('a', null, null, 'X1'), unit('b', null, null, 'X1'), 50)).toBe('编号 X1 相同')
    expect(duplicateReason(unit('a', null), unit('a', null), 50)).toBeNull()
  })

  it('indexes candidates by name and id', () => {
    const index = new DuplicateIndex<DuplicateCandidate & { id: number }>(50, (code) => `${code} 中城镇`)
    index.add({ ...unit('中城镇中学', [104, 28.6], '530626101', 'X1'), id: 1 })
    index.add({ ...unit('南岸中学', null, '530626102'), id: 2 })
    expect(index.matches(unit('中城镇 中学', null, '530626101'))).toEqual([
      { candidate: expect.objectContaining({ id: 1 }), reason: '同名且同属 530626101 中城镇' },
    ])
    expect(index.matches(unit('other', null, null, 'X1')).map((m) => m.reason)).toEqual(['编号 X1 相同'])
    expect(index.matches(unit('南岸中学', null, '530626101'))).toEqual([])
  })
})
