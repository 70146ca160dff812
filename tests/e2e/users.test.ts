// /users under 三员分立 against the real server: the admin creates an account (a viewer), the secadmin gives it a
// role and a scope, and the auditor finds both in the audit trail; each sees only the pages of their duty.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer, type RunningServer } from './harness'

const PASSWORDS = { admin: 'E2e-admin-pass-1', secadmin: 'E2e-secadmin-pass-2', auditor: 'E2e-auditor-pass-3' }
let server: RunningServer | undefined
let browser: Browser | undefined

beforeAll(async () => {
  await ensureWebBuild()
  server = await startServer({
    env: {
      ATLAS_SEPARATION_OF_DUTIES: '1',
      ATLAS_ADMIN_PASSWORD: PASSWORDS.admin,
      ATLAS_SECADMIN_PASSWORD: PASSWORDS.secadmin,
      ATLAS_AUDITOR_PASSWORD: PASSWORDS.auditor,
    },
  })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function signedIn(username: keyof typeof PASSWORDS, next: string): Promise<Page> {
  const page = await (await browser!.newContext({ viewport: { width: 1400, height: 900 } })).newPage()
  await page.goto(`${server!.url}/login?next=${next}`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(PASSWORDS[username])
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(`**${next}`)
  return page
}

test('the admin creates an account, the secadmin assigns its role, the auditor reads both', async () => {
  const admin = await signedIn('admin', '/users')
  await expect.poll(() => admin.locator('.users-duty').textContent()).toContain('您是管理员，可以新建账号、重置密码、停用或启用账号；下载备份')
  const nav = admin.locator('.ledger-header nav')
  expect(await nav.getByRole('link', { name: '审计日志' }).count()).toBe(0)
  await admin.getByLabel('用户名').fill('fieldstaff')
  await admin.getByLabel('初始密码').fill('Field-staff-88')
  await admin.getByRole('button', { name: '新建' }).click()
  const row = admin.locator('.users-table tr', { hasText: 'fieldstaff' })
  await expect.poll(() => row.textContent()).toContain('查看者')
  expect(await row.locator('select').count()).toBe(0) // no role control for the admin

  const secadmin = await signedIn('secadmin', '/users')
  expect(await secadmin.locator('.users-new').count()).toBe(0) // no account creation for the secadmin
  const staff = secadmin.locator('.users-table tr', { hasText: 'fieldstaff' })
  await staff.getByLabel('fieldstaff 的角色').selectOption('editor')
  await staff.getByLabel('fieldstaff 的数据范围').fill('530626')
  await staff.getByRole('button', { name: '保存角色' }).click()
  await expect.poll(() => secadmin.locator('.page-banner').textContent()).toContain('已修改 fieldstaff 的角色和范围')
  expect(await secadmin.locator('.users-table tr', { hasText: 'secadmin（本人）' }).locator('select').count()).toBe(0)

  const auditor = await signedIn('auditor', '/audit')
  expect(await auditor.locator('.ledger-header nav').getByRole('link', { name: '账号管理' }).count()).toBe(0)
  await auditor.getByLabel('对象', { exact: true }).fill('user')
  await auditor.getByRole('button', { name: '筛选' }).click()
  const table = auditor.locator('.audit-table')
  await expect.poll(() => table.textContent()).toContain('"role":"editor"')
  expect(await table.textContent()).toContain('"username":"fieldstaff"')
})
