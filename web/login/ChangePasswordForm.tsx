// The new password a user must choose before anything else when an admin set theirs (or it expired).
import { useState, type FormEvent } from 'react'
import { changePassword, fetchCurrentUser, signIn, type SignedInUser } from '../api/client'

export function ChangePasswordForm({ onDone }: { onDone: (user: SignedInUser) => void }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const [current, next, again] = ['current', 'next', 'again'].map((name) => String(form.get(name)))
    if (next !== again) return setError('两次输入的新密码不一致')
    setBusy(true)
    setError(null)
    try {
      const username = (await fetchCurrentUser())?.username
      if (!username) throw new Error('登录已失效，请重新登录后再修改密码')
      await changePassword(current, next)
      // The change ends every session of the user, this one too: sign in again with the new password.
      onDone(await signIn(username, next))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={onSubmit}>
      <h2>请先修改密码</h2>
      <p className="login-help">
        当前密码由管理员设置或已过期，修改后才能编辑数据。新密码至少 8 个字符，包含大写字母、小写字母、数字、符号中的至少 3 种，不含用户名，不能是常见密码或最近用过的密码。
      </p>
      <label className="control">
        <span className="control-label">当前密码</span>
        <input name="current" type="password" autoComplete="current-password" required autoFocus />
      </label>
      <label className="control">
        <span className="control-label">新密码</span>
        <input name="next" type="password" autoComplete="new-password" required />
      </label>
      <label className="control">
        <span className="control-label">再次输入新密码</span>
        <input name="again" type="password" autoComplete="new-password" required />
      </label>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? '正在修改…' : '修改密码'}
      </button>
    </form>
  )
}
