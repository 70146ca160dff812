// `atlas <command>`: dispatches to one command module per verb.
import { CliError, HelpRequested, type CliIo, type Command } from './command'
import { auditCommand } from './commands/audit'
import { backupCommand } from './commands/backup'
import { briefCommand } from './commands/brief'
import { coverageCommand } from './commands/coverage'
import { digestCommand } from './commands/digest'
import { exportCommand } from './commands/export'
import { exportUnitsCommand } from './commands/export-units'
import { geodataCommand } from './commands/geodata'
import { importCommand } from './commands/import'
import { initCommand } from './commands/init'
import { planCommand } from './commands/plan'
import { resetPasswordCommand } from './commands/reset-password'
import { copyStoreCommand } from './commands/copy-store'
import { migrateCommand } from './commands/migrate'
import { restoreCommand } from './commands/restore'
import { terminalSecretReader } from './secret-prompt'

export const COMMANDS: readonly Command[] = [
  initCommand,
  coverageCommand,
  digestCommand,
  geodataCommand,
  importCommand,
  planCommand,
  exportCommand,
  briefCommand,
  exportUnitsCommand,
  backupCommand,
  restoreCommand,
  auditCommand,
  resetPasswordCommand,
  migrateCommand,
  copyStoreCommand,
]

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'Usage: atlas <command> [options]   (atlas <command> --help for details)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Environment: ATLAS_DATA_DIR (./data) holds the store; ATLAS_DEMO=0 starts it empty (built-in schemes only), ATLAS_DEMO=boundaries with the real boundaries and no units, ATLAS_DEMO=national with the whole country and ATLAS_DEMO_UNITS (20000) sample units.',
    '',
  ].join('\n')
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage())
    return name === undefined ? 2 : 0
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.err(`atlas: unknown command "${name}" (expected one of: ${COMMANDS.map((c) => c.name).join(', ')})\n`)
    return 2
  }
  try {
    return await command.run(args, io)
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.out(error.help)
      return 0
    }
    if (error instanceof CliError) {
      io.err(`${error.message}\n`)
      return error.exitCode
    }
    io.err(`atlas ${name} failed: ${(error as Error).stack ?? String(error)}\n`)
    return 1
  }
}

/** Runs the CLI on this process's arguments and sets its exit code. */
export async function runFromProcess(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    env: process.env,
    // A progress bar only for a person at a terminal: a pipe or a file gets plain lines, never escape codes.
    ...(process.stdin.isTTY ? { readSecret: terminalSecretReader(process.stdin, process.stderr) } : {}),
    ...(process.stderr.isTTY ? { stderrTty: { write: (t: string) => void process.stderr.write(t), columns: process.stderr.columns || 80 } } : {}),
  })
}
