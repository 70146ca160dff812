import { describe, expect, it } from 'vitest'
import { areaByCode, areaLookup, areasByName, areaStem, pointAgreement } from '../../../server/import/area-match'
import { suijiangAreas } from '../../fixtures/import/suijiang-areas'

const lookup = areaLookup(suijiangAreas)
const codes = (areas: readonly { code: string }[]) => areas.map((a) => a.code)

describe('area matching', () => {
  it('strips one administrative suffix for a stem', () => {
    expect(['中城镇', '中城', '某某街道办事处', '中城社区', '镇'].map(areaStem)).toEqual(['中城', '中城', '某某', '中城', '镇'])
  })

  it('finds areas by exact name, then by stem', () => {
    expect(codes(areasByName('中城镇', lookup))).toEqual(['530626101'])
    expect(codes(areasByName(' 南岸 ', lookup))).toEqual(['530626102'])
    expect(codes(areasByName('新滩', lookup))).toEqual(['530602999', '530626103'])
    expect(codes(areasByName('新滩镇', lookup))).toEqual(['530626103'])
    expect(codes(areasByName('城北街道', lookup))).toEqual([])
    expect(codes(areasByName('中城', lookup))).toEqual(['530626101']) // not also its 中城社区
    expect(codes(areasByName('中城社区', lookup))).toEqual(['530626101001'])
  })

  it('finds areas by code', () => {
    expect(areaByCode('530626105', lookup)).toMatchObject({ kind: 'found', area: { name: '板栗镇' } })
    expect(areaByCode('530626000000', lookup)).toMatchObject({ kind: 'found', area: { code: '530626' } })
    expect(areaByCode('530626199', lookup)).toEqual({ kind: 'unknown' })
    expect(areaByCode('53062', lookup)).toEqual({ kind: 'invalid', reason: '行政区划代码“53062”应为 6、9 或 12 位数字' })
  })

  it('decides whether a located point agrees with the claimed area', () => {
    const area = (code: string) => lookup.byCode.get(code) ?? (null as never)
    expect(pointAgreement(area('530626101'), '530626101', lookup)).toBe('inside')
    expect(pointAgreement(area('530626'), '530626101', lookup)).toBe('inside') // claims the county
    expect(pointAgreement(area('530626101001'), '530626101', lookup)).toBe('inside') // claims a village within
    expect(pointAgreement(area('530626101'), '530626102', lookup)).toBe('outside')
    expect(pointAgreement(area('530626101'), null, lookup)).toBe('outside')
    expect(pointAgreement(area('530602999'), null, lookup)).toBe('unchecked')
    expect(pointAgreement(area('530626101'), '530626101777', lookup)).toBe('inside') // unknown leaf: by code prefix
  })
})
