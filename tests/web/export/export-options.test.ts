import { describe, expect, it } from 'vitest'
import { DEFAULT_EXPORT_OPTIONS, ExportOptionError, parseExportOptions, serializeExportOptions, withExportOptions } from '../../../server/shared/export-options'
import { DEFAULT_VIEW_STATE, parseViewState, withViewState } from '../../../server/shared/view-state'
import { isWithin, levelOfCode, parentCodeOf } from '../../../server/shared/area-codes'

describe('export options', () => {
  it('defaults to A4 landscape at 300 DPI with the locator map', () => {
    expect(parseExportOptions(new URLSearchParams(''))).toEqual(DEFAULT_EXPORT_OPTIONS)
    expect(serializeExportOptions(DEFAULT_EXPORT_OPTIONS)).toBe('')
  })

  it('round-trips', () => {
    const text = 'paper=A3&orientation=portrait&dpi=150&title=%E6%A0%87%E9%A2%98&reviewNumber=%E4%BA%91S(2024)001&table=1&inset=0&atlasBy=township'
    const options = parseExportOptions(new URLSearchParams(text))
    expect(options.page).toEqual({ kind: 'paper', paper: 'A3', orientation: 'portrait', dpi: 150 })
    expect(options.reviewNumber).toBe('云S(2024)001')
    expect(parseExportOptions(new URLSearchParams(serializeExportOptions(options)))).toEqual(options)
  })

  it('keeps the editable texts and the language through the URL, as the composer writes it', () => {
    const options = {
      ...DEFAULT_EXPORT_OPTIONS,
      title: 'Units in Suijiang',
      subtitle: '七进 · 2025',
      legendTitle: 'Named units',
      unitsLegendTitle: 'Categories',
      source: 'Source: county ledger',
      reviewNumber: 'GS(2024)1234号',
    }
    const view = { ...DEFAULT_VIEW_STATE, area: '530626', lang: 'en' as const, overlays: ['columns' as const] }
    const search = withExportOptions(withViewState('render=0', view), options)
    const params = new URLSearchParams(search)
    expect(params.get('render')).toBe('0')
    expect(parseExportOptions(params)).toEqual(options)
    expect(parseViewState(params)).toEqual(view)
    expect(withExportOptions(search, DEFAULT_EXPORT_OPTIONS)).not.toContain('unitsLegendTitle')
  })

  it('keeps the 南海诸岛 inset\'s corner in the URL, lower right by default; there is no value that removes it', () => {
    expect(DEFAULT_EXPORT_OPTIONS.seaInset).toBe('lower-right')
    for (const corner of ['lower-left', 'upper-right', 'upper-left'] as const) {
      const options = { ...DEFAULT_EXPORT_OPTIONS, seaInset: corner }
      expect(serializeExportOptions(options)).toBe(`seaInset=${corner}`)
      expect(parseExportOptions(new URLSearchParams(serializeExportOptions(options)))).toEqual(options)
    }
    expect(() => parseExportOptions(new URLSearchParams('seaInset=none'))).toThrow('seaInset="none" is not valid (expected one of lower-right, lower-left, upper-right, upper-left)')
  })

  it('reads custom pixel sizes', () => {
    expect(parseExportOptions(new URLSearchParams('size=1920x1080')).page).toEqual({ kind: 'pixels', width: 1920, height: 1080 })
  })

  it('names the bad value', () => {
    for (const [text, parameter] of [['paper=A5', 'paper'], ['dpi=600', 'dpi'], ['orientation=up', 'orientation'], ['size=99999x1', 'size'], ['table=maybe', 'table'], ['atlasBy=village', 'atlasBy']]) {
      expect(() => parseExportOptions(new URLSearchParams(text)), text).toThrow(ExportOptionError)
      try {
        parseExportOptions(new URLSearchParams(text))
      } catch (error) {
        expect((error as ExportOptionError).parameter).toBe(parameter)
        expect((error as Error).message).toMatch(/expected/)
      }
    }
  })

  it('knows code levels', () => {
    expect(levelOfCode('530000')).toBe('province')
    expect(levelOfCode('530600')).toBe('prefecture')
    expect(levelOfCode('530626')).toBe('county')
    expect(levelOfCode('530626101')).toBe('township')
    expect(parentCodeOf('530626101')).toBe('530626')
    expect(parentCodeOf('530681')).toBe('530600')
    expect(isWithin('530626101', '530600')).toBe(true)
    expect(isWithin('532301', '530600')).toBe(false)
  })
})
