// Password hashing with scrypt (node:crypto) and a per-user random salt. The parameters are stored
// with each hash so they can be raised later without invalidating existing passwords.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

const SCRYPT = { N: 16384, r: 8, p: 1 } // ~50 ms per hash on this machine: slow for guessing, fine for login
const KEY_BYTES = 32
const SALT_BYTES = 16

export function hashPassword(password: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  const { N, r, p } = SCRYPT
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p })
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$')
}

export function verifyPassword(password: string, stored: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  })
  return timingSafeEqual(actual, expected)
}

/**
 * 16 characters from an alphabet without look-alikes (0/O, 1/l/I), for a password printed once; drawn again
 * until it has a capital, a small letter and a digit (about 1 draw in 8 lacks a digit), as the policy asks.
 */
export function randomPassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  for (;;) {
    const password = Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('')
    if (/[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password)) return password
  }
}
