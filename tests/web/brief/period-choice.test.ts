import { describe, expect, it } from 'vitest'
import { pageOf } from '../../../web/pages'
import { currentQuarter, periodChoiceOf, periodId, withKind } from '../../../web/brief/period-choice'

describe('the /brief period pickers', () => {
  it('writes and reads the period ids the API takes', () => {
    for (const id of ['2026', '2026H2', '2026Q3', '2026-09']) expect(periodId(periodChoiceOf(id)!)).toBe(id)
    expect(periodChoiceOf('2026Q5')).toBeNull()
    expect(periodChoiceOf('2026-13')).toBeNull()
  })

  it('starts at the quarter of today and keeps the nearest part of the year when the kind changes', () => {
    expect(currentQuarter('2026-11-23')).toEqual({ kind: 'quarter', year: 2026, index: 4 })
    expect(withKind({ kind: 'quarter', year: 2026, index: 3 }, 'month')).toEqual({ kind: 'month', year: 2026, index: 7 })
    expect(withKind({ kind: 'month', year: 2026, index: 9 }, 'half')).toEqual({ kind: 'half', year: 2026, index: 2 })
    expect(withKind({ kind: 'month', year: 2026, index: 9 }, 'year')).toEqual({ kind: 'year', year: 2026, index: 1 })
  })
})

it('/brief is the briefing page', () => {
  expect(['/brief', '/brief/'].map(pageOf)).toEqual(['brief', 'brief'])
})
