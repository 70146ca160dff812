// visitsDue and its helpers: golden values for the 督导 rhythm (3 visits a year, as the seeds' work plans say),
// which statuses need visits, and overdue follow-ups. Pure functions: fixtures in, values out.
import { describe, expect, test } from 'vitest'
import type { Inspection, UnitStatus } from '../../../server/shared/domain'
import { followUpState, schemeOfCategory, VISITED_STATUSES, visitPeriodEnd, visitsDue, yearElapsed } from '../../../server/geo/visits-due'

let nextId = 1
function visit(unitId: number, date: string, extra: Partial<Inspection> = {}): Inspection {
  return {
    id: nextId++,
    unitId,
    date,
    inspector: '县创建办',
    inspectors: ['县创建办'],
    findings: '',
    followUp: '',
    checklist: [],
    rating: null,
    followUpDue: null,
    followUpClosedAt: null,
    followUpClosedBy: '',
    createdBy: 'test',
    createdAt: null,
    version: 1,
    clientId: null,
    gps: null,
    photos: [],
    ...extra,
  }
}

const named = { id: 1, status: '命名' as UnitStatus }

describe('yearElapsed', () => {
  test('counts the day itself: 1/365 on 1 January, 1 on 31 December, 366 days in a leap year', () => {
    expect(yearElapsed('2026-01-01')).toBeCloseTo(1 / 365, 12)
    expect(yearElapsed('2026-07-02')).toBeCloseTo(183 / 365, 12)
    expect(yearElapsed('2026-12-31')).toBeCloseTo(1, 12)
    expect(yearElapsed('2024-12-31')).toBeCloseTo(1, 12)
    expect(yearElapsed('2024-03-01')).toBeCloseTo(61 / 366, 12)
  })
})

describe('visitsDue: 3 visits a year', () => {
  test.each([
    ['2026-01-01', 1],
    ['2026-05-01', 1], // day 121: 3 × 121/365 = 0.99
    ['2026-05-02', 2], // day 122: 1.003
    ['2026-08-31', 2], // day 243: 1.997
    ['2026-09-01', 3], // day 244: 2.005
    ['2026-12-31', 3], // exactly 3, not 4
    ['2024-12-31', 3], // leap year
  ])('as of %s, %i visits are expected', (asOf, expected) => {
    expect(visitsDue(named, 3, [], asOf)).toMatchObject({ expected, done: 0, due: expected })
  })

  test('counts the visits of the year up to the day; other years, later days and other units do not count', () => {
    const inspections = [
      visit(1, '2025-12-30'), // last year
      visit(1, '2026-02-10'),
      visit(1, '2026-06-15'),
      visit(1, '2026-11-24'), // after asOf
      visit(2, '2026-03-01'), // another unit
    ]
    expect(visitsDue(named, 3, inspections, '2026-11-23')).toEqual({
      unitId: 1,
      year: 2026,
      asOf: '2026-11-23',
      needsVisits: true,
      visitsPerYear: 3,
      done: 2,
      expected: 3,
      due: 1,
      openFollowUps: 0,
      overdueFollowUps: [],
    })
  })

  test('more visits than expected: nothing due, never below 0', () => {
    const inspections = [visit(1, '2026-01-05'), visit(1, '2026-01-20'), visit(1, '2026-02-01')]
    expect(visitsDue(named, 3, inspections, '2026-02-01')).toMatchObject({ done: 3, expected: 1, due: 0 })
  })

  test('the scheme sets the rhythm: 4 a year, 0 a year', () => {
    expect(visitsDue(named, 4, [], '2026-07-02')).toMatchObject({ expected: 3, due: 3 }) // 4 × 183/365 = 2.005
    expect(visitsDue(named, 0, [], '2026-07-02')).toMatchObject({ expected: 0, due: 0 })
  })
})

