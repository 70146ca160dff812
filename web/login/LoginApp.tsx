// Sign-in for editors and admins. Reading the atlas needs no account unless the server requires one.
import { ROLE_NAMES } from '../../server/shared/roles'
import { useState, type FormEvent } from 'react'
import { fetchCurrentUser, signIn, signOut, type SignedInUser } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { ChangePasswordForm } from './ChangePasswordForm'
import { nextPathOf } from './next-path'
import { CredentialFields, needsTotp } from './CredentialFields'

export function LoginApp() {
  const current = useAsyncValue(fetchCurrentUser, [])
  const [user, setUser] = useState<SignedInUser | null | undefined>(undefined)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // The account has a second factor: the password was right, and the form now also asks for the code.
  const [askCode, setAskCode] = useState(false)
  const shown = user === undefined ? current.value : user
  const goOn = () => window.location.assign(nextPathOf(window.location.search))

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setBusy(true)
    setError(null)
    try {
      const signedIn = await signIn(String(form.get('username')), String(form.get('password')), form.get('totp')?.toString())
      if (signedIn.mustChangePassword) {
        setUser(signedIn)
        setBusy(false)
      } else if (signedIn.mustEnrolTotp) {
        window.location.assign('/account')
      } else {
        goOn()
      }
    } catch (e) {
      if (needsTotp(e)) {
        setAskCode(true)
        setError(null)
      } else {
        setError(e instanceof Error ? e.message : String(e))
      }
      setBusy(false)
    }
  }

  async function onSignOut() {
    await signOut()
    setUser(null)
  }

  return (
    <div className="app login-page">
      <main className="card login-card">
        <h1>民族团结进步创建地图 · 登录</h1>
        {shown?.mustChangePassword ? (
          <ChangePasswordForm onDone={goOn} />
        ) : shown ? (
          <>
            <p>
              已登录：<strong>{shown.username}</strong>（{ROLE_NAMES[shown.role]}
              {shown.areaScope ? ` · 范围 ${shown.areaScope}` : ''}）
            </p>
            <p>
              <a href="/">返回地图</a> · <button onClick={onSignOut}>退出登录</button>
            </p>
          </>
        ) : (
          <form onSubmit={onSubmit}>
            <CredentialFields askCode={askCode} error={error} busy={busy} submitLabel="登录" />
            <p className="login-help">查看地图无需登录；编辑数据需要编辑员或管理员账号。首次启动时管理员账号为 admin，密码见服务器启动日志或 ATLAS_ADMIN_PASSWORD。</p>
          </form>
        )}
      </main>
    </div>
  )
}
