// What the screen says when the server will not let it read: a private atlas (ATLAS_REQUIRE_LOGIN=1)
// opened without a screen token, or with one the server does not know (mistyped, revoked). Pure.
import { ApiError } from '../api/client'

export const TOKEN_REFUSED =
  '屏幕令牌无效或已撤销：本大屏无法读取数据。请管理员新建屏幕令牌（POST /api/screen-tokens），再以 /screen?token=<新令牌> 打开本页。'

export const TOKEN_MISSING =
  '本图集需要登录才能查看，而本页没有屏幕令牌。无人值守的大屏请让管理员新建屏幕令牌（POST /api/screen-tokens），再以 /screen?token=<令牌> 打开本页；或先在本浏览器 /login 登录。'

/** The message for a refusal the screen cannot get past by retrying (401); null for any other failure. */
export function accessProblemOf(error: unknown, tokenGiven: boolean): string | null {
  if (!(error instanceof ApiError) || error.status !== 401) return null
  return tokenGiven ? TOKEN_REFUSED : TOKEN_MISSING
}

/** Whether the page's URL names a token at all (a malformed one counts: it is still the wrong token). */
export function tokenGivenIn(search: string): boolean {
  return new URLSearchParams(search).has('token')
}
