// The fields of a sign-in form, on the sign-in page and in the dialog after a session ended: username,
// password, and the second factor once the server answered totp_required (the password was right).
import { ApiError } from '../api/client'

export interface CredentialFieldsProps {
  username?: string // filled in, focus on the password (signing in again)
  askCode: boolean
  error: string | null
  busy: boolean
  submitLabel: string
}

export function CredentialFields({ username, askCode, error, busy, submitLabel }: CredentialFieldsProps) {
  return (
    <>
      <label className="control">
        <span className="control-label">用户名</span>
        <input name="username" autoComplete="username" defaultValue={username} required autoFocus={username === undefined} />
      </label>
      <label className="control">
        <span className="control-label">密码</span>
        <input name="password" type="password" autoComplete="current-password" required autoFocus={username !== undefined} />
      </label>
      {askCode && (
        <label className="control">
          <span className="control-label">动态码（验证器上的 6 位数字，或一个恢复码）</span>
          <input name="totp" autoComplete="one-time-code" required autoFocus />
        </label>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? '正在登录…' : submitLabel}
      </button>
    </>
  )
}

/** Whether a failed sign-in only lacked the second factor. */
export function needsTotp(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'totp_required'
}