describe('which units need visits', () => {
  test('named units (命名, 复查) and units in 申报, 推荐 and 验收', () => {
    expect([...VISITED_STATUSES].sort()).toEqual(['申报', '推荐', '验收', '命名', '复查'].sort())
  })

  test.each([
    ['命名', true, 3],
    ['复查', true, 3],
    ['申报', true, 3],
    ['推荐', true, 3],
    ['验收', true, 3],
    ['培育', false, 0],
    ['撤销', false, 0],
  ] as const)('%s: needsVisits %s, %i expected by 31 December', (status, needs, expected) => {
    const answer = visitsDue({ id: 1, status }, 3, [visit(1, '2026-03-03')], '2026-12-31')
    expect(answer).toMatchObject({ needsVisits: needs, expected, done: 1, due: Math.max(0, expected - 1) })
  })
})

describe('follow-ups', () => {
  const asOf = '2026-11-23'
  const overdue = visit(1, '2026-09-10', { followUp: '一个月内整改到位', followUpDue: '2026-10-10' })
  const overdueLater = visit(1, '2026-10-01', { followUp: '补充创建档案', followUpDue: '2026-11-22' })
  const dueToday = visit(1, '2026-10-23', { followUp: '更新宣传栏', followUpDue: '2026-11-23' })
  const noDate = visit(1, '2026-08-01', { followUp: '下次督导复核' })
  const closed = visit(1, '2026-06-01', { followUp: '整改', followUpDue: '2026-07-01', followUpClosedAt: '2026-06-28', followUpClosedBy: 'admin' })
  const nothing = visit(1, '2026-05-01')

  test('overdue: a due date before the day, not closed; oldest due first, with the days overdue', () => {
    const answer = visitsDue(named, 3, [nothing, closed, noDate, dueToday, overdueLater, overdue], asOf)
    expect(answer.openFollowUps).toBe(4)
    expect(answer.overdueFollowUps).toEqual([
      { inspectionId: overdue.id, date: '2026-09-10', followUp: '一个月内整改到位', followUpDue: '2026-10-10', daysOverdue: 44 },
      { inspectionId: overdueLater.id, date: '2026-10-01', followUp: '补充创建档案', followUpDue: '2026-11-22', daysOverdue: 1 },
    ])
  })

  test('a follow-up from last year still counts until closed', () => {
    const old = visit(1, '2025-11-01', { followUp: '整改', followUpDue: '2025-12-01' })
    expect(visitsDue(named, 3, [old], asOf).overdueFollowUps.map((f) => f.daysOverdue)).toEqual([357])
  })

  test('followUpState', () => {
    expect([nothing, noDate, dueToday, overdue, closed].map((i) => followUpState(i, asOf))).toEqual(['none', 'open', 'open', 'overdue', 'closed'])
  })
})

describe('schemeOfCategory', () => {
  const qijin = { id: 'qijin', isDefault: true, categories: ['机关', '学校', '宗教活动场所'] }
  const liujin = { id: 'liujin', isDefault: false, categories: ['乡村', '学校', '军营'] }
  test('the default scheme when it lists the category, else the first that does, else the default', () => {
    expect(schemeOfCategory([liujin, qijin], '学校')?.id).toBe('qijin')
    expect(schemeOfCategory([qijin, liujin], '乡村')?.id).toBe('liujin')
    expect(schemeOfCategory([liujin, qijin], '家庭')?.id).toBe('qijin')
    expect(schemeOfCategory([], '学校')).toBeNull()
  })
})

describe('visitPeriodEnd', () => {
  test('the last day of each visit’s period: the day before visitsDue expects the next one', () => {
    expect([1, 2, 3].map((n) => visitPeriodEnd(2026, 3, n))).toEqual(['2026-05-01', '2026-08-31', '2026-12-31'])
    expect([1, 2, 3, 4].map((n) => visitPeriodEnd(2026, 4, n))).toEqual(['2026-04-01', '2026-07-01', '2026-09-30', '2026-12-31'])
    expect(visitPeriodEnd(2024, 12, 1)).toBe('2024-01-30') // leap year: 366 / 12 = 30.5 days
    for (const [perYear, n] of [[3, 1], [3, 2], [4, 2], [12, 1], [52, 7]]) {
      const end = visitPeriodEnd(2026, perYear, n)
      const next = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
      expect(visitsDue(named, perYear, [], end).expected).toBe(n)
      expect(visitsDue(named, perYear, [], next).expected).toBe(n + 1)
    }
  })
})
