// The page's credential (web/api/client.ts) and what the screen says when the server refuses it.
import { afterEach, describe, expect, test, vi } from 'vitest'
import { ApiError, fetchCoverageIfChanged, fetchSchemes, setApiToken, tokenParamOf } from '../../../web/api/client'
import { accessProblemOf, TOKEN_MISSING, TOKEN_REFUSED, tokenGivenIn } from '../../../web/screen/screen-access'

/** Replaces fetch with one that records each request's headers and answers `status` with `body`. */
function recordFetch(status = 200, body: unknown = { schemes: [] }) {
  const seen: Headers[] = []
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    seen.push(new Headers(init.headers))
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
  return seen
}

afterEach(() => {
  setApiToken(null)
  vi.unstubAllGlobals()
})

describe('the page credential', () => {
  test('setApiToken sends Authorization: Bearer with every request, beside the request’s own headers', async () => {
    const seen = recordFetch(200, { scheme: null, areas: [] })
    await fetchSchemes()
    expect(seen[0].get('authorization')).toBeNull()
    setApiToken('AbC_12-xyz')
    await fetchSchemes()
    await fetchCoverageIfChanged({ level: 'county', scheme: 'qijin', minLevel: '县级', year: 2026 }, '"etag-1"')
    expect(seen[1].get('authorization')).toBe('Bearer AbC_12-xyz')
    expect(seen[2].get('authorization')).toBe('Bearer AbC_12-xyz')
    expect(seen[2].get('if-none-match')).toBe('"etag-1"')
    setApiToken(null)
    await fetchSchemes()
    expect(seen[3].get('authorization')).toBeNull()
  })

  test('tokenParamOf reads ?token= and refuses what could not be a header value', () => {
    expect(tokenParamOf('?profile=hall&token=AbC_12-xyz')).toBe('AbC_12-xyz')
    expect(tokenParamOf('?token=%20AbC%20')).toBe('AbC')
    expect(tokenParamOf('?profile=hall')).toBeNull()
    expect(tokenParamOf('?token=')).toBeNull()
    expect(tokenParamOf('?token=%E4%BB%A4%E7%89%8C')).toBeNull()
    expect(tokenParamOf(`?token=${'a'.repeat(257)}`)).toBeNull()
  })
})

describe('the screen’s access message', () => {
  test('a 401 says the token is invalid or revoked when one was given, and that one is needed when not', () => {
    const refused = new ApiError(401, 'bad_token', 'x')
    expect(accessProblemOf(refused, true)).toBe(TOKEN_REFUSED)
    expect(TOKEN_REFUSED).toMatch(/^屏幕令牌无效或已撤销/)
    expect(TOKEN_REFUSED).toContain('/screen?token=')
    expect(accessProblemOf(new ApiError(401, 'unauthorized', 'x'), false)).toBe(TOKEN_MISSING)
    expect(TOKEN_MISSING).toContain('/screen?token=')
  })

  test('other failures are not access problems: the screen keeps retrying as before', () => {
    expect(accessProblemOf(new ApiError(500, 'internal', 'x'), true)).toBeNull()
    expect(accessProblemOf(new ApiError(403, 'forbidden', 'x'), true)).toBeNull()
    expect(accessProblemOf(new TypeError('Failed to fetch'), true)).toBeNull()
    expect(accessProblemOf(null, false)).toBeNull()
  })

  test('a malformed token still counts as given', () => {
    expect(tokenGivenIn('?token=%E4%BB%A4')).toBe(true)
    expect(tokenGivenIn('?profile=hall')).toBe(false)
  })
})
