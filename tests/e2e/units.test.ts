// /units against the real server: the table pages through the demo's units as it scrolls; a signed-in admin
// edits a unit in the side form and the table shows it; a second browser context saving over the same
// version gets the conflict screen with both values, merges, and saves.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer, type RunningServer } from './harness'

const PASSWORD = 'e2e-units-password'
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

async function signedInUnitsPage(): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await page.goto(`${server!.url}/login?next=/units`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL('**/units')
  await expect.poll(() => page.getByTestId('units-total').textContent()).toMatch(/共 \d+ 个单位/)
  return page
}

const row = (page: Page, id: number) => page.locator(`.units-body [role=row]:has([role=gridcell]:text-is("${id}"))`)

test('the table shows the total, draws only the rows on screen, and loads further pages as it scrolls', async () => {
  const page = await signedInUnitsPage()
  const total = Number((await page.getByTestId('units-total').textContent())!.replace(/\D/g, ''))
  expect(total).toBeGreaterThan(400)
  expect(await page.locator('.units-body [role=row]').count()).toBeLessThan(80)
  await expect.poll(() => page.getByTestId('sample-notice').count()).toBe(1)
  await page.getByTestId('units-body').evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
  await expect.poll(() => row(page, total).count(), { timeout: 15_000 }).toBe(1) // the demo's ids run 1…total
  await page.close()
})

test('an edit saved in the form shows in the table; a stale save gets the conflict screen and merges', async () => {
  const [alice, bob] = [await signedInUnitsPage(), await signedInUnitsPage()]
  for (const page of [alice, bob]) {
    await row(page, 5).click()
    await page.getByTestId('unit-form').locator('form').waitFor()
  }
  const form = (page: Page) => page.getByTestId('unit-form')
  await form(alice).getByLabel('地址').fill('甲改的地址')
  await form(alice).getByRole('button', { name: '保存' }).click()
  await expect.poll(() => form(alice).getByRole('status').textContent()).toContain('已保存（版本 2）')
  await expect.poll(() => row(alice, 5).textContent()).toContain('甲改的地址')

  await form(bob).getByLabel('联系人').fill('乙填的联系人')
  await form(bob).getByRole('button', { name: '保存' }).click()
  const conflict = bob.getByTestId('unit-conflict')
  await conflict.waitFor()
  expect(await conflict.textContent()).toContain('当前版本 2')
  expect(await conflict.textContent()).toContain('甲改的地址') // theirs, kept by default: bob did not touch 地址
  await conflict.getByRole('button', { name: '按所选合并，继续编辑' }).click()
  await form(bob).getByRole('button', { name: '保存' }).click()
  await expect.poll(() => form(bob).getByRole('status').textContent()).toContain('已保存（版本 3）')
  expect(await form(bob).getByLabel('地址').inputValue()).toBe('甲改的地址')
  expect(await form(bob).getByLabel('联系人').inputValue()).toBe('乙填的联系人')
}, 120_000)
