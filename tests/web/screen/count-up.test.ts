import { describe, expect, test } from 'vitest'
import { countUpValue, easeOutCubic } from '../../../web/charts/count-up'

describe('count-up easing', () => {
  test('easeOutCubic runs 0 → 1, monotonic, fastest first, clamped', () => {
    expect(easeOutCubic(0)).toBe(0)
    expect(easeOutCubic(1)).toBe(1)
    expect(easeOutCubic(-1)).toBe(0)
    expect(easeOutCubic(2)).toBe(1)
    expect(easeOutCubic(0.5)).toBeCloseTo(0.875)
    const samples = Array.from({ length: 11 }, (_, i) => easeOutCubic(i / 10))
    const steps = samples.slice(1).map((v, i) => v - samples[i])
    expect(steps.every((d) => d >= 0)).toBe(true)
    expect(steps[0]).toBeGreaterThan(steps.at(-1) as number)
  })

  test('counts whole numbers from the old figure to the new one and lands exactly', () => {
    expect(countUpValue(0, 373, 0, 1200)).toBe(0)
    expect(countUpValue(0, 373, 600, 1200)).toBe(326)
    expect(countUpValue(0, 373, 1200, 1200)).toBe(373)
    expect(countUpValue(0, 373, 5000, 1200)).toBe(373)
    expect(Number.isInteger(countUpValue(10, 17, 333, 1200))).toBe(true)
  })

  test('counts down too, and fractions stay fractions', () => {
    expect(countUpValue(40, 30, 600, 1200)).toBe(31)
    expect(countUpValue(0, 0.5, 600, 1200)).toBeCloseTo(0.4375)
  })

  test('no duration: the new figure at once', () => {
    expect(countUpValue(1, 9, 0, 0)).toBe(9)
  })
})
