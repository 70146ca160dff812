// Render credentials: what an export job's headless Chromium sends so that /export draws what the
// requesting user may see. One per job, issued when the job starts and revoked when it ends; held only
// in this process's memory (Chromium calls the app that issued it), only as a hash, and only for reads:
// the user it resolves to carries `readOnly`, which every write guard refuses (server/http/session.ts).
import type { SessionUser } from './roles'
import { newToken, tokenHash } from './tokens'

export interface RenderTokenOptions {
  ttlMs?: number // 600 000: a grant outlives its job by at most this long, even if revoke() were never called
}

/** A job's credential: the token for its page, and revoke() to end it when the job ends. */
export interface RenderGrant {
  token: string
  revoke(): void
}

interface Entry {
  userId: number
  username: string
  expiresAt: number // ms epoch
}

export class RenderTokens {
  private readonly entries = new Map<string, Entry>() // by token hash
  private readonly ttlMs: number

  constructor({ ttlMs = 600_000 }: RenderTokenOptions = {}) {
    this.ttlMs = ttlMs
  }

  /** A fresh token that reads as `user` until `at` + ttl, or until revoked. */
  issue(user: Pick<SessionUser, 'id' | 'username'>, at: Date): RenderGrant {
    this.forgetExpired(at.getTime())
    const token = newToken()
    const hash = tokenHash(token)
    this.entries.set(hash, { userId: user.id, username: user.username, expiresAt: at.getTime() + this.ttlMs })
    return { token, revoke: () => void this.entries.delete(hash) }
  }

  /** The user a live, unexpired token stands for (by id and name, to be looked up afresh); null otherwise. */
  holderOf(token: string, at: Date): { userId: number; username: string } | null {
    if (token.length > 256) return null
    const entry = this.entries.get(tokenHash(token))
    if (!entry) return null
    if (at.getTime() >= entry.expiresAt) {
      this.entries.delete(tokenHash(token))
      return null
    }
    return { userId: entry.userId, username: entry.username }
  }

  /** How many grants are live (for tests: a finished job leaves none behind). */
  get size(): number {
    return this.entries.size
  }

  private forgetExpired(now: number): void {
    for (const [hash, entry] of this.entries) if (now >= entry.expiresAt) this.entries.delete(hash)
  }
}
