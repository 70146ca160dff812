import { describe, expect, test } from 'vitest'
import { keepTourPosition, pauseTour, startTour, stepTour, tickTour, togglePause, tourStops } from '../../../web/screen/tour'

const STEP = 10_000
const IDLE = 30_000

describe('tourStops', () => {
  test('all areas when none configured; else the configured ones that exist, in their order, once', () => {
    expect(tourStops(['a', 'b', 'c'], [])).toEqual(['a', 'b', 'c'])
    expect(tourStops(['a', 'b', 'c'], ['c', 'x', 'a', 'c'])).toEqual(['c', 'a'])
    expect(tourStops(['a', 'b'], ['x'])).toEqual(['a', 'b'])
  })
})

describe('the tour over time', () => {
  test('moves on each step and wraps around', () => {
    let s = startTour(0)
    const seen = [s.index]
    for (let t = 1_000; t <= 40_000; t += 1_000) {
      s = tickTour(s, 3, t, STEP)
      if (seen.at(-1) !== s.index) seen.push(s.index)
    }
    expect(seen).toEqual([0, 1, 2, 0, 1])
  })

  test('a tick that changes nothing returns the same state (no re-render)', () => {
    const s = startTour(0)
    expect(tickTour(s, 3, 5_000, STEP)).toBe(s)
  })

  test('one stop never moves', () => {
    expect(tickTour(startTour(0), 1, 99_000, STEP).index).toBe(0)
  })

  test('a touch holds the area until idle has passed, then the area gets a full step', () => {
    let s = pauseTour(startTour(0), 9_000, IDLE)
    expect(tickTour(s, 3, 20_000, STEP)).toBe(s)
    s = tickTour(s, 3, 39_000, STEP)
    expect(s).toEqual({ index: 0, shownAt: 39_000, pausedUntil: null })
    expect(tickTour(s, 3, 48_000, STEP).index).toBe(0)
    expect(tickTour(s, 3, 49_000, STEP).index).toBe(1)
  })

  test('←/→ step both ways with wrap-around', () => {
    const s = startTour(0)
    expect(stepTour(s, 4, -1, 5).index).toBe(3)
    expect(stepTour(stepTour(s, 4, 1, 5), 4, 1, 6)).toMatchObject({ index: 2, shownAt: 6 })
  })

  test('space holds until space again; a touch does not shorten that hold', () => {
    let s = togglePause(startTour(0), 1_000)
    expect(s.pausedUntil).toBe(Number.POSITIVE_INFINITY)
    s = pauseTour(s, 2_000, IDLE)
    expect(tickTour(s, 3, 1e9, STEP)).toBe(s)
    s = togglePause(s, 5_000)
    expect(s).toMatchObject({ pausedUntil: null, shownAt: 5_000 })
  })
})

describe('keepTourPosition', () => {
  test('stays on the same area when the list changes around it', () => {
    const s = { index: 1, shownAt: 0, pausedUntil: null }
    expect(keepTourPosition(s, ['a', 'b', 'c'], ['x', 'a', 'b', 'c']).index).toBe(2)
    expect(keepTourPosition(s, ['a', 'b', 'c'], ['a', 'b', 'c'])).toBe(s)
  })

  test('an area that left: the same index, clamped', () => {
    const s = { index: 2, shownAt: 0, pausedUntil: null }
    expect(keepTourPosition(s, ['a', 'b', 'c'], ['a', 'b']).index).toBe(1)
    expect(keepTourPosition(s, ['a', 'b', 'c'], []).index).toBe(0)
  })
})
