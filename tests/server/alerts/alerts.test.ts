// alertsOf on a hand-made ledger where every kind has a known answer, and on the demo at its fixed date.
import { describe, expect, test } from 'vitest'
import { alertsOf } from '../../../server/alerts/alerts'
import { alertsForAudience } from '../../../server/alerts/alert-audience'
import { coverageByArea } from '../../../server/geo/coverage'
import { audienceOf } from '../../../server/shared/audience'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import { seedDemo } from '../../../server/seed/seed-store'
import { TODAY } from '../demo-app'
import { AS_OF, fixtureSnapshot } from './alert-fixture'

const snapshot = fixtureSnapshot()

describe('alertsOf on the hand-made ledger as of 2026-08-01', () => {
  const report = alertsOf(snapshot, { area: '530600', asOf: AS_OF })

  test('finds every alert, most urgent first: severity, then due date, data issues (no date) last', () => {
    expect(report.alerts.map((a) => [a.id, a.severity])).toEqual([
      ['review-due:unit:2:2025-03-01', 'high'],
      ['target-behind:target:2:2025-12-31', 'high'],
      ['inspection-overdue:unit:4:2026-04-01', 'high'],
      ['follow-up-overdue:inspection:3:2026-04-10', 'high'],
      ['inspection-overdue:unit:3:2026-07-01', 'medium'],
      ['review-due:unit:1:2026-09-30', 'medium'],
      ['target-behind:target:1:2027-12-31', 'medium'],
      ['data-issue:unit:7:outside-all-areas', 'medium'],
      ['data-issue:unit:8:unknown-area', 'medium'],
    ])
    expect(report.counts).toEqual({ 'review-due': 2, 'target-behind': 2, 'inspection-overdue': 2, 'follow-up-overdue': 1, 'data-issue': 2 })
    expect(report.area).toEqual({ code: '530600', name: '昭通市' })
    expect(report.months).toBe(12)
  })

  test('says what is due, of what, by when, in Chinese', () => {
    const byId = new Map(report.alerts.map((a) => [a.id, a]))
    expect(byId.get('review-due:unit:1:2026-09-30')).toEqual({
      id: 'review-due:unit:1:2026-09-30',
      kind: 'review-due',
      severity: 'medium',
      areaCode: '530626101',
      areaName: '中城镇',
      unit: { id: 1, name: '中城镇中学', category: '学校', level: '国家级' },
      target: null,
      message: '中城镇中学 的国家级命名将于 2026-09-30 满 5 年，需复查',
      dueDate: '2026-09-30',
    })
    expect(byId.get('review-due:unit:2:2025-03-01')?.message).toBe('南岸清真寺 的国家级命名已于 2025-03-01 满 5 年，尚未复查')
    expect(byId.get('target-behind:target:1:2027-12-31')).toMatchObject({
      areaCode: '530626',
      target: { id: 1, note: '示范单位6个', count: 6, achieved: 3, expected: 4.6 },
      message: '绥江县「示范单位6个」截至 2026-08-01 完成 3/6，按期应达 4，进度滞后（期限 2027-12-31）',
    })
    expect(byId.get('target-behind:target:2:2025-12-31')?.message).toBe('镇雄县「示范社区3个」已于 2025-12-31 到期，完成 2/3，未达标')
    expect(byId.get('inspection-overdue:unit:4:2026-04-01')?.message).toBe('西街社区 2026 年应督导 4 次，已督导 0 次；第 1 次应于 2026-04-01 前完成，已逾期')
    expect(byId.get('follow-up-overdue:inspection:3:2026-04-10')?.message).toBe('南岸清真寺 2026-03-10 督导提出的整改「更新宣传栏」应于 2026-04-10 前完成，已逾期 113 天')
    expect(byId.get('data-issue:unit:7:outside-all-areas')).toMatchObject({ areaCode: null, message: '无名小学 的坐标不在任何行政区内，无法落图' })
    expect(byId.get('data-issue:unit:8:unknown-area')?.message).toBe('错码小学 的台账行政区代码 530699 不存在，无法落图')
  })

  test('a county sees its own subtree: its units and targets, not the unplaced units of the top', () => {
    const county = alertsOf(snapshot, { area: '530626', asOf: AS_OF })
    expect(county.alerts.map((a) => a.id)).toEqual([
      'review-due:unit:2:2025-03-01',
      'follow-up-overdue:inspection:3:2026-04-10',
      'review-due:unit:1:2026-09-30',
      'target-behind:target:1:2027-12-31',
    ])
  })

  test('the same alerts have the same ids the next day', () => {
    const tomorrow = alertsOf(snapshot, { area: '530600', asOf: '2026-08-02' })
    expect(tomorrow.alerts.map((a) => a.id).sort()).toEqual(report.alerts.map((a) => a.id).sort())
  })

  test('months narrows the look-ahead for 复查; a lapsed naming stays', () => {
    const month = alertsOf(snapshot, { area: '530600', asOf: AS_OF, months: 1 })
    expect(month.alerts.filter((a) => a.kind === 'review-due').map((a) => a.id)).toEqual(['review-due:unit:2:2025-03-01'])
  })

  test('a 复查 renews the term; in the first period of a year no visit is overdue yet', () => {
    const spring = alertsOf(snapshot, { area: '530600', asOf: '2026-03-31' })
    expect(spring.alerts.some((a) => a.unit?.id === 6)).toBe(false)
    expect(spring.alerts.filter((a) => a.kind === 'inspection-overdue')).toEqual([])
  })
})

