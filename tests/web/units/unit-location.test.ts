import { describe, expect, test } from 'vitest'
import { coordinateText, frameCodeOf, placeLabel, pointOfTexts, samePoint } from '../../../web/units/unit-location'

describe('coordinateText', () => {
  test('six decimals at most, without trailing zeros', () => {
    expect(coordinateText(104.123456789)).toBe('104.123457')
    expect(coordinateText(28.1)).toBe('28.1')
    expect(coordinateText(104)).toBe('104')
    expect(coordinateText(-0.0000004)).toBe('0')
  })
})

describe('pointOfTexts', () => {
  test('both fields as degrees, else null', () => {
    expect(pointOfTexts('104.1', ' 28.6 ')).toEqual([104.1, 28.6])
    expect(pointOfTexts('', '28.6')).toBeNull()
    expect(pointOfTexts('104.1', '')).toBeNull()
    expect(pointOfTexts('abc', '28.6')).toBeNull()
    expect(pointOfTexts('1041', '28.6')).toBeNull()
    expect(pointOfTexts('104.1', '95')).toBeNull()
  })
})

test('samePoint compares values, null with null', () => {
  expect(samePoint([104.1, 28.6], [104.1, 28.6])).toBe(true)
  expect(samePoint([104.1, 28.6], [104.1, 28.7])).toBe(false)
  expect(samePoint(null, null)).toBe(true)
  expect(samePoint(null, [104.1, 28.6])).toBe(false)
})

describe('frameCodeOf', () => {
  test('the county of a township or village; a county, prefecture or province itself; null for none', () => {
    expect(frameCodeOf('530626101')).toBe('530626')
    expect(frameCodeOf('530626101001')).toBe('530626')
    expect(frameCodeOf('530626')).toBe('530626')
    expect(frameCodeOf('530600')).toBe('530600')
    expect(frameCodeOf('530000')).toBe('530000')
    expect(frameCodeOf(null)).toBeNull()
    expect(frameCodeOf('')).toBeNull()
    expect(frameCodeOf('5306')).toBeNull() // still being typed
  })
})

describe('placeLabel', () => {
  const township = { code: '530626101', name: '中城镇', level: 'township' as const }
  const county = { code: '530626', name: '绥江县', level: 'county' as const }
  const prefecture = { code: '530600', name: '昭通市', level: 'prefecture' as const }
  const province = { code: '530000', name: '云南省', level: 'province' as const }

  test('the names from the county down and the deepest code', () => {
    expect(placeLabel([township, county, prefecture, province])).toBe('绥江县 中城镇 (530626101)')
    expect(placeLabel([county, prefecture, province])).toBe('绥江县 (530626)')
  })

  test('an area above counties names itself; outside every area is null', () => {
    expect(placeLabel([prefecture, province])).toBe('昭通市 (530600)')
    expect(placeLabel([])).toBeNull()
  })
})
