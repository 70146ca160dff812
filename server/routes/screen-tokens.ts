// Read-only tokens for unattended displays (a lobby screen with no one to sign in). Admins create one,
// see it once, and revoke it; a display sends it as `Authorization: Bearer <token>` or `?token=<token>`
// and may then read (even with ATLAS_REQUIRE_LOGIN=1) but never write. Sensitive units stay redacted.
import { DomainError } from '../domain-error'
import { Hono } from 'hono'
import { z } from 'zod'
import { plainText } from '../text/plain-text'
import { newToken, tokenHash } from '../auth/tokens'
import { SCREEN_TOKEN_ID_LENGTH } from '../db/store'
import type { AppEnv } from '../http/env'
import { requireAdmin } from '../http/session'
import { validated } from '../http/validate'

const newTokenBody = z.object({
  label: plainText(z.string().trim().min(1, 'expected a label naming the display, e.g. 一楼大厅').max(60, 'expected at most 60 characters')),
})

const tokenIdParam = z.object({
  id: z.string().regex(new RegExp(`^[\\w-]{${SCREEN_TOKEN_ID_LENGTH}}$`), `expected a token id of ${SCREEN_TOKEN_ID_LENGTH} characters`),
})

export const screenTokenRoutes = new Hono<AppEnv>()
  .use(requireAdmin)
  .get('/', (c) => c.json({ tokens: c.var.store.screenTokens.list() }, 200))
  .post('/', validated('json', newTokenBody), (c) => {
    const { label } = c.req.valid('json')
    const token = newToken()
    const record = c.var.store.screenTokens.create(tokenHash(token), label, c.var.user?.username ?? 'unknown')
    c.header('Cache-Control', 'no-store')
    // The only time the token is shown: the store keeps its hash.
    return c.json({ token, screenToken: record }, 201)
  })
  .delete('/:id', validated('param', tokenIdParam), (c) => {
    const { id } = c.req.valid('param')
    const revoked = c.var.store.screenTokens.revoke(id, c.var.user?.username ?? 'unknown')
    if (!revoked) throw new DomainError('not_found', `screen token ${id} does not exist`)
    return c.json({ screenToken: revoked }, 200)
  })
