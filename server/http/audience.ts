// The audience of each request, decided once from who is asking (server/shared/audience.ts holds the rule).
import type { MiddlewareHandler } from 'hono'
import { audienceOf, type Audience } from '../shared/audience'
import type { AppEnv } from './env'
import { screenTokenOf } from './session'

/**
 * Sets c.get('audience') (and c.get('publicAudience'), the anonymous one). Runs after requireLoginForReads, which has refused unknown screen tokens: a caller
 * with no user that still carries a token is a live screen token.
 */
export function resolveAudience(sensitiveCategories?: readonly string[]): MiddlewareHandler<AppEnv> {
  const audiences: Record<Exclude<Audience['kind'], 'signed-in'>, Audience> = {
    'anonymous': audienceOf('anonymous', sensitiveCategories),
    'screen-token': audienceOf('screen-token', sensitiveCategories),
  }
  return async (c, next) => {
    const user = c.get('user')
    c.set('audience', user ? audienceOf('signed-in', sensitiveCategories, user) : audiences[screenTokenOf(c) !== null ? 'screen-token' : 'anonymous'])
    c.set('publicAudience', audiences.anonymous)
    await next()
  }
}
