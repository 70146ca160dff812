// What every CLI command is: a name, a help text and a run function that returns the exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util'

export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
  env: Record<string, string | undefined>
  /** Present only when stderr is a terminal: raw writes (no newline added) for a bar redrawn in place. */
  stderrTty?: { write: (text: string) => void; columns: number }
}

export interface Command {
  name: string
  summary: string
  help: string
  run: (args: string[], io: CliIo) => Promise<number>
}

/** A failure the user can fix; main prints its message without a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message)
  }
}

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new CliError(`atlas ${command}: ${(error as Error).message} (see atlas ${command} --help)`)
  }
}
