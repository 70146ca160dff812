// 身份鉴别 (GB/T 22239-2019 8.1.4.1 b): when a session ends before its absolute lifetime. Pure: the store
// keeps the session, these decide.
import type { SessionEnd, SessionRecord } from '../db/store'

export interface SessionPolicy {
  idleMinutes: number // 30 (ATLAS_SESSION_IDLE_MINUTES; fractions allowed): a session without a request for this long ends
  singleSession: boolean // false (ATLAS_SINGLE_SESSION): a new sign-in ends the account's other sessions
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, singleSession: false }

/** Why the session has ended at `now` ('idle' when its last activity is older than the idle time), or null. */
export function sessionEnd(session: Pick<SessionRecord, 'lastSeenAt' | 'ended'>, now: Date, policy: SessionPolicy): SessionEnd | null {
  if (session.ended) return session.ended
  return now.getTime() - Date.parse(session.lastSeenAt) > idleMs(policy) ? 'idle' : null
}

/**
 * Whether this request should be written down as the session's last activity. Writing on every request would
 * put a database write on every read a busy user makes; writing at most every tenth of the idle time (and at
 * most once a minute) costs one write a minute per active session, and ends an idle session at most a tenth
 * early: the activity not written down is never older than that.
 */
export function isActivityWorthRecording(lastSeenAt: string, now: Date, policy: SessionPolicy): boolean {
  return now.getTime() - Date.parse(lastSeenAt) >= Math.min(60_000, idleMs(policy) / 10)
}

/** The message of the 401 a request on an ended session gets. */
export function sessionEndMessage(reason: SessionEnd, policy: SessionPolicy): string {
  return reason === 'idle'
    ? `已因 ${policy.idleMinutes} 分钟无操作退出登录 (signed out after ${policy.idleMinutes} minutes without activity)`
    : '已在其他地方登录，本会话已结束 (signed out: this account signed in elsewhere)'
}

function idleMs(policy: SessionPolicy): number {
  return policy.idleMinutes * 60_000
}
