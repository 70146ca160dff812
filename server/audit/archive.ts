// The archive file of `atlas audit archive`: NDJSON (gzipped by the caller) of a header, the archived records as
// stored, and a trailer with the digest of everything before it. Pure: text in, text or a verdict out.
//
// It is "signed" by the chain rather than by a key the atlas would have to keep: the digest is written into
// an 'archive' record of the kept trail, itself chained, and the kept trail starts from the archive's head
// hash. A changed file no longer matches that record; a forged one is vouched for by none.
import { createHash } from 'node:crypto'
import { isChainHashAlgorithm, type ChainHashAlgorithm } from './chain-hash'
import { verifyChain, type StoredAuditRecord } from './chain-verify'

export const ARCHIVE_FORMAT = 'atlas-audit-archive/1'

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT
  createdAt: string
  cutoff: string // records written before this instant
  startHash: string // the first archived record's previous-hash
  firstId: number
  lastId: number
  records: number
  headHash: string // the last archived record's hash: where the kept trail now starts
  digestAlg: ChainHashAlgorithm
}

export interface ArchiveText {
  text: string
  digest: string
  header: ArchiveHeader
}

/** The archive of `records` (the oldest of the trail, in order, already verified), as NDJSON text. */
export function archiveText(records: readonly StoredAuditRecord[], { createdAt, cutoff, digestAlg }: { createdAt: string; cutoff: string; digestAlg: ChainHashAlgorithm }): ArchiveText {
  const first = records[0]
  const last = records.at(-1)
  if (!first || !last || last.hash === null) throw new Error('archiveText: no records to archive')
  const header: ArchiveHeader = {
    format: ARCHIVE_FORMAT,
    createdAt,
    cutoff,
    startHash: first.prevHash,
    firstId: first.id,
    lastId: last.id,
    records: records.length,
    headHash: last.hash,
    digestAlg,
  }
  const body = [header, ...records].map((line) => `${JSON.stringify(line)}\n`).join('')
  const digest = digestOf(body, digestAlg)
  return { text: `${body}${JSON.stringify({ digest })}\n`, digest, header }
}

export type ArchiveVerdict =
  | { ok: true; header: ArchiveHeader; digest: string }
  | { ok: false; problem: string }

/** The archive checked on its own: its digest, its format, and its records as a chain from its start. */
export function checkArchiveText(text: string): ArchiveVerdict {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  if (lines.length < 3) return { ok: false, problem: `it has ${lines.length} lines; an archive has a header, records and a trailer` }
  const parsed = lines.map((line, index) => {
    try {
      return JSON.parse(line) as unknown
    } catch {
      return { unreadable: index + 1 }
    }
  })
  const unreadable = parsed.find((p): p is { unreadable: number } => typeof p === 'object' && p !== null && 'unreadable' in p)
  if (unreadable) return { ok: false, problem: `line ${unreadable.unreadable} is not JSON` }
  const header = parsed[0] as ArchiveHeader
  if (header.format !== ARCHIVE_FORMAT || !isChainHashAlgorithm(header.digestAlg)) {
    return { ok: false, problem: `its header is not an ${ARCHIVE_FORMAT} header (format ${JSON.stringify(header.format)}, digestAlg ${JSON.stringify(header.digestAlg)})` }
  }
  const trailer = parsed.at(-1) as { digest?: unknown }
  const body = lines.slice(0, -1).map((line) => `${line}\n`).join('')
  const digest = digestOf(body, header.digestAlg)
  if (trailer.digest !== digest) {
    return { ok: false, problem: `its digest does not match its content (trailer ${String(trailer.digest)}, content ${digest}) — the file was changed after it was written` }
  }
  const records = parsed.slice(1, -1) as StoredAuditRecord[]
  const verdict = verifyChain(records, { prevHash: header.startHash, label: "the archive's start hash" })
  if (!verdict.ok) return { ok: false, problem: verdict.problem }
  if (verdict.checked !== header.records || verdict.head?.hash !== header.headHash || verdict.head.id !== header.lastId) {
    return { ok: false, problem: `its header says ${header.records} records ending at record ${header.lastId} (${header.headHash}); it holds ${verdict.checked} ending at ${verdict.head?.id} (${verdict.head?.hash})` }
  }
  return { ok: true, header, digest }
}

function digestOf(text: string, algorithm: ChainHashAlgorithm): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex')
}
