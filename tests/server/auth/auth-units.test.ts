import { describe, expect, test } from 'vitest'
import { hashPassword, randomPassword, verifyPassword } from '../../../server/auth/passwords'
import { FailureLimiter } from '../../../server/auth/rate-limit'
import { writeRefusal, type SessionUser } from '../../../server/auth/roles'
import { isWithin, storedParents } from '../../../server/shared/area-codes'
import type { Area } from '../../../server/shared/domain'

describe('passwords', () => {
  test('a hash verifies its own password only, and two hashes of one password differ (salted)', () => {
    const first = hashPassword('correct horse battery')
    const second = hashPassword('correct horse battery')
    expect(first).not.toBe(second)
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/)
    expect(verifyPassword('correct horse battery', first)).toBe(true)
    expect(verifyPassword('correct horse batterY', first)).toBe(false)
    expect(verifyPassword('anything', 'not-a-hash')).toBe(false)
  })

  test('a random password has 16 characters without look-alikes, with a capital, a small letter and a digit', () => {
    for (let i = 0; i < 200; i++) expect(randomPassword()).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*[2-9])[a-km-zA-HJ-NP-Z2-9]{16}$/)
  })
})

describe('FailureLimiter', () => {
  test('blocks after the limit within the window and says for how long; forgets after it', () => {
    let t = 0
    const limiter = new FailureLimiter({ limit: 3, windowMs: 60_000, now: () => t })
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('ip:1')).toBe(0)
      limiter.recordFailure('ip:1')
      t += 1000
    }
    expect(limiter.retryAfterSeconds('ip:1')).toBe(57) // the first failure (t=0) leaves the window at 60 s
    expect(limiter.retryAfterSeconds('ip:2')).toBe(0)
    t = 60_001
    expect(limiter.retryAfterSeconds('ip:1')).toBe(0)
  })
})

describe('writeRefusal', () => {
  const area = (code: string, parent: string | null): Area => ({
    code,
    name: { '530600': '昭通市', '530626': '绥江县', '530626101': '中城镇', '530621': '鲁甸县' }[code] ?? code,
    level: 'county',
    parent,
    geometry: null,
    population: null,
    minorityShare: null,
    areaKm2: null,
    schematic: false,
    populationIsSample: false,
  })
  const areas = new Map([area('530600', null), area('530626', '530600'), area('530626101', '530626'), area('530621', '530600')].map((a) => [a.code, a]))
  const editor: SessionUser = { id: 2, username: 'suijiang', role: 'editor', areaScope: '530626' }

  test('the subtree test follows parents', () => {
    expect(isWithin('530626101', '530626', storedParents(areas))).toBe(true)
    expect(isWithin('530626', '530626', storedParents(areas))).toBe(true)
    expect(isWithin('530621', '530626', storedParents(areas))).toBe(false)
    expect(isWithin('999999', '530626', storedParents(areas))).toBe(false)
  })

  test('anonymous 401, viewer 403, scoped editor only in scope, admin anywhere', () => {
    expect(writeRefusal(null, '530626', areas)?.kind).toBe('unauthorized')
    expect(writeRefusal({ ...editor, role: 'viewer' }, '530626', areas)?.kind).toBe('forbidden')
    expect(writeRefusal(editor, '530626101', areas)).toBeNull()
    expect(writeRefusal(editor, '530621', areas)).toEqual({
      kind: 'forbidden',
      message: '用户 suijiang 只能编辑绥江县 (530626) 范围内的数据，不能编辑 鲁甸县',
    })
    expect(writeRefusal(editor, null, areas)?.kind).toBe('forbidden')
    expect(writeRefusal({ ...editor, areaScope: null }, null, areas)).toBeNull()
    expect(writeRefusal({ ...editor, role: 'admin' }, '530621', areas)).toBeNull()
  })
})
