// The passphrase of an encrypted backup: ATLAS_BACKUP_PASSPHRASE, or typed at a terminal (twice when it
// encrypts, so a typing slip does not make a backup nobody can open); null when there is neither.
import type { CliIo } from './command'
import { CliError } from './command'

export async function backupPassphrase(io: CliIo, fromEnv: string | null, { confirm }: { confirm: boolean }): Promise<string | null> {
  if (fromEnv !== null) return fromEnv
  if (!io.readSecret) return null
  const first = await io.readSecret('Backup passphrase: ')
  if (first === '') throw new CliError('atlas: an empty passphrase protects nothing; type one, or set ATLAS_BACKUP_PASSPHRASE')
  if (confirm && (await io.readSecret('The same passphrase again: ')) !== first) throw new CliError('atlas: the two passphrases differ; nothing was written')
  return first
}
