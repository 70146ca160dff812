// Accounts unused for a while are disabled (等保 访问控制: 及时删除或停用多余的、过期的账户), checked when one
// signs in again: ATLAS_ACCOUNT_IDLE_DAYS, 0 = off. The last active admin is never disabled this way: an atlas
// nobody can administer is worse than an old admin account, and its sign-in is audited like any other.

const DAY_MS = 86_400_000

/** Whether an account last used at `lastUsed` (its last sign-in, or its creation) is past `idleDays` at `now`. */
export function isAccountIdle(lastUsed: string, now: Date, idleDays: number): boolean {
  return idleDays > 0 && now.getTime() - Date.parse(lastUsed) > idleDays * DAY_MS
}
