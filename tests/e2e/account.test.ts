// /account against the real server: an admin sets up two-step verification by the QR code's secret and a code,
// sees the ten recovery codes once, and the sign-in page then asks for a code after the password and signs in with it.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { totpCode } from '../../server/auth/totp'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer, type RunningServer } from './harness'

const PASSWORD = 'e2e-account-password'
let server: RunningServer | undefined
let browser: Browser | undefined

beforeAll(async () => {
  await ensureWebBuild()
  server = await startServer({ env: { ATLAS_ADMIN_PASSWORD: PASSWORD } })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function signInPage(): Promise<Page> {
  const page = await (await browser!.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
  await page.goto(`${server!.url}/login?next=/account`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  return page
}

test('enrol two-step verification on /account, then sign in with the password and a code', async () => {
  const page = await signInPage()
  await page.waitForURL('**/account')
  const card = page.getByTestId('totp-card')
  await card.getByRole('button', { name: '设置两步验证' }).click()
  await card.getByTestId('totp-qr').locator('svg').waitFor()
  const secret = (await card.getByTestId('totp-secret').textContent())!.trim()
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await card.getByLabel(/输入验证器显示的 6 位动态码/).fill(totpCode(secret, Date.now()))
  await card.getByRole('button', { name: '启用两步验证' }).click()
  const codes = card.getByTestId('recovery-codes')
  await codes.waitFor()
  expect(await codes.locator('li').count()).toBe(10)
  await expect.poll(() => card.textContent()).toContain('剩余恢复码 10 个')

  const again = await signInPage()
  const code = again.getByLabel(/动态码/)
  await code.waitFor() // the password was right: the form asks for the code
  expect(again.url()).toContain('/login')
  // The code of the next 30 s step: the one used to enable it cannot be used twice.
  await code.fill(totpCode(secret, Date.now() + 30_000))
  await again.getByRole('button', { name: '登录' }).click()
  await again.waitForURL('**/account')
  await expect.poll(() => again.getByTestId('totp-card').textContent()).toContain('已启用')
})

test('a session ended by idle time says so over the page and keeps the half-filled form; signed in again, it saves', async () => {
  const idle = await startServer({ env: { ATLAS_ADMIN_PASSWORD: PASSWORD, ATLAS_SESSION_IDLE_MINUTES: '0.1' } })
  try {
    const page = await (await browser!.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
    await page.goto(`${idle.url}/login?next=/units`)
    await page.getByLabel('用户名').fill('admin')
    await page.getByLabel('密码').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL('**/units')
    await page.locator('.units-body [role=row]:has([role=gridcell]:text-is("5"))').click()
    const form = page.getByTestId('unit-form')
    await form.locator('form').waitFor()
    await form.getByLabel('地址').fill('闲置前填写的地址')
    await page.waitForTimeout(7_000) // past the 6 s idle time-out
    await form.getByRole('button', { name: '保存' }).click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.textContent()).toContain('分钟无操作退出登录')
    expect(await form.getByLabel('地址').inputValue()).toBe('闲置前填写的地址')
    await dialog.getByLabel('密码').fill(PASSWORD)
    await dialog.getByRole('button', { name: '重新登录' }).click()
    await dialog.waitFor({ state: 'detached' })
    await form.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => form.getByRole('status').textContent()).toContain('已保存')
    expect(await form.getByLabel('地址').inputValue()).toBe('闲置前填写的地址')
  } finally {
    await idle.stop()
  }
})
