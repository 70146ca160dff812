import { describe, expect, test } from 'vitest'
import { afterFailure, afterSuccess, clockText, freshnessOf, INITIAL_POLL_STATE } from '../../../web/screen/freshness'

const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00`).getTime()

describe('freshness: the stale mark', () => {
  test('before any answer: no time, not stale', () => {
    expect(freshnessOf(INITIAL_POLL_STATE)).toEqual({ stale: false, text: '数据更新于 —' })
  })

  test('a good answer names its time', () => {
    expect(freshnessOf(afterSuccess(INITIAL_POLL_STATE, at('14:05')))).toEqual({ stale: false, text: '数据更新于 14:05' })
  })

  test('a failed poll keeps the last good time and says the connection is down', () => {
    const s = afterFailure(afterFailure(afterSuccess(INITIAL_POLL_STATE, at('14:05')), at('14:06')), at('14:07'))
    expect(s).toEqual({ lastSuccessAt: at('14:05'), failingSince: at('14:06'), failures: 2 })
    expect(freshnessOf(s)).toEqual({ stale: true, text: '数据更新于 14:05 · 连接中断' })
  })

  test('the next good answer clears it', () => {
    const s = afterSuccess(afterFailure(afterSuccess(INITIAL_POLL_STATE, at('14:05')), at('14:06')), at('14:09'))
    expect(freshnessOf(s)).toEqual({ stale: false, text: '数据更新于 14:09' })
  })

  test('a tolerance of more than one failure delays the mark', () => {
    const once = afterFailure(afterSuccess(INITIAL_POLL_STATE, at('14:05')), at('14:06'))
    expect(freshnessOf(once, 2).stale).toBe(false)
    expect(freshnessOf(afterFailure(once, at('14:07')), 2).stale).toBe(true)
  })

  test('never reached: stale without a time', () => {
    expect(freshnessOf(afterFailure(INITIAL_POLL_STATE, at('08:00')))).toEqual({ stale: true, text: '数据更新于 — · 连接中断' })
  })

  test('clock text is zero-padded', () => {
    expect(clockText(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('03:04')
    expect(clockText(new Date(2026, 0, 2, 3, 4, 5).getTime(), true)).toBe('03:04:05')
  })
})
