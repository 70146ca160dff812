import { hsl } from 'd3'
import { describe, expect, test } from 'vitest'
import { classBreaks, colourScale, naturalClassStarts, NO_DATA_COLOUR, ZERO_COLOUR, type LegendEntry } from '../../web/data/colour-scales'
import { cssOf, rgbaOf } from '../../web/data/rgba'

/** The legend rows that claim a value, read from the rows' own bounds (not from the scale's code). */
function rowsHolding(legend: readonly LegendEntry[], value: number | null): LegendEntry[] {
  return legend.filter((row) => {
    if (row.kind === 'no-data') return value === null
    if (value === null) return false
    if (row.kind === 'zero') return value === 0
    return value !== 0 && value >= (row.min ?? -Infinity) && (row.max === null || value < row.max)
  })
}

function expectLegendAgreesWithAccessor(values: readonly (number | null)[], probes: readonly (number | null)[], integer: boolean) {
  const scale = colourScale(values, { title: 't', integer })
  for (const value of [...values, ...probes]) {
    const rows = rowsHolding(scale.legend, value)
    expect(rows, `exactly one legend row holds ${value}`).toHaveLength(1)
    expect(scale.colourOf(value), `colour of ${value}`).toEqual(rows[0].rgba)
  }
  return scale
}

describe('classBreaks', () => {
  test.each([
    { values: [14, 26, 31, 31, 31, 33, 35, 36, 36, 46, 54], integer: true, maxClasses: 5, breaks: [25, 35, 45, 50] },
    { values: [5, 120, 130, 260, 300, 420, 1000], integer: true, maxClasses: 5, breaks: [100, 200, 400, 1000] },
    { values: [0, 3, 6, 7], integer: true, maxClasses: 7, breaks: [2, 3, 4, 5, 6, 7] },
    { values: [0, 1, 2, 4], integer: true, maxClasses: 5, breaks: [2, 3, 4] },
    { values: [1, 1, 1], integer: true, maxClasses: 5, breaks: [] },
    { values: [0.46, 0.923, 0.688, 0.765, 1.24, 0.816, 2.333, 0.4, 0.692, 0.838, 1.4], integer: false, maxClasses: 5, breaks: [0.6, 0.8, 1.2, 2.2] },
    { values: [0.12, 0.5, 1.7, 2.2, 3.9, 12.5], integer: false, maxClasses: 5, breaks: [1, 2, 3, 12] },
    { values: [0, 0, null], integer: false, maxClasses: 5, breaks: [] },
  ])('$values (integer: $integer, ≤ $maxClasses classes) → $breaks', ({ values, integer, maxClasses, breaks }) => {
    expect(classBreaks(values, { integer, maxClasses })).toEqual(breaks)
  })

  test('never makes more classes than asked for, and breaks rise strictly', () => {
    for (let n = 3; n <= 40; n++) {
      const values = Array.from({ length: n }, (_, i) => Math.round((i * i * 37) % 211))
      for (const [integer, maxClasses, scale] of [[true, 5, 1], [false, 4, 1 / 97]] as const) {
        const breaks = classBreaks(values.map((v) => v * scale), { integer, maxClasses })
        expect(breaks.length + 1).toBeLessThanOrEqual(maxClasses)
        expect(breaks).toEqual([...new Set(breaks)].sort((a, b) => a - b))
      }
    }
  })
})

describe('naturalClassStarts', () => {
  test('splits at the gaps between clusters', () => {
    expect(naturalClassStarts([1, 2, 3, 10, 11, 12, 20, 21], 3)).toEqual([3, 6])
    expect(naturalClassStarts([1, 2, 3, 10, 11, 12, 20, 21], 2)).toEqual([3])
  })

  test('asks for no more classes than there are values', () => {
    expect(naturalClassStarts([4, 8], 3)).toEqual([])
    expect(naturalClassStarts([4, 8, 9], 3)).toEqual([1, 2])
  })
})

describe('colourScale', () => {
  test('counts: golden legend, and the legend agrees with the accessor for every value', () => {
    const golden = [0, 1, 3, 4, 9, 10, 19, 20, 35, 0, null]
    const probes = Array.from({ length: 60 }, (_, i) => i)
    const scale = expectLegendAgreesWithAccessor(golden, probes, true)
    expect(scale.legend.map((r) => r.label)).toEqual(['0', '1–4', '5–9', '10–14', '15–34', '35', '无数据'])
    expect(scale.thresholds).toEqual([5, 10, 15, 35])
  })

  test('rates: golden legend, and the legend agrees with the accessor for every value', () => {
    const golden = [0, 0.05, 0.2, 0.39, 0.4, 0.83]
    const probes = Array.from({ length: 101 }, (_, i) => i / 100)
    const scale = expectLegendAgreesWithAccessor(golden, probes, false)
    expect(scale.legend.map((r) => r.label)).toEqual(['0', '< 0.2', '0.2–0.3', '0.3–0.4', '0.4–0.8', '≥ 0.8'])
  })

  test('a small count range gets one class per value, the top one labelled by its value', () => {
    const scale = colourScale([0, 3, 6, 7, 7], { title: '七进覆盖类别数', integer: true, maxClasses: 7 })
    expect(scale.legend.map((r) => r.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7'])
    expectLegendAgreesWithAccessor([0, 3, 6, 7], [1, 2, 4, 5], true)
  })

  test('zero and no data have their own colours, apart from every class', () => {
    const scale = colourScale([0, 2, 5, 40, null], { title: 't', integer: true })
    const zero = scale.colourOf(0)
    expect(zero).toEqual(rgbaOf(ZERO_COLOUR))
    expect(scale.colourOf(null)).toEqual(rgbaOf(NO_DATA_COLOUR))
    const classes = scale.legend.filter((r) => r.kind === 'class').map((r) => r.css)
    expect(classes).not.toContain(cssOf(zero))
    expect(classes).not.toContain(cssOf(rgbaOf(NO_DATA_COLOUR)))
  })

  test('classes are distinct and darken as values grow', () => {
    const scale = colourScale([1, 50, 100, 150, 200, 260], { title: 't', integer: true })
    const lightness = scale.legend.filter((r) => r.kind === 'class').map((r) => hsl(r.css).l)
    expect(lightness.length).toBeGreaterThanOrEqual(3)
    for (let i = 1; i < lightness.length; i++) expect(lightness[i]).toBeLessThan(lightness[i - 1])
  })

  test('all zero: one zero row, and no no-data row when every value is known', () => {
    const scale = colourScale([0, 0, 0], { title: 't', integer: true })
    expect(scale.legend.map((r) => r.kind)).toEqual(['zero'])
    expect(scale.colourOf(0)).toEqual(scale.legend[0].rgba)
  })

  test('the title is carried through for the legend', () => {
    expect(colourScale([1], { title: '示范单位总数 (县级及以上)' }).title).toBe('示范单位总数 (县级及以上)')
  })
})
