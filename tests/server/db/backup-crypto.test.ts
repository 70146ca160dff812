// Encrypted backups at the byte level: round trips in both suites, and each kind of wrong file refused by name.
// Light KDF costs keep it fast; the header carries them, so decryption needs no argument for them.
import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { decryptBackup, encryptBackup, type KdfParams } from '../../../server/db/backup-crypto'

const LIGHT: Record<'standard' | 'gm', KdfParams> = { standard: { name: 'scrypt', N: 1024, r: 8, p: 1 }, gm: { name: 'pbkdf2-sm3', iterations: 1000 } }
const plain = Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(9 << 20)]) // more than two cipher slices

function headerOf(sealed: Buffer) {
  const length = sealed.readUInt32BE(9)
  return { end: 13 + length, json: JSON.parse(sealed.subarray(13, 13 + length).toString('utf8')) }
}

describe.each(['standard', 'gm'] as const)('%s suite', (suite) => {
  test('round-trips, and the header names the algorithm, the KDF and its parameters', async () => {
    const sealed = await encryptBackup(plain, 'correct horse 电池', suite, LIGHT[suite])
    expect(sealed.subarray(0, 9).toString('latin1')).toBe('ATLASENC\x01')
    const { json } = headerOf(sealed)
    expect(json).toMatchObject({ alg: suite === 'gm' ? 'sm4-ctr+hmac-sm3' : 'aes-256-gcm', kdf: { ...LIGHT[suite], salt: expect.any(String) } })
    expect(sealed.includes(plain.subarray(0, 16))).toBe(false)
    expect((await decryptBackup(sealed, 'correct horse 电池', 'b.enc')).equals(plain)).toBe(true)
  })

  test('a wrong passphrase is named as such', async () => {
    const sealed = await encryptBackup(plain, 'correct horse', suite, LIGHT[suite])
    await expect(decryptBackup(sealed, 'wrong horse', 'b.enc')).rejects.toThrow(/^b\.enc: wrong passphrase/)
  })

  test('a flipped byte in the body, in the tag or in the header is refused as a changed file', async () => {
    const sealed = await encryptBackup(plain, 'correct horse', suite, LIGHT[suite])
    const { end, json } = headerOf(sealed)
    for (const at of [end + 5, sealed.length - 1]) {
      const changed = Buffer.from(sealed)
      changed[at] ^= 0x01
      await expect(decryptBackup(changed, 'correct horse', 'b.enc')).rejects.toThrow(/^b\.enc is damaged or was changed after it was written: the .* authentication tag does not match \(the passphrase is right\)/)
    }
    // The IV is in the header, outside the key check: the tag, which covers the header, catches it.
    const iv = Buffer.from(json.iv, 'base64')
    iv[0] ^= 0x01
    const header = Buffer.from(JSON.stringify({ ...json, iv: iv.toString('base64') }))
    const prefix = Buffer.from(sealed.subarray(0, 13))
    prefix.writeUInt32BE(header.length, 9)
    await expect(decryptBackup(Buffer.concat([prefix, header, sealed.subarray(end)]), 'correct horse', 'b.enc')).rejects.toThrow('authentication tag does not match')
  })
})

describe('files that are not encrypted backups of this format', () => {
  test('a wrong magic, a newer version, an unknown algorithm, a header too costly to derive, a truncated file', async () => {
    const sealed = await encryptBackup(plain.subarray(0, 1000), 'pw', 'standard', LIGHT.standard)
    await expect(decryptBackup(plain, 'pw', 'x')).rejects.toThrow('x is not an encrypted Unity Atlas backup (it does not begin with ATLASENC)')
    const newer = Buffer.from(sealed)
    newer[8] = 2
    await expect(decryptBackup(newer, 'pw', 'x')).rejects.toThrow('x is an encrypted backup of format version 2; this build reads version 1')
    const { end, json } = headerOf(sealed)
    const withHeader = (header: object) => {
      const bytes = Buffer.from(JSON.stringify(header))
      const prefix = Buffer.from(sealed.subarray(0, 13))
      prefix.writeUInt32BE(bytes.length, 9)
      return Buffer.concat([prefix, bytes, sealed.subarray(end)])
    }
    await expect(decryptBackup(withHeader({ ...json, alg: 'des-cbc' }), 'pw', 'x')).rejects.toThrow('x is encrypted with des-cbc, which this build cannot decrypt (expected aes-256-gcm or sm4-ctr+hmac-sm3)')
    await expect(decryptBackup(withHeader({ ...json, kdf: { ...json.kdf, N: 2 ** 24 } }), 'pw', 'x')).rejects.toThrow("x is damaged: its header's key derivation")
    await expect(decryptBackup(sealed.subarray(0, end + 4), 'pw', 'x')).rejects.toThrow('x is damaged: it is too short to hold its aes-256-gcm tag')
  })
})
