// What the server's answer to a sync means for the queued item (web/inspect/sync.ts eventOf): a visit outside
// the inspector's scope stays in the queue refused, a lapsed session waits for a sign-in, a stale close is a
// conflict carrying the server's record, and no answer at all is retried later.
import { expect, test } from 'vitest'
import { ApiError } from '../../../web/api/client'
import { eventOf } from '../../../web/inspect/sync'

test('403 refused with the server’s reason; 400 too', () => {
  expect(eventOf(new ApiError(403, 'forbidden', '同步督导 c1: 用户 field 只能编辑绥江县 (530626) 范围内的数据'), 0)).toEqual({ type: 'refused', reason: '同步督导 c1: 用户 field 只能编辑绥江县 (530626) 范围内的数据' })
  expect(eventOf(new ApiError(400, 'not_an_image', '上传照片: 不是 JPEG、PNG 或 WebP 图片'), 0)).toMatchObject({ type: 'refused' })
})

test('401 signed-out; 412 and 409 conflict with details.current; 5xx, 429 and a network error failed', () => {
  expect(eventOf(new ApiError(401, 'session_idle', 'x'), 0)).toMatchObject({ type: 'signed-out' })
  const current = { id: 7, version: 3, followUpClosedAt: '2026-11-19' }
  expect(eventOf(new ApiError(412, 'stale_version', 'stale', { current }), 0)).toMatchObject({ type: 'conflict', current })
  expect(eventOf(new ApiError(409, 'conflict', 'x'), 0)).toMatchObject({ type: 'conflict', current: null })
  expect(eventOf(new ApiError(503, 'unavailable', 'x'), 5)).toMatchObject({ type: 'failed', at: 5 })
  expect(eventOf(new ApiError(429, 'rate_limited', 'x'), 5)).toMatchObject({ type: 'failed' })
  expect(eventOf(new TypeError('Failed to fetch'), 9)).toEqual({ type: 'failed', reason: '网络不可用，稍后自动重试', at: 9 })
})
