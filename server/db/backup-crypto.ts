// Encrypted backups: a backup file's bytes sealed with a passphrase (authenticated encryption), and opened
// again only when the passphrase is right and not one byte has changed. Buffers in, buffers out: no files.
//
// The file (all integers big-endian):
//   magic      8 bytes  "ATLASENC"
//   version    1 byte   1
//   length     4 bytes  of the header that follows
//   header     JSON (UTF-8): { alg, kdf, iv, check }
//                alg    "aes-256-gcm" (ATLAS_CRYPTO=standard) or "sm4-ctr+hmac-sm3" (ATLAS_CRYPTO=gm, 国密)
//                kdf    { name: "scrypt", N, r, p, salt } or { name: "pbkdf2-sm3", iterations, salt }
//                iv     base64: 12 bytes (GCM) or 16 (SM4-CTR)
//                check  base64, 16 bytes: a digest of key material the KDF derives besides the keys, so that a
//                       wrong passphrase is told from a damaged file (see below)
//   ciphertext the backup, encrypted
//   tag        16 bytes (GCM tag) or 32 (HMAC-SM3): over everything before it, header included
//
// OpenSSL in Node 20 has no SM4-GCM, so the 国密 suite is encrypt-then-MAC: SM4-CTR, then HMAC-SM3 over the
// magic, version, header and ciphertext, with independent keys from PBKDF2-HMAC-SM3 (GB/T 39786-2021 names
// SM3 and SM4; GB/T 32907 SM4, GB/T 32905 SM3). The tag is checked before anything is decrypted.
//
// Why `check`: GCM (and HMAC) alone cannot say whether the passphrase or the file is wrong. The KDF derives
// 32 bytes more than the keys; their digest is stored. A different digest means the passphrase is wrong (or
// the salt in the header was changed); the same digest and a failed tag means the file was changed. It gives
// a guesser nothing the tag would not: each guess still costs the whole KDF.
//
// Whole files in memory: a backup of a 100 000-unit store is about 100 MB, which a server holds easily. The
// cipher runs in slices with the event loop turning in between, so scheduled backups do not stall requests.
import { createCipheriv, createDecipheriv, createHash, createHmac, pbkdf2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { CryptoSuite } from '../crypto-suite'
import { DomainError } from '../domain-error'

export const ENCRYPTED_BACKUP_MAGIC = Buffer.from('ATLASENC', 'latin1')
const FORMAT_VERSION = 1
const PREFIX_BYTES = ENCRYPTED_BACKUP_MAGIC.length + 1 + 4
const MAX_HEADER_BYTES = 4096
const SLICE_BYTES = 4 << 20

export type KdfParams = { name: 'scrypt'; N: number; r: number; p: number } | { name: 'pbkdf2-sm3'; iterations: number }

/** What each suite derives its keys with by default: ~1–2 s per backup here, and each guess costs the same. */
export const DEFAULT_KDF: Readonly<Record<CryptoSuite, KdfParams>> = {
  standard: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 }, // 128 MiB, OWASP's recommendation
  gm: { name: 'pbkdf2-sm3', iterations: 600_000 }, // as OWASP's count for PBKDF2-HMAC-SHA256
}

// A header comes from the file, so its KDF cost is capped: a crafted file must not make restore run for hours.
const MAX_SCRYPT_N = 2 ** 20
const MAX_SCRYPT_BYTES = 2 ** 30
const MAX_PBKDF2_ITERATIONS = 10_000_000

interface Suite {
  alg: string
  kdf: KdfParams['name']
  keyBytes: number // encryption key, then (for encrypt-then-MAC) the MAC key
  macKeyBytes: number
  ivBytes: number
  tagBytes: number
}

const SUITES: Readonly<Record<CryptoSuite, Suite>> = {
  standard: { alg: 'aes-256-gcm', kdf: 'scrypt', keyBytes: 32, macKeyBytes: 0, ivBytes: 12, tagBytes: 16 },
  gm: { alg: 'sm4-ctr+hmac-sm3', kdf: 'pbkdf2-sm3', keyBytes: 16, macKeyBytes: 32, ivBytes: 16, tagBytes: 32 },
}
const CHECK_BYTES = 32

interface Header {
  alg: string
  kdf: KdfParams & { salt: string }
  iv: string
  check: string
}

/** Whether `bytes` (at least the first 8 of a file) begin like an encrypted backup. */
export function isEncryptedBackup(bytes: Buffer): boolean {
  return bytes.length >= ENCRYPTED_BACKUP_MAGIC.length && bytes.subarray(0, ENCRYPTED_BACKUP_MAGIC.length).equals(ENCRYPTED_BACKUP_MAGIC)
}

