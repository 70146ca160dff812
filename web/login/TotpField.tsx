// The second step of signing in to an account with two-step verification: shown once the server answered
// totp_required (the password was right), on the sign-in page and in the dialog after a session ended.
import { ApiError } from '../api/client'

export function TotpField() {
  return (
    <label className="control">
      <span className="control-label">动态码（验证器上的 6 位数字，或一个恢复码）</span>
      <input name="totp" autoComplete="one-time-code" required autoFocus />
    </label>
  )
}

/** Whether a failed sign-in only lacked the second factor. */
export function needsTotp(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'totp_required'
}
