// /api/auth/totp: a signed-in user enrols a second factor (setup → a secret and its QR code; enable with a
// code from the app → ten recovery codes, shown once), sees whether it is on, and turns it off with the
// password and a code. Sign-in then asks for it (server/routes/auth.ts).
import { Hono, type Context } from 'hono'
import QRCode from 'qrcode'
import { z } from 'zod'
import { verifyPassword } from '../auth/passwords'
import type { SessionUser } from '../auth/roles'
import { checkSecondFactor } from '../auth/second-factor'
import { newRecoveryCodes, newTotpSecret, otpauthUrl, recoveryCodeHash, totpStep } from '../auth/totp'
import { DomainError } from '../domain-error'
import type { AppEnv } from '../http/env'
import { validated } from '../http/validate'

const enableBody = z.object({ code: z.string().trim().min(1, 'expected the 6-digit code the authenticator app shows').max(32) })
const disableBody = z.object({
  password: z.string().min(1, 'expected the account password').max(256),
  code: z.string().trim().min(1, 'expected a code from the authenticator app, or a recovery code').max(32),
})

function signedIn(c: Context<AppEnv>): SessionUser {
  const user = c.var.user
  if (!user || user.readOnly) throw new DomainError('unauthorized', '需要登录 (sign in to manage two-step verification)')
  return user
}

export const totpRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    const user = signedIn(c)
    const factors = c.var.store.secondFactors
    const enabled = factors.totp(user.id)?.enabled ?? false
    return c.json({ enabled, recoveryCodesLeft: enabled ? factors.recoveryCodesLeft(user.id) : 0 }, 200)
  })
  .post('/setup', async (c) => {
    const user = signedIn(c)
    const factors = c.var.store.secondFactors
    if (factors.totp(user.id)?.enabled) {
      throw new DomainError('conflict', '两步验证已启用；如需更换验证器，请先停用 (two-step verification is on: turn it off before setting up another authenticator)')
    }
    const secret = newTotpSecret()
    factors.startTotp(user.id, secret)
    const url = otpauthUrl(secret, user.username)
    return c.json({ secret, otpauthUrl: url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) }, 200)
  })
  .post('/enable', validated('json', enableBody), (c) => {
    const user = signedIn(c)
    const factors = c.var.store.secondFactors
    const totp = factors.totp(user.id)
    if (!totp) throw new DomainError('conflict', '请先获取二维码并用验证器扫描 (POST /api/auth/totp/setup first)')
    if (totp.enabled) throw new DomainError('conflict', '两步验证已启用 (two-step verification is already on)')
    const { code } = c.req.valid('json')
    const step = totpStep(totp.secret, code, c.var.now().getTime())
    if (step === null) {
      throw new DomainError('invalid', `code: ${code} 不是验证器当前显示的动态码 (expected the 6 digits the app shows now; if it is, check that the phone's clock is right)`)
    }
    const recoveryCodes = newRecoveryCodes()
    factors.enableTotp(user.id, step, recoveryCodes.map(recoveryCodeHash), user.username)
    return c.json({ enabled: true, recoveryCodes }, 200)
  })
  .post('/disable', validated('json', disableBody), (c) => {
    const user = signedIn(c)
    const { password, code } = c.req.valid('json')
    const record = c.var.store.accounts.userByName(user.username)
    if (!record || !verifyPassword(password, record.passwordHash)) throw new DomainError('forbidden', 'password: 密码不正确 (the password is wrong)', { code: 'bad_credentials' })
    const check = checkSecondFactor(c.var.store.secondFactors, user.id, code, c.var.now().getTime())
    if (check === 'none-needed') throw new DomainError('conflict', '两步验证未启用 (two-step verification is not on)')
    if (check !== 'accepted') throw new DomainError('forbidden', `code: ${check === 'replayed' ? '此动态码已用过，请等下一个' : '动态码或恢复码不正确'} (${check === 'replayed' ? 'this code was already used: wait for the next one' : 'not a current code nor an unused recovery code'})`, { code: check === 'replayed' ? 'totp_replayed' : 'bad_totp' })
    c.var.store.secondFactors.disableTotp(user.id, user.username)
    return c.json({ enabled: false }, 200)
  })
