// The import wizard at /data against the real server: a messy GBK ledger gives a row-by-row report; an admin
// commits it and rolls it back. Writes a screenshot of the report screen to $ATLAS_SCREENSHOT_DIR (default
// the OS temp dir) for a person to look at.
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { PROJECT_ROOT } from '../../server/paths'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, startServer, type RunningServer } from './harness'

const PASSWORD = 'e2e-admin-password'
const GBK_LEDGER = join(PROJECT_ROOT, 'tests/fixtures/import/ledger-gbk.csv')
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

async function openWizard(): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } })
  const consoleErrors: string[] = []
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`))
  await page.goto(`${server!.url}/data`)
  await page.getByRole('heading', { name: '数据导入' }).waitFor()
  return { page, consoleErrors }
}

async function checkGbkLedger(page: Page): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({ name: '绥江县台账（GBK）.csv', mimeType: 'text/csv', buffer: readFileSync(GBK_LEDGER) })
  await page.getByRole('button', { name: /检查/ }).click()
  await page.locator('.di-rows tbody tr').first().waitFor({ timeout: 30_000 })
}

test('a GBK ledger gives a report with 第N行 rows and messages, a mapping per column, and no console errors', async () => {
  const { page, consoleErrors } = await openWizard()
  await checkGbkLedger(page)
  const report = page.getByRole('region', { name: '检查报告' })
  await expect.poll(() => report.textContent()).toContain('GBK/GB18030')
  const labels = await page.locator('.di-rows .di-row-label').allTextContents()
  expect(labels.length).toBeGreaterThanOrEqual(3)
  expect(labels.every((l) => /^第\d+行$/.test(l))).toBe(true)
  const messages = await page.locator('.di-rows tbody td:last-child').allTextContents()
  expect(messages.some((m) => /^第\d+行(（[^）]+）)?：/.test(m))).toBe(true)
  // A rejected row is named by its number and its unit's name, in the message and in the 名称 column.
  const rejected = page.locator('.di-rows tbody tr.di-status-rejected').first()
  const name = (await rejected.locator('td').nth(2).textContent()) ?? ''
  expect(name).not.toBe('')
  expect(await rejected.locator('td').last().textContent()).toMatch(new RegExp(`^第\\d+行（${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}）：`))
  expect(await page.getByLabel('第 1 列导入为').inputValue()).toBe('name')

  // Filter: only the rejected rows.
  await page.getByRole('button', { name: /^拒绝/ }).click()
  const statuses = await page.locator('.di-rows tbody .di-badge').allTextContents()
  expect(statuses.length).toBeGreaterThan(0)
  expect(new Set(statuses)).toEqual(new Set(['拒绝']))
  await page.getByRole('button', { name: /^全部/ }).click()
  expect(await page.getByRole('button', { name: /提交导入/ }).isDisabled()).toBe(true) // not signed in
  await expect.poll(() => page.locator('.di-commit').textContent()).toContain('提交需要登录')

  const shot = join(process.env.ATLAS_SCREENSHOT_DIR ?? tmpdir(), 'data-import-report.png')
  await page.screenshot({ path: shot, fullPage: true })
  expect(consoleErrors).toEqual([])
  await page.close()
})

test('an admin re-checks with a changed mapping, commits, sees the import listed and rolls it back', async () => {
  const { page, consoleErrors } = await openWizard()
  const login = await page.request.post(`${server!.url}/api/auth/login`, { data: { username: 'admin', password: PASSWORD } })
  expect(login.status()).toBe(200)
  await page.reload()
  await page.getByText('已登录：admin').waitFor()
  await checkGbkLedger(page)

  // 备注 (column 8) imported as 地址 instead of 备注: re-check with that mapping.
  await page.getByLabel('第 8 列导入为').selectOption('address')
  await page.getByRole('button', { name: '按此对应重新检查' }).click()
  await page.getByText('已按所选列对应重新检查').waitFor()

  await page.getByRole('button', { name: /提交导入/ }).click()
  await page.getByText(/已提交导入 #\d+/).waitFor()
  const batches = page.getByRole('region', { name: '已提交的导入' })
  await expect.poll(() => batches.textContent()).toContain('绥江县台账（GBK）.csv')
  page.once('dialog', (dialog) => void dialog.accept())
  await batches.getByRole('button', { name: '撤销' }).click()
  await expect.poll(() => batches.textContent()).toContain('已由 admin 撤销')
  // The confirmed mapping is remembered for this header layout.
  const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('atlas.import.mapping.')).length)
  expect(saved).toBe(1)
  expect(consoleErrors).toEqual([])
  await page.close()
})

test('a GK shapefile zip of township boundaries gives a feature-by-feature report with the sibling check', async () => {
  const { page, consoleErrors } = await openWizard()
  await page.getByLabel(/行政区边界/).check()
  await page.locator('input[type=file]').setInputFiles(join(PROJECT_ROOT, 'tests/fixtures/import/areas/suijiang-townships-gk.zip'))
  await page.getByRole('button', { name: /检查/ }).click()
  await page.locator('.di-rows tbody tr').first().waitFor({ timeout: 30_000 })
  const report = page.getByRole('region', { name: '检查报告' })
  await expect.poll(() => report.textContent()).toContain('EPSG:4523')
  expect(await report.textContent()).toContain('绥江县（530626）下 5 个区划：重叠 0 处，缝隙 0 处')
  expect(await page.locator('.di-rows .di-row-label').allTextContents()).toEqual(['第1个要素', '第2个要素', '第3个要素', '第4个要素', '第5个要素'])
  await page.screenshot({ path: join(process.env.ATLAS_SCREENSHOT_DIR ?? tmpdir(), 'data-import-areas.png'), fullPage: true })
  expect(consoleErrors).toEqual([])
  await page.close()
})
