// Password hashing with a per-user random salt: scrypt (node:crypto) by default, PBKDF2-HMAC-SM3 under
// ATLAS_CRYPTO=gm (国密, GB/T 39786-2021; Node's OpenSSL has sm3). The algorithm and its parameters are stored
// with each hash, so either verifies whatever the setting is now, and a hash of the other suite (or with
// weaker parameters) is made again at the user's next sign-in (needsRehash).
import { pbkdf2Sync, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import type { CryptoSuite } from '../crypto-suite'

const SCRYPT = { N: 16384, r: 8, p: 1 } // ~50 ms per hash on this machine: slow for guessing, fine for login
const SM3_ITERATIONS = 100_000 // ~70 ms per hash on this machine, as scrypt's
const KEY_BYTES = 32
const SALT_BYTES = 16

export function hashPassword(password: string, suite: CryptoSuite = 'standard', salt: Buffer = randomBytes(SALT_BYTES)): string {
  const text = password.normalize('NFC')
  if (suite === 'gm') {
    const hash = pbkdf2Sync(text, salt, SM3_ITERATIONS, KEY_BYTES, 'sm3')
    return ['pbkdf2-sm3', SM3_ITERATIONS, salt.toString('base64url'), hash.toString('base64url')].join('$')
  }
  const { N, r, p } = SCRYPT
  const hash = scryptSync(text, salt, KEY_BYTES, { N, r, p })
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$')
}

export function verifyPassword(password: string, stored: string): boolean {
  const text = password.normalize('NFC')
  const parts = stored.split('$')
  if (parts[0] === 'pbkdf2-sm3') {
    const [, iterations, salt, hash] = parts
    if (!salt || !hash) return false
    const expected = Buffer.from(hash, 'base64url')
    return timingSafeEqual(pbkdf2Sync(text, Buffer.from(salt, 'base64url'), Number(iterations), expected.length, 'sm3'), expected)
  }
  const [kind, n, r, p, salt, hash] = parts
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = scryptSync(text, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return timingSafeEqual(actual, expected)
}

/** Whether a stored hash is of another suite than `suite`, or weaker than this build makes: made again at sign-in. */
export function needsRehash(stored: string, suite: CryptoSuite): boolean {
  const [kind, first] = stored.split('$')
  if (suite === 'gm') return kind !== 'pbkdf2-sm3' || Number(first) < SM3_ITERATIONS
  return kind !== 'scrypt' || Number(first) < SCRYPT.N
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
