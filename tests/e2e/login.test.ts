// Signing in through the page, against the real server.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer, type RunningServer } from './harness'

const PASSWORD = 'e2e-admin-password'
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

test('a wrong password is named on the page; the right one signs in and returns to ?next', async () => {
  const page = await browser!.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${server!.url}/login?next=/login`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('not-the-password')
  await page.getByRole('button', { name: '登录' }).click()
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码不正确')

  await page.getByLabel('密码').fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await expect.poll(() => page.locator('.login-card').textContent(), { timeout: 10_000 }).toContain('已登录：admin')
  const cookies = await page.context().cookies()
  expect(cookies.find((c) => c.name === 'atlas_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
  expect(errors).toEqual([])
})