export async function encryptBackup(plain: Buffer, passphrase: string, suiteName: CryptoSuite, kdf: KdfParams = DEFAULT_KDF[suiteName]): Promise<Buffer> {
  const suite = SUITES[suiteName]
  if (kdf.name !== suite.kdf) throw new Error(`${suite.alg} derives its key with ${suite.kdf}, not ${kdf.name}`)
  const salt = randomBytes(16)
  const iv = randomBytes(suite.ivBytes)
  const keys = await derivedKeys(passphrase, { ...kdf, salt: salt.toString('base64') }, suite)
  const header: Header = { alg: suite.alg, kdf: { ...kdf, salt: salt.toString('base64') }, iv: iv.toString('base64'), check: keys.check.toString('base64') }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8')
  const prefix = Buffer.alloc(PREFIX_BYTES)
  ENCRYPTED_BACKUP_MAGIC.copy(prefix)
  prefix.writeUInt8(FORMAT_VERSION, ENCRYPTED_BACKUP_MAGIC.length)
  prefix.writeUInt32BE(headerBytes.length, ENCRYPTED_BACKUP_MAGIC.length + 1)
  const authenticated = Buffer.concat([prefix, headerBytes])
  if (suiteName === 'standard') {
    const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv)
    cipher.setAAD(authenticated)
    const body = await inSlices(plain, (slice) => cipher.update(slice))
    const final = cipher.final()
    return Buffer.concat([authenticated, body, final, cipher.getAuthTag()])
  }
  const cipher = createCipheriv('sm4-ctr', keys.encryption, iv)
  const body = Buffer.concat([await inSlices(plain, (slice) => cipher.update(slice)), cipher.final()])
  const mac = createHmac('sm3', keys.mac).update(authenticated)
  await inSlices(body, (slice) => (mac.update(slice), Buffer.alloc(0)))
  return Buffer.concat([authenticated, body, mac.digest()])
}

/**
 * The backup inside `sealed`, or a DomainError('invalid') saying what is wrong: not an encrypted backup, a
 * format version or algorithm this build does not read, a damaged header, the wrong passphrase, or a file
 * changed after it was written (the tag does not match). Nothing is decrypted before the tag is checked
 * (HMAC) or handed out (GCM).
 */
export async function decryptBackup(sealed: Buffer, passphrase: string, name: string): Promise<Buffer> {
  if (!isEncryptedBackup(sealed)) throw new DomainError('invalid', `${name} is not an encrypted Unity Atlas backup (it does not begin with ATLASENC)`)
  if (sealed.length < PREFIX_BYTES) throw new DomainError('invalid', `${name} is damaged: it ends inside its header`)
  const version = sealed.readUInt8(ENCRYPTED_BACKUP_MAGIC.length)
  if (version !== FORMAT_VERSION) {
    throw new DomainError('invalid', `${name} is an encrypted backup of format version ${version}; this build reads version ${FORMAT_VERSION} (restore it with the Unity Atlas that made it, or a newer one)`)
  }
  const headerLength = sealed.readUInt32BE(ENCRYPTED_BACKUP_MAGIC.length + 1)
  if (headerLength > MAX_HEADER_BYTES || PREFIX_BYTES + headerLength > sealed.length) {
    throw new DomainError('invalid', `${name} is damaged: its header length ${headerLength} does not fit the file`)
  }
  const authenticatedEnd = PREFIX_BYTES + headerLength
  const header = parsedHeader(sealed.subarray(PREFIX_BYTES, authenticatedEnd), name)
  const [suiteName, suite] = Object.entries(SUITES).find(([, s]) => s.alg === header.alg) as [CryptoSuite, Suite]
  if (sealed.length < authenticatedEnd + suite.tagBytes) throw new DomainError('invalid', `${name} is damaged: it is too short to hold its ${suite.alg} tag`)
  const keys = await derivedKeys(passphrase, header.kdf, suite)
  const stored = Buffer.from(header.check, 'base64')
  if (stored.length !== keys.check.length || !timingSafeEqual(stored, keys.check)) {
    throw new DomainError('invalid', `${name}: wrong passphrase (it does not derive this backup's key; ATLAS_BACKUP_PASSPHRASE or the one typed differs from the one it was encrypted with)`)
  }
  const authenticated = sealed.subarray(0, authenticatedEnd)
  const body = sealed.subarray(authenticatedEnd, sealed.length - suite.tagBytes)
  const tag = sealed.subarray(sealed.length - suite.tagBytes)
  const damaged = () =>
    new DomainError('invalid', `${name} is damaged or was changed after it was written: the ${suite.alg} authentication tag does not match (the passphrase is right); nothing was restored`)
  const iv = Buffer.from(header.iv, 'base64')
  if (suiteName === 'standard') {
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, iv)
    decipher.setAAD(authenticated)
    decipher.setAuthTag(tag)
    const plain = await inSlices(body, (slice) => decipher.update(slice))
    try {
      return Buffer.concat([plain, decipher.final()])
    } catch {
      throw damaged()
    }
  }
  const mac = createHmac('sm3', keys.mac).update(authenticated)
  await inSlices(body, (slice) => (mac.update(slice), Buffer.alloc(0)))
  if (!timingSafeEqual(mac.digest(), tag)) throw damaged()
  const decipher = createDecipheriv('sm4-ctr', keys.encryption, iv)
  return Buffer.concat([await inSlices(body, (slice) => decipher.update(slice)), decipher.final()])
}

