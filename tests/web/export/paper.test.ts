import { describe, expect, it } from 'vitest'
import { captureGeometry, pageSizeOf, paperPixels, pdfScale } from '../../../server/shared/paper'

describe('paper sizes', () => {
  it('gives the standard pixel sizes', () => {
    expect(paperPixels('A4', 'landscape', 300)).toEqual({ width: 3508, height: 2480 })
    expect(paperPixels('A4', 'portrait', 300)).toEqual({ width: 2480, height: 3508 })
    expect(paperPixels('A3', 'landscape', 300)).toEqual({ width: 4961, height: 3508 })
    expect(paperPixels('A4', 'landscape', 150)).toEqual({ width: 1754, height: 1240 })
    expect(paperPixels('A3', 'portrait', 150)).toEqual({ width: 1754, height: 2480 })
  })

  it('lays a page out at 150 CSS px per inch whatever the DPI', () => {
    expect(pageSizeOf({ kind: 'paper', paper: 'A4', orientation: 'landscape', dpi: 300 })).toMatchObject({ widthMm: 297, heightMm: 210, scale: 2 })
    expect(pageSizeOf({ kind: 'pixels', width: 1920, height: 1080 })).toMatchObject({ widthPx: 1920, heightPx: 1080, scale: 1 })
  })

  it('finds a viewport and scale factor that capture the exact size, odd sizes included', () => {
    expect(captureGeometry(3508, 2480, 2)).toEqual({ cssWidth: 1754, cssHeight: 1240, deviceScaleFactor: 2 })
    expect(captureGeometry(1754, 1240, 1)).toEqual({ cssWidth: 1754, cssHeight: 1240, deviceScaleFactor: 1 })
    for (const [w, h, s] of [[4961, 3508, 2], [3508, 4961, 2], [1921, 1081, 1], [2480, 3508, 2], [7001, 4999, 2]]) {
      const g = captureGeometry(w, h, s)
      // Chromium rounds CSS px × factor to device px.
      expect([Math.round(g.cssWidth * g.deviceScaleFactor), Math.round(g.cssHeight * g.deviceScaleFactor)], `${w}×${h}`).toEqual([w, h])
      expect(Math.abs(g.deviceScaleFactor - s)).toBeLessThan(0.01)
    }
  })

  it('scales a layout just inside the PDF page', () => {
    const size = pageSizeOf({ kind: 'paper', paper: 'A4', orientation: 'portrait', dpi: 150 })
    const scale = pdfScale(size, 1240, 1754)
    expect(scale * 1754).toBeLessThanOrEqual((297 / 25.4) * 96)
    expect(scale).toBeGreaterThan(0.63)
  })
})
