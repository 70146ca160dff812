import { describe, expect, test } from 'vitest'
import { fitModeOf, stageOf, stageTransformCss } from '../../../web/screen/stage-fit'

describe('stageOf: the 1920×1080 canvas on a display', () => {
  test('fit: one scale, centred, letterboxed on the long side', () => {
    expect(stageOf({ width: 1920, height: 1080 }, 'fit')).toEqual({ width: 1920, height: 1080, scaleX: 1, scaleY: 1, left: 0, top: 0 })
    expect(stageOf({ width: 3840, height: 2160 }, 'fit')).toEqual({ width: 1920, height: 1080, scaleX: 2, scaleY: 2, left: 0, top: 0 })
    expect(stageOf({ width: 3840, height: 1080 }, 'fit')).toEqual({ width: 1920, height: 1080, scaleX: 1, scaleY: 1, left: 960, top: 0 })
    expect(stageOf({ width: 7680, height: 2160 }, 'fit')).toEqual({ width: 1920, height: 1080, scaleX: 2, scaleY: 2, left: 1920, top: 0 })
    expect(stageOf({ width: 1600, height: 1200 }, 'fit')).toEqual({ width: 1920, height: 1080, scaleX: 1600 / 1920, scaleY: 1600 / 1920, left: 0, top: 150 })
  })

  test('fill-width: one scale, no bars; the canvas takes the display shape', () => {
    expect(stageOf({ width: 3840, height: 1080 }, 'fill-width')).toEqual({ width: 3840, height: 1080, scaleX: 1, scaleY: 1, left: 0, top: 0 })
    expect(stageOf({ width: 7680, height: 2160 }, 'fill-width')).toEqual({ width: 3840, height: 1080, scaleX: 2, scaleY: 2, left: 0, top: 0 })
    const tall = stageOf({ width: 1600, height: 1200 }, 'fill-width')
    expect(tall.width).toBeCloseTo(1920)
    expect(tall.height).toBeCloseTo(1440)
  })

  test('stretch: each axis on its own', () => {
    expect(stageOf({ width: 3840, height: 1080 }, 'stretch')).toEqual({ width: 1920, height: 1080, scaleX: 2, scaleY: 1, left: 0, top: 0 })
  })

  test('the scaled canvas always lies inside the display', () => {
    for (const mode of ['fit', 'fill-width', 'stretch'] as const) {
      for (const [w, h] of [[1920, 1080], [3840, 2160], [3840, 1080], [7680, 2160], [1280, 1024], [1080, 1920]]) {
        const s = stageOf({ width: w, height: h }, mode)
        expect(s.left).toBeGreaterThanOrEqual(0)
        expect(s.top).toBeGreaterThanOrEqual(0)
        expect(s.left + s.width * s.scaleX).toBeLessThanOrEqual(w + 1e-6)
        expect(s.top + s.height * s.scaleY).toBeLessThanOrEqual(h + 1e-6)
      }
    }
  })

  test('a zero-sized window (before layout) gives the unscaled canvas, not NaN', () => {
    expect(stageOf({ width: 0, height: 0 }, 'fit')).toEqual({ width: 1920, height: 1080, scaleX: 1, scaleY: 1, left: 0, top: 0 })
  })

  test('mode names from the URL; anything else is fit', () => {
    expect(['fit', 'fill-width', 'stretch', 'cover', null].map(fitModeOf)).toEqual(['fit', 'fill-width', 'stretch', 'fit', 'fit'])
    expect(stageTransformCss({ width: 1920, height: 1080, scaleX: 2, scaleY: 2, left: 10, top: 0 })).toBe('translate(10px, 0px) scale(2, 2)')
  })
})
