// The last line of `atlas import units|areas` and its exit code: a commit that wrote nothing, because every
// row was refused, is a failure (exit 1), so a script that runs the import notices.

export interface ImportOutcome {
  text: string
  exitCode: number
}

export function importOutcome(
  result: { dryRun: boolean; batch: { id: number; inserted: number; updated: number } | null },
  things: 'units' | 'areas',
): ImportOutcome {
  if (result.batch) return { text: `Committed import ${result.batch.id}: ${result.batch.inserted} ${things} added, ${result.batch.updated} updated.\n`, exitCode: 0 }
  if (result.dryRun) return { text: 'Dry run: nothing was written.\n', exitCode: 0 }
  return { text: `Nothing was written: no ${things === 'units' ? 'row' : 'feature'} was accepted (see the refusals above).\n`, exitCode: 1 }
}
