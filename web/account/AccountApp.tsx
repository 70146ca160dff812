// /account: the signed-in user's own account. Two-step verification: set up by scanning a QR code and typing
// the code the app shows (ten recovery codes are shown this once), or turned off with the password and a code.
// An account ATLAS_MFA requires a second factor of is sent here after signing in, and may edit nothing else first.
import { useState, type FormEvent } from 'react'
import { disableTotp, enableTotp, fetchCurrentUser, fetchTotpStatus, setupTotp, type TotpSetup } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { LedgerHeader } from '../panels/LedgerHeader'
import './account.css'

export function AccountApp() {
  const user = useAsyncValue(fetchCurrentUser, []).value
  const [version, setVersion] = useState(0)
  const status = useAsyncValue(fetchTotpStatus, [version])
  const [setup, setSetup] = useState<TotpSetup | null>(null)
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function run(work: () => Promise<void>) {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  const onEnable = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const code = String(new FormData(event.currentTarget).get('code'))
    void run(async () => {
      setRecoveryCodes(await enableTotp(code))
      setSetup(null)
      setVersion((v) => v + 1)
    })
  }

  const onDisable = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    void run(async () => {
      await disableTotp(String(form.get('password')), String(form.get('code')))
      setRecoveryCodes(null)
      setVersion((v) => v + 1)
    })
  }

  if (user === null) {
    return (
      <div className="account-page">
        <LedgerHeader title="我的账户" here="/account" user={user} />
        <p className="account-card">请先<a href="/login?next=/account">登录</a>。</p>
      </div>
    )
  }

  return (
    <div className="account-page">
      <LedgerHeader title="我的账户" here="/account" user={user} />
      <section className="account-card" data-testid="totp-card">
        <h2>两步验证</h2>
        {user?.mustEnrolTotp && (
          <p className="account-notice" role="status">
            此账户必须启用两步验证（ATLAS_MFA）后才能编辑数据。
          </p>
        )}
        {error && (
          <p className="account-notice account-error" role="alert">
            {error}
          </p>
        )}
        {recoveryCodes && (
          <div className="account-recovery" data-testid="recovery-codes">
            <p>
              <strong>两步验证已启用。</strong>以下 {recoveryCodes.length} 个恢复码在手机不在身边时代替动态码登录，每个只能用一次，
              <strong>只显示这一次</strong>：请抄下或打印后妥善保管。
            </p>
            <ol>
              {recoveryCodes.map((code) => (
                <li key={code}>
                  <code>{code}</code>
                </li>
              ))}
            </ol>
          </div>
        )}
        {status.value?.enabled ? (
          <>
            <p>已启用。登录时除密码外还需输入验证器上的 6 位动态码；剩余恢复码 {status.value.recoveryCodesLeft} 个。</p>
            <form onSubmit={onDisable} className="account-form">
              <h3>停用两步验证</h3>
              <label className="control">
                <span className="control-label">密码</span>
                <input name="password" type="password" autoComplete="current-password" required />
              </label>
              <label className="control">
                <span className="control-label">动态码或恢复码</span>
                <input name="code" autoComplete="one-time-code" required />
              </label>
              <button type="submit" disabled={busy}>
                停用
              </button>
            </form>
          </>
        ) : setup ? (
          <form onSubmit={onEnable} className="account-form">
            <p>1. 用手机上的验证器（如 Microsoft Authenticator、Google 身份验证器、FreeOTP）扫描二维码：</p>
            {/* The SVG is the server's own, made from the otpauth URL by the qrcode library: no user text in it. */}
            <div className="account-qr" data-testid="totp-qr" dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
            <p>
              无法扫码时手动输入密钥：<code data-testid="totp-secret">{setup.secret}</code>
            </p>
            <label className="control">
              <span className="control-label">2. 输入验证器显示的 6 位动态码</span>
              <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required autoFocus />
            </label>
            <button type="submit" disabled={busy}>
              启用两步验证
            </button>
          </form>
        ) : (
          <>
            <p>未启用。启用后，登录时除密码外还需输入手机验证器上每 30 秒变化的 6 位动态码。</p>
            <button disabled={busy || !user} onClick={() => void run(async () => setSetup(await setupTotp()))}>
              设置两步验证
            </button>
          </>
        )}
      </section>
    </div>
  )
}
