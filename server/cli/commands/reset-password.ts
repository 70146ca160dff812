// atlas reset-password USER: the way back in for an account whose password is lost, run on the server by whoever
// operates it. Under 三员分立 it is the only way to reset an administrator's password: through the app, whoever
// set it could sign in as them (server/auth/duties.ts).
import { hashPassword, randomPassword } from '../../auth/passwords'
import { readConfig } from '../../config'
import { CliError, command, parseOptions } from '../command'
import { withExistingStore } from '../existing-store'

const HELP = `Usage: atlas reset-password USER [--enable]

Gives USER, an account of the store in ATLAS_DATA_DIR (./data), a new random password, prints it once and ends
the account's sessions. The password must be changed at the next sign-in. The reset is written to the audit
trail as done by "cli:<operating-system user>". Works on a running atlas too.

Options:
  --enable             also enable the account if it was disabled (by an admin, or after ATLAS_ACCOUNT_IDLE_DAYS)
  -h, --help           show this help

Example: atlas reset-password auditor
`

export const resetPasswordCommand = command('reset-password', "give an account a new random password, printed once (on the server)", HELP, async (args, io) => {
  const { values, positionals } = parseOptions(args, { enable: { type: 'boolean' } }, { name: 'reset-password', help: HELP })
  const [username, ...extra] = positionals
  if (username === undefined) throw new CliError('atlas reset-password: name the account (see atlas reset-password --help)')
  if (extra.length > 0) throw new CliError(`atlas reset-password: unexpected arguments ${extra.join(' ')} (one account at a time)`)
  const config = readConfig(io.env)
  return withExistingStore(config, 'reset-password', (store) => {
    const user = store.accounts.userByName(username)
    if (!user) {
      const names = store.accounts.listUsers().map((u) => u.username)
      throw new CliError(`atlas reset-password: there is no account "${username}" (the store has: ${names.join(', ')})`, 1)
    }
    const password = randomPassword()
    const actor = `cli:${io.env.USER ?? io.env.LOGNAME ?? 'unknown'}`
    store.accounts.updateUser(
      user.id,
      { passwordHash: hashPassword(password, config.crypto), mustChangePassword: true, ...(values.enable ? { disabled: false } : {}) },
      actor,
    )
    store.accounts.deleteSessionsOf(user.id)
    const enabled = values.enable && user.disabled ? '; the account is enabled again' : user.disabled ? '; the account stays disabled (--enable enables it)' : ''
    io.out(`New password of ${user.username} (${user.role}): ${password}\nShown only now; it must be changed at the next sign-in${enabled}.\n`)
    return 0
  })
})
