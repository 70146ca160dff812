// Password hashes of both ATLAS_CRYPTO suites: scrypt (standard) and PBKDF2-HMAC-SM3 (gm) verify whatever the
// setting; a hash of the other suite, or weaker than this build makes, is to be made again (needsRehash).
import { describe, expect, test } from 'vitest'
import { hashPassword, needsRehash, verifyPassword } from '../../../server/auth/passwords'

describe('hashPassword / verifyPassword', () => {
  test('each suite round-trips, refuses another password, and salts each hash', () => {
    for (const suite of ['standard', 'gm'] as const) {
      const hash = hashPassword('Atlas-pw-2026', suite)
      expect(hash.split('$')[0]).toBe(suite === 'gm' ? 'pbkdf2-sm3' : 'scrypt')
      expect(verifyPassword('Atlas-pw-2026', hash)).toBe(true)
      expect(verifyPassword('Atlas-pw-2027', hash)).toBe(false)
      expect(hashPassword('Atlas-pw-2026', suite)).not.toBe(hash)
    }
  })

  test('a fixed salt gives a fixed hash (the SM3 one is PBKDF2-HMAC-SM3, 100 000 iterations)', () => {
    const salt = Buffer.alloc(16, 7)
    expect(hashPassword('口令-1', 'gm', salt)).toBe(hashPassword('口令-1', 'gm', salt))
    expect(hashPassword('口令-1', 'gm', salt)).toMatch(/^pbkdf2-sm3\$100000\$BwcHBwcHBwcHBwcHBwcHBw\$[\w-]{43}$/)
  })

  test('needsRehash: the other suite, or fewer iterations than this build makes', () => {
    const scrypt = hashPassword('x-Password-1', 'standard')
    const sm3 = hashPassword('x-Password-1', 'gm')
    expect([needsRehash(scrypt, 'standard'), needsRehash(scrypt, 'gm')]).toEqual([false, true])
    expect([needsRehash(sm3, 'gm'), needsRehash(sm3, 'standard')]).toEqual([false, true])
    expect(needsRehash(sm3.replace('$100000$', '$1000$'), 'gm')).toBe(true)
    expect(verifyPassword('x-Password-1', 'md5$abc')).toBe(false)
  })
})
