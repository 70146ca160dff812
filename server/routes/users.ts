import { Hono, type Context } from 'hono'
import { DomainError } from '../domain-error'
import { z } from 'zod'
import { assertPasswordAllowed } from '../auth/new-password'
import { hashPassword } from '../auth/passwords'
import { accountChangeRefusal, type AccountChange } from '../auth/duties'
import type { SessionUser } from '../auth/roles'
import { ROLES } from '../shared/roles'
import { publicUser, type UserRecord } from '../db/store'
import type { AppEnv } from '../http/env'
import { areaCodeParam } from '../http/params'
import { requireDuty } from '../http/session'
import { validated } from '../http/validate'
import { plainText } from '../text/plain-text'

const newUserBody = z.object({
  username: plainText(z.string().trim()).regex(/^[\p{L}\p{N}_.-]{2,64}$/u, 'expected 2–64 letters, digits, _ . or -'),
  password: z.string().max(256),
  role: z.enum(ROLES).default('viewer'),
  areaScope: areaCodeParam.nullable().default(null),
})

const userChange = z
  .object({
    role: z.enum(ROLES),
    areaScope: areaCodeParam.nullable(),
    disabled: z.boolean(),
    password: z.string().max(256),
  })
  .partial()

const idParam = z.object({ id: z.coerce.number().int().positive('expected a user id') })

/** Throws the 403/409 of accountChangeRefusal: every account write goes through this one rule. */
function assertAccountChange(c: Context<AppEnv>, target: UserRecord | null, change: AccountChange): SessionUser {
  const actor = c.var.user as SessionUser // requireDuty let only a signed-in user through
  const refusal = accountChangeRefusal(actor, target, change, c.var.store.accounts.listUsers(), c.var.separationOfDuties)
  if (refusal) throw new DomainError(refusal.kind, refusal.message)
  return actor
}

function assertAreaExists(c: Context<AppEnv>, areaScope: string | null | undefined): void {
  if (areaScope && !c.var.store.snapshot().areasByCode.has(areaScope)) {
    throw new DomainError('invalid', `areaScope: ${areaScope} is not an area in the store`)
  }
}

export const userRoutes = new Hono<AppEnv>()
  .use(requireDuty('accounts', 'roles'))
  .get('/', (c) => c.json({ users: c.var.store.accounts.listUsers().map(publicUser) }, 200))
  .post('/', validated('json', newUserBody), (c) => {
    const body = c.req.valid('json')
    const accounts = c.var.store.accounts
    const actor = assertAccountChange(c, null, { role: body.role, areaScope: body.areaScope, password: true })
    if (accounts.userByName(body.username)) throw new DomainError('conflict', `username: ${body.username} already exists`)
    assertPasswordAllowed(accounts, body.password, { id: null, username: body.username }, c.var.passwordPolicy)
    assertAreaExists(c, body.areaScope)
    const user = accounts.createUser(
      // The admin chose it: the user changes it at the first sign-in.
      { username: body.username, passwordHash: hashPassword(body.password, c.var.cryptoSuite), role: body.role, areaScope: body.areaScope, mustChangePassword: true },
      actor.username,
    )
    return c.json({ user: publicUser(user) }, 201)
  })
  .patch('/:id', validated('param', idParam), validated('json', userChange), (c) => {
    const { id } = c.req.valid('param')
    const { password, ...change } = c.req.valid('json')
    const accounts = c.var.store.accounts
    const user = accounts.listUsers().find((u) => u.id === id)
    if (!user) throw new DomainError('not_found', `user ${id} does not exist`)
    const actor = assertAccountChange(c, user, { ...change, ...(password !== undefined ? { password: true } : {}) })
    assertAreaExists(c, change.areaScope)
    if (password !== undefined) assertPasswordAllowed(accounts, password, user, c.var.passwordPolicy)
    const updated = accounts.updateUser(
      id,
      // A reset is the admin's choice too: changed at the next sign-in.
      { ...change, ...(password !== undefined ? { passwordHash: hashPassword(password, c.var.cryptoSuite), mustChangePassword: true } : {}) },
      actor.username,
    )
    return c.json({ user: publicUser(updated) }, 200)
  })
