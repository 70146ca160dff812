// What every CLI command is: a name, a help text and a run function that returns the exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util'

export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
  env: Record<string, string | undefined>
  /** Present only when stderr is a terminal: raw writes (no newline added) for a bar redrawn in place. */
  stderrTty?: { write: (text: string) => void; columns: number }
  /** Present only when stdin is a terminal: asks for a secret without echoing it. */
  readSecret?: (prompt: string) => Promise<string>
}

export interface Command {
  name: string
  summary: string
  help: string
  run: (args: string[], io: CliIo) => Promise<number>
}

export function command(name: string, summary: string, help: string, run: Command['run']): Command {
  return { name, summary, help, run }
}

/** A failure the user can fix; main prints its message without a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message)
  }
}

/** Asked for with -h or --help: runCli prints `help` and exits 0. */
export class HelpRequested extends Error {
  constructor(readonly help: string) {
    super('help requested')
  }
}

/**
 * `args` read against `options`, plus -h/--help, which every command takes: it stops the command here
 * (HelpRequested) with `command.help`, so no command handles it itself.
 */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, command: { name: string; help: string }) {
  let parsed
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
  } catch (error) {
    throw new CliError(`atlas ${command.name}: ${(error as Error).message} (see atlas ${command.name} --help)`)
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested(command.help)
  return parsed
}
