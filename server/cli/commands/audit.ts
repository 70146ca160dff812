// atlas audit verify | archive: the tamper check of the audit trail, and the one way records leave it.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { archiveText, checkArchiveText } from '../../audit/archive'
import { chainHashAlgorithmOf } from '../../audit/chain-hash'
import { verifyChain } from '../../audit/chain-verify'
import { readConfig, type AtlasConfig } from '../../config'
import { timeStamp } from '../../db/backup'
import { DomainError } from '../../domain-error'
import { CliError, command, parseOptions, type CliIo } from '../command'
import { withExistingStore } from '../existing-store'

const HELP = `Usage: atlas audit verify [--archive FILE]
       atlas audit archive [--out FILE]

verify   Walks the audit trail of the store in ATLAS_DATA_DIR (./data) from its start (the genesis, or the head
         of the last archive) and checks each record's hash against its fields and its previous-hash against
         the record before it. Exits 0 and prints the number of records and the head hash when the trail is
         intact; exits 1 naming the first record that was changed, inserted or deleted. Compare the head with
         the "audit chain head" lines of the server log: records removed from the end, or a tail rewritten
         with fresh hashes, show only there.
         --archive FILE checks an archive instead: its digest, its chain, and the record of the store that
         vouches for it.

archive  Moves the records older than ATLAS_AUDIT_RETENTION_DAYS (180, never fewer) to a gzipped NDJSON file
         and removes them from the store, recording the archive (its digest and head hash) in the trail. The
         trail is verified first: a broken trail is not archived. Keep the file: it is the only copy.
         --out FILE   where to write (default ATLAS_DATA_DIR/audit-archive/atlas-audit-<first>-<last>-<time>.ndjson.gz)

Options:
  -h, --help           show this help
`

export const auditCommand = command('audit', 'verify the hash-chained audit trail, or archive records past retention', HELP, async (args, io) => {
  const { values, positionals } = parseOptions(args, { archive: { type: 'string' }, out: { type: 'string' } }, { name: 'audit', help: HELP })
  const [verb, ...extra] = positionals
  if (extra.length > 0) throw new CliError(`atlas audit: unexpected arguments ${extra.join(' ')}`)
  const config = readConfig(io.env)
  if (verb === 'verify') return values.archive === undefined ? verifyStore(config, io) : verifyArchive(config, values.archive, io)
  if (verb === 'archive') return archive(config, values.out, io)
  throw new CliError(`atlas audit: expected verify or archive, got ${verb === undefined ? 'nothing' : JSON.stringify(verb)} (see atlas audit --help)`)
})

function verifyStore(config: AtlasConfig, io: CliIo): number {
  return withExistingStore(config, 'audit', (store) => {
    const { start, records } = store.audit.chain()
    const verdict = verifyChain(records, start)
    if (!verdict.ok) {
      io.err(`atlas audit verify: the audit trail is broken after ${verdict.checked} intact records: ${verdict.problem}\n`)
      return 1
    }
    io.out(
      verdict.head === null
        ? `Audit trail intact: no records (it starts at ${start.label} ${start.prevHash})\n`
        : `Audit trail intact: ${verdict.checked} records checked from ${start.label}; head: record ${verdict.head.id} ${verdict.head.hash}\n`,
    )
    return 0
  })
}

function verifyArchive(config: AtlasConfig, file: string, io: CliIo): number {
  if (!existsSync(file)) throw new CliError(`atlas audit verify: there is no archive ${file}`, 1)
  let text: string
  try {
    const bytes = readFileSync(file)
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8')
  } catch (error) {
    throw new CliError(`atlas audit verify: ${file} cannot be read as an archive (${(error as Error).message})`, 1)
  }
  const verdict = checkArchiveText(text)
  if (!verdict.ok) {
    io.err(`atlas audit verify: the archive ${file} is not intact: ${verdict.problem}\n`)
    return 1
  }
  const { header, digest } = verdict
  const voucher = withExistingStore(config, 'audit', (store) =>
    store.audit.list({ limit: 1_000, action: 'archive', entity: 'audit_log' }).find((e) => (e.after as { digest?: string } | null)?.digest === digest),
  )
  if (!voucher) {
    io.err(
      `atlas audit verify: the archive ${file} is consistent in itself (records ${header.firstId}–${header.lastId}) but no 'archive' record of the store carries its digest ${digest}: it is not vouched for (if a later archive took that record, verify that archive too)\n`,
    )
    return 1
  }
  io.out(`Archive intact: ${header.records} records (${header.firstId}–${header.lastId}), head ${header.headHash}, digest ${digest}; vouched for by record ${voucher.id} of the store (${voucher.at})\n`)
  return 0
}

function archive(config: AtlasConfig, out: string | undefined, io: CliIo): number {
  const now = new Date()
  const cutoff = new Date(now.getTime() - config.auditRetentionDays * 86_400_000).toISOString()
  return withExistingStore(config, 'audit', (store) => {
    const { start, records } = store.audit.chain()
    const verdict = verifyChain(records, start)
    if (!verdict.ok) throw new CliError(`atlas audit archive: the trail is broken, so nothing was archived (run atlas audit verify): ${verdict.problem}`, 1)
    const archivable = store.audit.archivable(cutoff)
    if (archivable.length === 0) {
      io.out(`Nothing to archive: no record is older than ${config.auditRetentionDays} days (before ${cutoff})\n`)
      return 0
    }
    const archived = archiveText(archivable, { createdAt: now.toISOString(), cutoff, digestAlg: chainHashAlgorithmOf(config.crypto) })
    const { firstId, lastId, headHash, records: count } = archived.header
    const file = resolve(out ?? join(config.dataDir, 'audit-archive', `atlas-audit-${firstId}-${lastId}-${timeStamp(now)}.ndjson.gz`))
    if (existsSync(file)) throw new CliError(`atlas audit archive: ${file} exists; choose another --out`)
    mkdirSync(dirname(file), { recursive: true })
    writeDurably(file, gzipSync(archived.text))
    // Removed only once the file is on disk, and only if the trail still starts with what the file holds.
    try {
      store.audit.removeArchived({ lastId, headHash, records: count, digest: archived.digest, file }, 'cli')
    } catch (error) {
      if (error instanceof DomainError) throw new CliError(`atlas audit archive: ${error.message} (${file} was written and may be deleted)`, 1)
      throw error
    }
    io.out(`Archived ${count} records (${firstId}–${lastId}, before ${cutoff}) to ${file}\nHead of the archive: ${headHash}\nDigest: ${archived.digest}\n`)
    return 0
  })
}

function writeDurably(file: string, bytes: Uint8Array): void {
  writeFileSync(file, bytes, { flag: 'wx' })
  const fd = openSync(file, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
