// The add-inspection form's values → the POST body, and how the panel words visits and follow-ups.
import { describe, expect, test } from 'vitest'
import type { InspectionItem, VisitsSummary } from '../../web/api/client'
import { emptyDraft, followUpLine, inspectionOfDraft, visitsLine } from '../../web/units/inspection-draft'

describe('the add-inspection form', () => {
  test('starts dated today with the seeds’ five themes, each 达标', () => {
    const draft = emptyDraft('2026-11-23')
    expect(draft.date).toBe('2026-11-23')
    expect(draft.checklist.map((c) => [c.item, c.result])).toEqual([
      ['宣传教育', '达标'],
      ['阵地建设', '达标'],
      ['活动开展', '达标'],
      ['制度建设', '达标'],
      ['群众满意', '达标'],
    ])
  })

  test('becomes the POST body: names split, empty choices null', () => {
    const draft = { ...emptyDraft('2026-11-23'), inspectors: ' 张三、李四，王五 , ', followUpDue: ' ' }
    expect(inspectionOfDraft(12, draft)).toMatchObject({ unit: 12, inspectors: ['张三', '李四', '王五'], rating: null, followUpDue: null })
    expect(inspectionOfDraft(12, { ...draft, rating: '优秀', followUpDue: '2026-12-01' })).toMatchObject({ rating: '优秀', followUpDue: '2026-12-01' })
  })
})

describe('what the panel says', () => {
  const visits = { needsVisits: true, done: 1, expected: 3, visitsPerYear: 3, due: 2, overdueFollowUps: [] } as unknown as VisitsSummary
  test('visits done and due', () => {
    expect(visitsLine(visits)).toBe('今年已督导 1 次，截至今日应督导 3 次（每年 3 次）')
    expect(visitsLine({ ...visits, needsVisits: false, expected: 0 })).toBe('今年已督导 1 次；当前状态无需定期督导')
  })

  test('follow-ups: due, overdue by days, closed by whom', () => {
    const base = { followUp: '更新宣传栏', followUpDue: '2026-11-12', followUpClosedAt: null, followUpClosedBy: '' }
    const line = (extra: object) => followUpLine({ ...base, ...extra } as InspectionItem, '2026-11-23')
    expect(line({ followUpState: 'overdue' })).toBe('限期 2026-11-12 · 逾期 11 天')
    expect(line({ followUpState: 'open', followUpDue: '2026-12-01' })).toBe('限期 2026-12-01')
    expect(line({ followUpState: 'open', followUpDue: null })).toBe('待整改')
    expect(line({ followUpState: 'closed', followUpClosedAt: '2026-11-20', followUpClosedBy: 'admin' })).toBe('限期 2026-11-12 · 已整改 2026-11-20（admin）')
    expect(line({ followUpState: 'none' })).toBe('')
  })
})
