import { describe, expect, it } from 'vitest'
import { asOfDate, parsePeriod, yearBefore } from '../../../server/brief/period'
import { DomainError } from '../../../server/domain-error'

describe('parsePeriod', () => {
  it('reads a year, a half, a quarter and a month with their first and last days', () => {
    expect(parsePeriod('2026')).toMatchObject({ id: '2026', kind: 'year', start: '2026-01-01', end: '2026-12-31' })
    expect(parsePeriod('2026H2')).toMatchObject({ id: '2026H2', kind: 'half', index: 2, start: '2026-07-01', end: '2026-12-31' })
    expect(parsePeriod('2026q3')).toMatchObject({ id: '2026Q3', kind: 'quarter', index: 3, start: '2026-07-01', end: '2026-09-30' })
    expect(parsePeriod('2024-02')).toMatchObject({ id: '2024-02', kind: 'month', start: '2024-02-01', end: '2024-02-29' })
  })

  it('refuses other text, naming the value and the forms expected', () => {
    for (const bad of ['2026Q5', '2026H3', '2026-13', '26Q3', 'Q3 2026', '']) {
      let error: unknown
      try {
        parsePeriod(bad)
      } catch (e) {
        error = e
      }
      expect(error, bad).toBeInstanceOf(DomainError)
      expect((error as DomainError).kind).toBe('invalid')
      expect((error as Error).message, bad).toContain(`period: ${JSON.stringify(bad)}`)
    }
    expect(() => parsePeriod('2026Q5')).toThrow('expected 2026 (year), 2026H2 (half), 2026Q3 (quarter) or 2026-09 (month)')
    expect(() => parsePeriod('2026-13')).toThrow('expected a month from 01 to 12')
    expect(() => parsePeriod('1900')).toThrow('expected a year from 1980 to 2100')
  })

  it('compares with the same period a year earlier, and speaks for today while the period runs', () => {
    expect(yearBefore(parsePeriod('2026Q3')).id).toBe('2025Q3')
    expect(yearBefore(parsePeriod('2024-02')).end).toBe('2023-02-28')
    expect(asOfDate(parsePeriod('2026'), '2026-11-23')).toBe('2026-11-23')
    expect(asOfDate(parsePeriod('2026Q3'), '2026-11-23')).toBe('2026-09-30')
  })
})
