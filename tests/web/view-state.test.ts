import { describe, expect, it } from 'vitest'
import { MEASURES } from '../../web/data/measures'
import {
  DEFAULT_VIEW_STATE,
  parseViewState,
  serializeViewState,
  VIEW_MEASURE_IDS,
  ViewStateError,
  withViewState,
  type ViewState,
} from '../../server/shared/view-state'

const full: ViewState = {
  area: '530626',
  scheme: 'shijin-shicu',
  minLevel: '市级',
  measure: 'per10kPeople',
  year: 2024,
  layers: { choropleth: true, units: false, labels: true },
  center: [104.12345, 28.5],
  zoom: 9.25,
  lang: 'en',
}

describe('view state', () => {
  it('lists every measure the map offers', () => {
    expect(VIEW_MEASURE_IDS).toEqual(MEASURES.map((m) => m.id))
  })

  it('writes the default view as the empty string, and reads nothing as the default', () => {
    expect(serializeViewState(DEFAULT_VIEW_STATE)).toBe('')
    expect(parseViewState('')).toEqual(DEFAULT_VIEW_STATE)
  })

  it('round-trips a full view, with the version first', () => {
    const text = serializeViewState(full)
    expect(text.startsWith('v=1&area=530626&scheme=shijin-shicu')).toBe(true)
    expect(parseViewState(text)).toEqual(full)
  })

  it('omits defaults one by one', () => {
    expect(serializeViewState({ ...DEFAULT_VIEW_STATE, minLevel: '省级' })).toBe(`v=1&minLevel=${encodeURIComponent('省级')}`)
    expect(serializeViewState({ ...DEFAULT_VIEW_STATE, layers: { choropleth: false, units: false, labels: false } })).toBe('v=1&layers=')
  })

  it('accepts a full URL, a query string or bare key=value text', () => {
    const expected = { ...DEFAULT_VIEW_STATE, area: '530626', minLevel: '市级' as const }
    expect(parseViewState('http://localhost:8787/export?area=530626&minLevel=%E5%B8%82%E7%BA%A7&paper=A3#x')).toEqual(expected)
    expect(parseViewState('?area=530626&minLevel=市级')).toEqual(expected)
    expect(parseViewState('area=530626&minLevel=市级')).toEqual(expected)
    expect(parseViewState('/?area=530626&minLevel=市级')).toEqual(expected)
  })

  it('names the bad parameter and what was expected', () => {
    const cases: [string, string][] = [
      ['area=5306', 'area'],
      ['minLevel=乡级', 'minLevel'],
      ['measure=density', 'measure'],
      ['year=1800', 'year'],
      ['layers=units,roads', 'layers'],
      ['center=200,30&zoom=8', 'center'],
      ['center=104,28', 'center'],
      ['zoom=30', 'zoom'],
      ['lang=fr', 'lang'],
      ['v=2', 'v'],
      ['scheme=Qi Jin', 'scheme'],
    ]
    for (const [text, parameter] of cases) {
      let error: unknown
      try {
        parseViewState(text)
      } catch (e) {
        error = e
      }
      expect(error, text).toBeInstanceOf(ViewStateError)
      expect((error as ViewStateError).parameter, text).toBe(parameter)
      expect((error as Error).message, text).toContain(`${parameter}=`)
      expect((error as Error).message, text).toContain('expected')
    }
  })

  it('replaces the view keys of a query and keeps the others', () => {
    const search = '?paper=A3&area=530602&measure=total&title=%E6%A0%87%E9%A2%98'
    const next = withViewState(search, { ...DEFAULT_VIEW_STATE, area: '530626' })
    expect(next).toBe('v=1&area=530626&paper=A3&title=%E6%A0%87%E9%A2%98')
  })
})
