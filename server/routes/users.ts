import { Hono } from 'hono'
import { DomainError } from '../domain-error'
import { z } from 'zod'
import { assertPasswordAllowed } from '../auth/new-password'
import { hashPassword } from '../auth/passwords'
import { isLastActiveAdmin } from '../auth/roles'
import { ROLES } from '../shared/roles'
import { publicUser } from '../db/store'
import type { AppEnv } from '../http/env'
import { areaCodeParam } from '../http/params'
import { requireAdmin } from '../http/session'
import { validated } from '../http/validate'
import { plainText } from '../text/plain-text'

const newUserBody = z.object({
  username: plainText(z.string().trim()).regex(/^[\p{L}\p{N}_.-]{2,64}$/u, 'expected 2–64 letters, digits, _ . or -'),
  password: z.string().max(256),
  role: z.enum(ROLES),
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

export const userRoutes = new Hono<AppEnv>()
  .use(requireAdmin)
  .get('/', (c) => c.json({ users: c.var.store.accounts.listUsers().map(publicUser) }, 200))
  .post('/', validated('json', newUserBody), (c) => {
    const body = c.req.valid('json')
    const accounts = c.var.store.accounts
    if (accounts.userByName(body.username)) throw new DomainError('conflict', `username: ${body.username} already exists`)
    assertPasswordAllowed(accounts, body.password, { id: null, username: body.username }, c.var.passwordPolicy)
    if (body.areaScope !== null && !c.var.store.snapshot().areasByCode.has(body.areaScope)) {
      throw new DomainError('invalid', `areaScope: ${body.areaScope} is not an area in the store`)
    }
    const user = accounts.createUser(
      // The admin chose it: the user changes it at the first sign-in.
      { username: body.username, passwordHash: hashPassword(body.password, c.var.cryptoSuite), role: body.role, areaScope: body.areaScope, mustChangePassword: true },
      c.var.user?.username ?? 'unknown',
    )
    return c.json({ user: publicUser(user) }, 201)
  })
  .patch('/:id', validated('param', idParam), validated('json', userChange), (c) => {
    const { id } = c.req.valid('param')
    const { password, ...change } = c.req.valid('json')
    const accounts = c.var.store.accounts
    const user = accounts.listUsers().find((u) => u.id === id)
    if (!user) throw new DomainError('not_found', `user ${id} does not exist`)
    if (change.areaScope && !c.var.store.snapshot().areasByCode.has(change.areaScope)) {
      throw new DomainError('invalid', `areaScope: ${change.areaScope} is not an area in the store`)
    }
    if (password !== undefined) assertPasswordAllowed(accounts, password, user, c.var.passwordPolicy)
    const losesAdmin = (change.role !== undefined && change.role !== 'admin') || change.disabled === true
    if (losesAdmin && isLastActiveAdmin(accounts.listUsers(), user.id)) {
      throw new DomainError('conflict', `user ${user.username} is the last active admin; make another admin first`)
    }
    const updated = accounts.updateUser(
      id,
      // A reset is the admin's choice too: changed at the next sign-in.
      { ...change, ...(password !== undefined ? { passwordHash: hashPassword(password, c.var.cryptoSuite), mustChangePassword: true } : {}) },
      c.var.user?.username ?? 'unknown',
    )
    return c.json({ user: publicUser(updated) }, 200)
  })
