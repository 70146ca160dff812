import { describe, expect, it } from 'vitest'
import { DEFAULT_VIEW_STATE, parseViewState, serializeViewState, ViewStateError, withViewState, type ViewState } from '../../../server/shared/view-state'

const dashboard: ViewState = {
  ...DEFAULT_VIEW_STATE,
  area: '530626101',
  categories: ['学校', '社区'],
  status: ['培育', '命名'],
  overlays: ['columns', 'hexagons'],
  opacity: { choropleth: 0.6, units: 1 },
  unit: 42,
  measure: 'childCoverage',
}

describe('view state: the dashboard keys', () => {
  it('round-trips filters, overlays, opacity and the open unit, still as version 1', () => {
    const text = serializeViewState(dashboard)
    expect(text.startsWith('v=1&')).toBe(true)
    expect(parseViewState(text)).toEqual(dashboard)
  })

  it('reads a link written before the dashboard keys exactly as before (no new key set)', () => {
    const old = parseViewState('v=1&area=530626&minLevel=市级&layers=choropleth,labels')
    expect(old).toEqual({ ...DEFAULT_VIEW_STATE, area: '530626', minLevel: '市级', layers: { choropleth: true, units: false, labels: true } })
    expect('categories' in old || 'status' in old || 'overlays' in old || 'opacity' in old || 'unit' in old).toBe(false)
  })

  it('writes statuses and overlays in their canonical order, and leaves empty lists out', () => {
    expect(serializeViewState({ ...DEFAULT_VIEW_STATE, status: ['复查', '培育'] })).toBe(`v=1&status=${encodeURIComponent('复查,培育')}`)
    expect(parseViewState('status=复查,培育').status).toEqual(['培育', '复查'])
    expect(serializeViewState({ ...DEFAULT_VIEW_STATE, overlays: ['hexagons', 'columns'] })).toBe('v=1&overlays=columns%2Chexagons')
    expect(serializeViewState({ ...DEFAULT_VIEW_STATE, overlays: ['corridors', 'heatmap'] })).toBe('v=1&overlays=heatmap%2Ccorridors')
    expect(parseViewState('overlays=corridors,heatmap,columns').overlays).toEqual(['columns', 'heatmap', 'corridors'])
    expect(serializeViewState({ ...DEFAULT_VIEW_STATE, overlays: [], categories: [] })).toBe('')
    expect(parseViewState('overlays=')).toEqual(DEFAULT_VIEW_STATE)
  })

  it('names the bad dashboard parameter', () => {
    for (const [text, parameter] of [
      ['status=已命名', 'status'],
      ['overlays=isolines', 'overlays'],
      ['opacity=choropleth:150', 'opacity'],
      ['opacity=roads:50', 'opacity'],
      ['unit=abc', 'unit'],
      ['unit=0', 'unit'],
    ]) {
      let error: unknown
      try {
        parseViewState(text)
      } catch (e) {
        error = e
      }
      expect(error, text).toBeInstanceOf(ViewStateError)
      expect((error as ViewStateError).parameter, text).toBe(parameter)
    }
  })

  it('replaces the dashboard keys too, keeping the export options', () => {
    expect(withViewState('?paper=A3&categories=学校&unit=3', DEFAULT_VIEW_STATE)).toBe('paper=A3')
  })
})
