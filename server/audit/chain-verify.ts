// Walks an audit chain and names the first record that was changed, inserted or deleted. Pure: records in,
// a verdict out, so the CLI, the archive check and the tests share it.
import { chainHash, isChainHashAlgorithm, type ChainedFields } from './chain-hash'

/** A record as stored; hash and hashAlg are null on a row written outside the atlas. */
export interface StoredAuditRecord extends Omit<ChainedFields, 'hashAlg'> {
  id: number
  hashAlg: string | null
  hash: string | null
}

/** Where the chain begins: the genesis, or the head of what `atlas audit archive` moved out. */
export interface ChainStart {
  prevHash: string
  label: string // 'the genesis hash', 'the archived head'
}

export type ChainVerdict =
  | { ok: true; checked: number; head: { id: number; hash: string } | null }
  | { ok: false; checked: number; recordId: number; problem: string }

export function recordLabel(r: Pick<StoredAuditRecord, 'id' | 'at' | 'actor' | 'action' | 'entity' | 'entityId'>): string {
  return `record ${r.id} (${r.at} ${r.actor} ${r.action} ${r.entity}${r.entityId === null ? '' : ` ${r.entityId}`})`
}

/**
 * Checks each record's hash against its fields and its previous-hash against the record before it, in id order.
 * A record whose link is broken while the record before it claims the same predecessor means that earlier
 * record was slipped in; a broken link otherwise means records between the two were taken out. The chain
 * alone cannot see records removed from its end, nor a tail rewritten with fresh hashes: the head the server
 * logs every hour is what catches those.
 */
export function verifyChain(records: Iterable<StoredAuditRecord>, start: ChainStart): ChainVerdict {
  let previous: StoredAuditRecord | null = null
  let checked = 0
  const broken = (record: StoredAuditRecord, problem: string): ChainVerdict => ({ ok: false, checked, recordId: record.id, problem })
  for (const record of records) {
    if (record.hash === null || !isChainHashAlgorithm(record.hashAlg)) {
      return broken(record, `${recordLabel(record)}: it has no hash of the chain — it was inserted outside the atlas`)
    }
    const expectedPrev = previous?.hash ?? start.prevHash
    if (record.prevHash !== expectedPrev) {
      if (previous !== null && record.prevHash === previous.prevHash) {
        return broken(previous, `${recordLabel(previous)}: record ${record.id} follows the record before it directly — record ${previous.id} was inserted`)
      }
      return broken(
        record,
        previous === null
          ? `${recordLabel(record)}: its previous-hash does not match ${start.label} — records before it were deleted`
          : `${recordLabel(record)}: its previous-hash does not match record ${previous.id}'s hash — a record between them was deleted (or record ${previous.id} was rewritten with a new hash)`,
      )
    }
    if (chainHash({ ...record, hashAlg: record.hashAlg }) !== record.hash) {
      return broken(record, `${recordLabel(record)}: its hash does not match its fields — changed after it was written`)
    }
    previous = record
    checked++
  }
  return { ok: true, checked, head: previous === null ? null : { id: previous.id, hash: previous.hash as string } }
}
