// The --out path of a command that writes a file, checked before any work is done.
import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { CliError } from './command'

/** Refuses an --out path whose directory is missing or not writable, before any work is done. */
export function checkWritable(path: string, given: string, commandName: string): void {
  const directory = dirname(path)
  if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new CliError(`atlas ${commandName}: --out ${given}: the directory ${directory} does not exist`)
  try {
    accessSync(existsSync(path) ? path : directory, constants.W_OK)
  } catch {
    throw new CliError(`atlas ${commandName}: --out ${given}: cannot write there (permission denied)`)
  }
}
