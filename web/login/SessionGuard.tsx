// Over any editing page: a dialog when the session ended (idle time-out, signed in elsewhere) or the password
// must be changed first. The page stays mounted under it, so what the user was typing is still in its form
// after signing in again, ready to be saved.
import { useEffect, useState, type FormEvent } from 'react'
import { fetchCurrentUser, onSessionNotice, signIn, type SessionNotice, type SignedInUser } from '../api/client'
import { ChangePasswordForm } from './ChangePasswordForm'
import { CredentialFields, needsTotp } from './CredentialFields'

export function SessionGuard() {
  const [notice, setNotice] = useState<SessionNotice | null>(null)
  const [username, setUsername] = useState('')

  useEffect(() => {
    const unsubscribe = onSessionNotice(setNotice)
    fetchCurrentUser().then(
      (user) => {
        if (user) setUsername(user.username)
        if (user?.mustChangePassword) setNotice({ kind: 'password_change_required' })
      },
      () => {}, // an ended session has already been announced through onSessionNotice
    )
    return unsubscribe
  }, [])

  if (!notice) return null
  const done = (user: SignedInUser) => setNotice(user.mustChangePassword ? { kind: 'password_change_required' } : null)
  return (
    <div className="session-overlay" role="dialog" aria-modal="true">
      <main className="card login-card">
        {notice.kind === 'password_change_required' ? (
          <ChangePasswordForm onDone={done} />
        ) : (
          <SignInAgain reason={endedReason(notice)} username={username} onDone={done} />
        )}
      </main>
    </div>
  )
}

function endedReason(notice: Exclude<SessionNotice, { kind: 'password_change_required' }>): string {
  if (notice.kind === 'session_replaced') return '已在其他地方登录，本页已退出登录'
  return notice.idleMinutes === null ? '已因长时间无操作退出登录' : `已因 ${notice.idleMinutes} 分钟无操作退出登录`
}

function SignInAgain({ reason, username, onDone }: { reason: string; username: string; onDone: (user: SignedInUser) => void }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [askCode, setAskCode] = useState(false)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setBusy(true)
    setError(null)
    try {
      onDone(await signIn(String(form.get('username')), String(form.get('password')), form.get('totp')?.toString()))
    } catch (e) {
      if (needsTotp(e)) setAskCode(true)
      else setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={onSubmit}>
      <h2>{reason}</h2>
      <p className="login-help">页面上尚未保存的内容仍然保留；重新登录后再保存即可。</p>
      <CredentialFields username={username} askCode={askCode} error={error} busy={busy} submitLabel="重新登录" />
    </form>
  )
}
