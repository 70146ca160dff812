import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { commonPasswords } from '../../../server/auth/common-passwords'
import { generatedCommonPasswords } from '../../../server/auth/common-passwords-build'
import { DEFAULT_PASSWORD_POLICY, isPasswordExpired, passwordRefusal, type PasswordContext } from '../../../server/auth/password-policy'
import { hashPassword } from '../../../server/auth/passwords'

const NONE: PasswordContext = { username: 'zhangsan', recentHashes: [], commonPasswords: new Set() }
const refusal = (password: string, context: Partial<PasswordContext> = {}) => passwordRefusal(password, { ...NONE, ...context }, DEFAULT_PASSWORD_POLICY)

describe('the password policy names the rule a password breaks', () => {
  test('length: at least ATLAS_PASSWORD_MIN_LENGTH characters, counted as characters, not bytes', () => {
    expect(refusal('Ab1!xyz')).toBe('password: 7 characters, expected at least 8')
    expect(refusal('Ab1!xyzw')).toBeNull()
    expect(refusal('密码Ab1!xy')).toBeNull() // 8 characters (14 bytes in UTF-8)
    expect(refusal('密码Ab1!x')).toBe('password: 7 characters, expected at least 8')
    expect(passwordRefusal('Ab1!xyzwvu', NONE, { ...DEFAULT_PASSWORD_POLICY, minLength: 12 })).toBe('password: 10 characters, expected at least 12')
  })

  test('kinds: at least 3 of upper-case, lower-case, digits, symbols, naming those used', () => {
    expect(refusal('abcdef123456')).toBe(
      'password: uses 2 of the 4 kinds (lower-case letters, digits), expected at least 3 of upper-case, lower-case, digits, symbols',
    )
    expect(refusal('abcdefghijkl')).toMatch(/^password: uses 1 of the 4 kinds \(lower-case letters\)/)
    expect(refusal('abcdef-123456')).toBeNull()
    expect(refusal('ABCDEF-123456')).toBeNull()
    expect(refusal('Abcdef-ghijkl')).toBeNull()
  })

  test('the username, in any case, may not be in it', () => {
    expect(refusal('ZhangSan-2026')).toBe('password: contains the username "zhangsan"')
    expect(refusal('Zhang-San-2026')).toBeNull()
  })

  test('common passwords are refused, whatever their capitals', () => {
    const common = commonPasswords()
    for (const password of ['Aa123456', 'Aa123456789', 'woaini1314', 'P@ssw0rd']) expect(common.has(password.toLowerCase())).toBe(true)
    expect(refusal('P@ssw0rd', { commonPasswords: common })).toBe('password: on the list of common passwords')
    expect(refusal('Aa123456789', { commonPasswords: common })).toBe('password: on the list of common passwords')
    expect(refusal('AA@123456', { commonPasswords: common })).toBe('password: on the list of common passwords')
    expect(refusal('Woaini1314!', { commonPasswords: common })).toBeNull()
  })

  test('none of the account’s last 5 passwords; the sixth-last is allowed again', () => {
    const passwords = ['Hist-one-1', 'Hist-two-2', 'Hist-three-3', 'Hist-four-4', 'Hist-five-5', 'Hist-six-6']
    const recentHashes = passwords.map((p) => hashPassword(p)).reverse() // newest first: Hist-six-6 is the current one
    for (const password of passwords.slice(1)) expect(refusal(password, { recentHashes })).toBe('password: one of the 5 last passwords of this account')
    expect(refusal('Hist-one-1', { recentHashes })).toBeNull()
    expect(passwordRefusal('Hist-six-6', { ...NONE, recentHashes }, { ...DEFAULT_PASSWORD_POLICY, history: 0 })).toBeNull()
  })

  test('a maximum age: 0 is off; otherwise a password older than that many days has expired', () => {
    const now = new Date('2026-11-23T09:00:00Z')
    expect(isPasswordExpired('2020-01-01T00:00:00Z', now, DEFAULT_PASSWORD_POLICY)).toBe(false)
    const ninety = { ...DEFAULT_PASSWORD_POLICY, maxAgeDays: 90 }
    expect(isPasswordExpired('2026-08-25T09:00:00Z', now, ninety)).toBe(false) // exactly 90 days
    expect(isPasswordExpired('2026-08-25T08:59:59Z', now, ninety)).toBe(true)
  })
})

describe('the shipped list of common passwords', () => {
  test('is what the generator makes (so it can be rebuilt and reviewed), lower-cased, ~12 000 entries under 200 KB', () => {
    const file = readFileSync(new URL('../../../server/auth/common-passwords.txt', import.meta.url), 'utf8')
    expect(file).toBe(generatedCommonPasswords().join('\n') + '\n')
    expect(file.length).toBeLessThan(200_000)
    expect(commonPasswords().size).toBeGreaterThan(10_000)
    expect([...commonPasswords()].every((p) => p === p.toLowerCase())).toBe(true)
    for (const password of ['5201314', '1qaz2wsx', 'zxcvbnm', 'admin@123', 'zhangwei1990', 'qwerty123', '1990']) expect(commonPasswords().has(password)).toBe(true)
  })
})
