// The hash that links audit records: one function, so the store that writes the chain and the verifier that
// checks it cannot disagree on what a record's hash covers.
import { createHash } from 'node:crypto'
import type { CryptoSuite } from '../crypto-suite'

/** sha256 by default; sm3 (GB/T 32905) under ATLAS_CRYPTO=gm. Both give 256 bits. */
export const CHAIN_HASH_ALGORITHMS = ['sha256', 'sm3'] as const
export type ChainHashAlgorithm = (typeof CHAIN_HASH_ALGORITHMS)[number]

/** The previous-hash of the first record a store ever wrote. */
export const GENESIS_HASH = '0'.repeat(64)

export function chainHashAlgorithmOf(suite: CryptoSuite): ChainHashAlgorithm {
  return suite === 'gm' ? 'sm3' : 'sha256'
}

export function isChainHashAlgorithm(value: unknown): value is ChainHashAlgorithm {
  return CHAIN_HASH_ALGORITHMS.includes(value as ChainHashAlgorithm)
}

/** A record's fields as stored: before/after are the stored JSON text, hashed as written, never re-serialised. */
export interface ChainedFields {
  hashAlg: ChainHashAlgorithm
  prevHash: string
  at: string
  actor: string
  action: string
  entity: string
  entityId: string | null
  result: string
  address: string | null
  beforeJson: string | null
  afterJson: string | null
}

/**
 * The canonical serialisation: a JSON array of a version tag and the fields in this order, hashed as UTF-8 and
 * written in lower-case hex. The row id is not in it: the order is what prev_hash binds, so a row moved,
 * inserted or removed breaks a link whatever ids the rows carry.
 */
export function canonicalRecord(f: ChainedFields): string {
  return JSON.stringify(['atlas-audit/1', f.hashAlg, f.prevHash, f.at, f.actor, f.action, f.entity, f.entityId, f.result, f.address, f.beforeJson, f.afterJson])
}

export function chainHash(fields: ChainedFields): string {
  return createHash(fields.hashAlg).update(canonicalRecord(fields), 'utf8').digest('hex')
}
