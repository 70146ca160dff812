import { describe, expect, test } from 'vitest'
import { nearestPages, pagesOf, rowWindow } from '../../web/units/table-window'

describe('rowWindow', () => {
  test('the rows on screen plus the margin, clamped to the table', () => {
    expect(rowWindow(0, 320, 32, 100_000, 5)).toEqual({ first: 0, last: 15 })
    expect(rowWindow(3200, 320, 32, 100_000, 5)).toEqual({ first: 95, last: 115 })
    expect(rowWindow(3_199_680, 320, 32, 100_000, 5)).toEqual({ first: 99_985, last: 100_000 })
    expect(rowWindow(0, 320, 32, 0)).toEqual({ first: 0, last: 0 })
  })
})

describe('pagesOf', () => {
  test('every page a window touches, once', () => {
    expect(pagesOf({ first: 95, last: 115 }, 200)).toEqual([0])
    expect(pagesOf({ first: 190, last: 210 }, 200)).toEqual([0, 1])
    expect(pagesOf({ first: 0, last: 0 }, 200)).toEqual([])
    expect(pagesOf({ first: 99_985, last: 100_000 }, 200)).toEqual([499])
  })
})

describe('nearestPages', () => {
  test('keeps the pages nearest the one loaded, ties to the lower page', () => {
    const pages = new Map([0, 1, 2, 7, 8, 9, 40].map((p) => [p, `rows ${p}`]))
    expect([...nearestPages(pages, 8, 3).keys()]).toEqual([7, 8, 9])
    expect([...nearestPages(pages, 40, 2).keys()]).toEqual([9, 40])
    expect(nearestPages(pages, 1, 3).get(2)).toBe('rows 2')
    expect(nearestPages(pages, 5, 10).size).toBe(7)
  })
})
