// The /inspect queue's state machine: each event from each state, the backoff, and what is due.
import { describe, expect, test } from 'vitest'
import { backoffMs, closedFollowUps, isDue, nextItem, queuedItem, type QueueItem } from '../../../web/inspect/queue-state'

const visit = queuedItem('c1', '绥江县中城镇中学', { kind: 'visit', visit: { unit: 1, date: '2026-10-12', inspectors: ['张三'], checklist: [], rating: null, findings: '', followUp: '', followUpDue: null, gps: null }, photos: [] }, 1000)
const close = queuedItem('k1', '整改', { kind: 'close-follow-up', inspectionId: 7, version: 2, closedAt: '2026-11-20' }, 1000)
const syncing = (item: QueueItem) => nextItem(item, { type: 'start' })

describe('nextItem', () => {
  test('pending → syncing → synced', () => {
    expect(visit).toMatchObject({ state: 'pending', attempts: 0, nextTryAt: 1000 })
    expect(syncing(visit).state).toBe('syncing')
    expect(nextItem(syncing(visit), { type: 'done' })).toMatchObject({ state: 'synced', reason: null })
  })

  test('a network failure goes back to pending with a growing backoff', () => {
    const once = nextItem(syncing(visit), { type: 'failed', reason: '网络不可用', at: 5000 })
    expect(once).toMatchObject({ state: 'pending', attempts: 1, nextTryAt: 7000, reason: '网络不可用' })
    const twice = nextItem(syncing(once), { type: 'failed', reason: '网络不可用', at: 8000 })
    expect(twice).toMatchObject({ attempts: 2, nextTryAt: 12_000 })
  })

  test('refused keeps the reason until the user retries; signed-out and interrupted wait as pending without counting', () => {
    const refused = nextItem(syncing(visit), { type: 'refused', reason: '用户 x 只能编辑绥江县' })
    expect(refused).toMatchObject({ state: 'refused', reason: '用户 x 只能编辑绥江县' })
    expect(nextItem(refused, { type: 'start' })).toBe(refused) // never sent again on its own
    expect(nextItem(refused, { type: 'retry' })).toMatchObject({ state: 'pending', reason: null, nextTryAt: 0 })
    expect(nextItem(syncing(visit), { type: 'signed-out', reason: '登录已过期' })).toMatchObject({ state: 'pending', attempts: 0, reason: '登录已过期' })
    expect(nextItem(syncing(visit), { type: 'interrupted' })).toMatchObject({ state: 'pending', attempts: 0 })
  })

  test('a conflict keeps the server’s record; retry sends over its version, drop accepts it', () => {
    const current = { id: 7, version: 3, followUpClosedAt: '2026-11-19', followUpClosedBy: 'other' }
    const conflict = nextItem(syncing(close), { type: 'conflict', reason: 'stale', current })
    expect(conflict).toMatchObject({ state: 'conflict', current })
    expect(nextItem(conflict, { type: 'retry', version: 3 })).toMatchObject({ state: 'pending', current: null, work: { version: 3 } })
    expect(nextItem(conflict, { type: 'drop' })).toMatchObject({ state: 'synced', current: null })
    expect(nextItem(visit, { type: 'drop' })).toBe(visit)
  })
})

test('backoffMs: 2 s, 4 s, 8 s … capped at 5 minutes; isDue only for pending items past their time', () => {
  expect([1, 2, 3, 20].map(backoffMs)).toEqual([2000, 4000, 8000, 300_000])
  expect(isDue(visit, 1000)).toBe(true)
  expect(isDue({ ...visit, nextTryAt: 2000 }, 1999)).toBe(false)
  expect(isDue(syncing(visit), 5000)).toBe(false)
})

describe('closedFollowUps', () => {
  test('each closed follow-up with the latest version a close was made over; visits count for nothing', () => {
    const retried = { ...close, id: 'k2', work: { ...close.work, version: 3 } } as QueueItem
    const other = queuedItem('k3', '整改', { kind: 'close-follow-up', inspectionId: 9, version: 1, closedAt: '2026-11-20' }, 1000)
    expect(closedFollowUps([visit, close, retried, other])).toEqual(new Map([[7, 3], [9, 1]]))
    expect(closedFollowUps([visit]).size).toBe(0)
  })
})
