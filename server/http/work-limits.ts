// The middleware of the costly routes (server/auth/work-limits.ts): counted per account, or per address when
// not signed in; past the limit a 429 naming it, with Retry-After.
import type { Context, MiddlewareHandler } from 'hono'
import { WORK, type CostlyWork } from '../auth/work-limits'
import { DomainError } from '../domain-error'
import type { AppEnv } from './env'
import { clientAddressOf } from './forwarded'

/** The middleware for a costly route: counted per account (per address when not signed in), 429 past the limit. */
export function costlyWork(work: CostlyWork): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { key, signedIn } = callerOf(c)
    const limiter = c.var.workLimiter
    const wait = limiter.take(work, key)
    if (wait > 0) {
      const { limit, words } = WORK[work]
      const allowed = limiter.limits[limit]
      c.header('Retry-After', String(wait))
      throw new DomainError(
        'rate_limited',
        `${signedIn ? '每个账户' : '未登录时每个地址'}每分钟最多${words} ${allowed} 次，请 ${wait} 秒后再试 (limit ${limit} = ${allowed} per ${signedIn ? 'account' : 'address'} and minute; retry after ${wait} s)`,
        { details: { limit, retryAfterSeconds: wait } },
      )
    }
    await next()
  }
}

function callerOf(c: Context<AppEnv>): { key: string; signedIn: boolean } {
  const user = c.var.user
  return user ? { key: `account ${user.username}`, signedIn: true } : { key: `address ${clientAddressOf(c, c.var.trustedProxies)}`, signedIn: false }
}