function parsedHeader(bytes: Buffer, name: string): Header {
  let header: Partial<Header>
  try {
    header = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new DomainError('invalid', `${name} is damaged: its header is not readable JSON`)
  }
  const algs = Object.values(SUITES).map((s) => s.alg)
  if (typeof header.alg !== 'string' || !algs.includes(header.alg)) {
    throw new DomainError('invalid', `${name} is encrypted with ${String(header.alg)}, which this build cannot decrypt (expected ${algs.join(' or ')})`)
  }
  const suite = Object.values(SUITES).find((s) => s.alg === header.alg) as Suite
  const kdf = header.kdf
  const cost = kdf?.name === 'scrypt' ? Number.isInteger(kdf.N) && kdf.N >= 2 && kdf.N <= MAX_SCRYPT_N && Number.isInteger(kdf.r) && Number.isInteger(kdf.p) && kdf.r >= 1 && kdf.p >= 1 && 128 * kdf.N * kdf.r * kdf.p <= MAX_SCRYPT_BYTES
    : kdf?.name === 'pbkdf2-sm3' ? Number.isInteger(kdf.iterations) && kdf.iterations >= 1 && kdf.iterations <= MAX_PBKDF2_ITERATIONS : false
  if (!kdf || kdf.name !== suite.kdf || !cost || typeof kdf.salt !== 'string' || typeof header.iv !== 'string' || typeof header.check !== 'string') {
    throw new DomainError('invalid', `${name} is damaged: its header's key derivation (${JSON.stringify(kdf).slice(0, 120)}) is not one ${suite.alg} backups use`)
  }
  if (Buffer.from(header.iv, 'base64').length !== suite.ivBytes) throw new DomainError('invalid', `${name} is damaged: its IV is not ${suite.ivBytes} bytes`)
  return header as Header
}

interface Keys {
  encryption: Buffer
  mac: Buffer
  check: Buffer
}

async function derivedKeys(passphrase: string, kdf: KdfParams & { salt: string }, suite: Suite): Promise<Keys> {
  const salt = Buffer.from(kdf.salt, 'base64')
  const length = suite.keyBytes + suite.macKeyBytes + CHECK_BYTES
  const secret = passphrase.normalize('NFC')
  const material = await new Promise<Buffer>((resolve, reject) => {
    const done = (error: Error | null, key: Buffer) => (error ? reject(error) : resolve(key))
    if (kdf.name === 'scrypt') scrypt(secret, salt, length, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 128 * kdf.N * kdf.r * kdf.p + (32 << 20) }, done)
    else pbkdf2(secret, salt, kdf.iterations, length, 'sm3', done)
  })
  const checkMaterial = material.subarray(suite.keyBytes + suite.macKeyBytes)
  return {
    encryption: material.subarray(0, suite.keyBytes),
    mac: material.subarray(suite.keyBytes, suite.keyBytes + suite.macKeyBytes),
    check: createHash(suite.macKeyBytes > 0 ? 'sm3' : 'sha256').update(checkMaterial).digest().subarray(0, 16),
  }
}

/** `step` over `bytes` in slices, the event loop turning between them; the outputs joined. */
async function inSlices(bytes: Buffer, step: (slice: Buffer) => Buffer): Promise<Buffer> {
  const parts: Buffer[] = []
  for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
    parts.push(step(bytes.subarray(offset, offset + SLICE_BYTES)))
    if (offset + SLICE_BYTES < bytes.length) await new Promise((resolve) => setImmediate(resolve))
  }
  return Buffer.concat(parts)
}