describe('alertsForAudience', () => {
  const report = alertsOf(snapshot, { area: '530626', asOf: AS_OF })

  test('a caller not signed in gets a withheld unit’s 复查 under the generic name and none of its other alerts', () => {
    const answer = alertsForAudience(report, audienceOf('anonymous'), () => null)
    expect(answer.withheld).toBe(1)
    expect(answer.counts['follow-up-overdue']).toBe(0)
    const review = answer.alerts.find((a) => a.id === 'review-due:unit:2:2025-03-01')
    expect(review?.unit?.name).toBe('宗教活动场所（不公开）')
    expect(review?.message).toBe('宗教活动场所（不公开） 的国家级命名已于 2025-03-01 满 5 年，尚未复查')
    expect(JSON.stringify(answer)).not.toContain('南岸清真寺')
  })

  test('a signed-in caller gets everything', () => {
    expect(alertsForAudience(report, audienceOf('signed-in'), () => null)).toEqual({ ...report, withheld: 0 })
  })
})

describe('alertsOf on the demo at its fixed date', () => {
  const store = openSqliteStore(':memory:', { now: () => new Date(`${TODAY}T09:00:00Z`) })
  seedDemo(store, TODAY)
  const demo = store.snapshot()

  test('finds each kind the demo has, ids unique, sorted by urgency', () => {
    const report = alertsOf(demo, { area: '530600', asOf: TODAY })
    expect(report.counts['review-due']).toBeGreaterThan(0)
    expect(report.counts['target-behind']).toBeGreaterThan(0)
    expect(report.counts['inspection-overdue']).toBeGreaterThan(0)
    expect(report.alerts.find((a) => a.kind === 'data-issue')?.message).toMatch(/的坐标位于 .+，台账填写为 .+，两者不一致$/)
    expect(new Set(report.alerts.map((a) => a.id)).size).toBe(report.alerts.length)
    const ranks = report.alerts.map((a) => ['high', 'medium', 'low'].indexOf(a.severity))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
  })

  test('the namings due for 复查 that have not lapsed are those coverage lists as expiring', () => {
    const report = alertsOf(demo, { area: '530600', asOf: TODAY })
    const coming = report.alerts.filter((a) => a.kind === 'review-due' && a.dueDate! >= TODAY)
    const expiring = coverageByArea(demo, { level: 'prefecture', today: TODAY }).areas.find((a) => a.code === '530600')?.expiring ?? []
    expect(coming.length).toBeGreaterThan(0)
    expect(coming.map((a) => [a.unit?.id, a.dueDate]).sort()).toEqual(expiring.map((e) => [e.id, e.expiresOn]).sort())
  })
})
