// The /plan page against the real server and its demo store, in headless Chromium.
import { writeFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { colourCensus, launchBrowser, mapOnlyScreenshot, openAtlasPage, startServer, type AtlasPage, type RunningServer } from './harness'

const PASSWORD = 'e2e-admin-password'
let server: RunningServer | undefined
let browser: Browser | undefined
let atlas: AtlasPage

beforeAll(async () => {
  await ensureWebBuild()
  server = await startServer({ env: { ATLAS_ADMIN_PASSWORD: PASSWORD } })
  browser = await launchBrowser()
  atlas = await openAtlasPage(browser, `${server.url}/plan`)
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function plan(page: Page, sites: string, radiusKm: string) {
  await page.getByLabel('规划区域').selectOption('530626')
  await page.getByLabel('新增示范点数量').fill(sites)
  await page.getByLabel('覆盖半径 (公里)').fill(radiusKm)
  await page.getByRole('button', { name: '计算方案' }).click()
  await page.getByTestId('plan-summary').waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, { timeout: 60_000 })
}

test('planning 绥江县: chosen sites listed with coverage before → after and the gap, drawn on the map', async () => {
  const { page } = atlas
  await page.getByLabel('规划区域').selectOption('530626')
  await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, { timeout: 60_000 })
  const box = (await page.locator('.atlas-map').boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await expect.poll(() => page.getByTestId('picked-candidates').textContent()).toContain('自选候选点：1 个')
  await plan(page, '3', '3')
  const summary = page.getByTestId('plan-summary')
  expect(await summary.locator('h2').textContent()).toMatch(/^绥江县：\d 个新示范点$/)
  expect(await summary.textContent()).toMatch(/覆盖人口 \d+\.\d% → \d+\.\d%/)
  expect(await page.getByTestId('plan-gap').textContent()).toMatch(/^\d+\.\d%$/)
  expect(await summary.locator('tbody tr').count()).toBeGreaterThanOrEqual(1)
  expect(await page.getByTestId('sample-notice').isVisible()).toBe(true)
  const census = await colourCensus(page, await mapOnlyScreenshot(page))
  expect(census.pixels['#2a4'] ?? 0, 'newly covered settlements (green) are drawn').toBeGreaterThan(0)
  if (process.env.ATLAS_SCREENSHOT_PLAN) await writeFile(process.env.ATLAS_SCREENSHOT_PLAN, await page.screenshot())
})

test('the gap tab lists 绥江县 townships and colours uncovered or incomplete ones on the map', async () => {
  const { page } = atlas
  await page.getByRole('tab', { name: '缺口分析' }).click()
  const panel = page.getByTestId('gap-panel')
  await panel.waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, { timeout: 60_000 })
  expect(await panel.locator('tbody tr').allTextContents()).toHaveLength(5)
  expect(await panel.textContent()).toContain('补齐类别的最少推荐')
  const census = await colourCensus(page, await mapOnlyScreenshot(page))
  const gapFills = ['#e54', '#fc5', '#9da'].reduce((n, key) => n + (census.pixels[key] ?? 0), 0)
  expect(gapFills, 'townships filled by their gap').toBeGreaterThan(1000)
})

test('two saved scenarios compare side by side, the better coverage marked', async () => {
  const { page, consoleErrors } = atlas
  const login = await page.request.post(`${server!.url}/api/auth/login`, { data: { username: 'admin', password: PASSWORD } })
  expect(login.status()).toBe(200)
  await page.getByRole('tab', { name: '选址结果' }).click()
  for (const [name, radius] of [['3公里方案', '3'], ['6公里方案', '6']]) {
    await plan(page, '3', radius)
    page.once('dialog', (dialog) => void dialog.accept(name))
    await page.getByRole('button', { name: '保存方案' }).click()
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain(`已保存方案“${name}”`)
  }
  await page.getByRole('tab', { name: '方案对比' }).click()
  const compare = page.getByTestId('scenario-compare')
  await compare.getByLabel('3公里方案').check()
  await compare.getByLabel('6公里方案').check()
  const table = compare.locator('table')
  await table.waitFor()
  await expect.poll(() => table.locator('thead th').allTextContents()).toEqual(['', '3公里方案', '6公里方案'])
  expect(await table.locator('tr', { hasText: '覆盖半径' }).locator('td').allTextContents()).toEqual(['3 km', '6 km'])
  expect(await table.locator('tr', { hasText: '覆盖人口 (后)' }).locator('td.compare-best').textContent()).toMatch(/\d+\.\d%/)
  if (process.env.ATLAS_SCREENSHOT_COMPARE) await writeFile(process.env.ATLAS_SCREENSHOT_COMPARE, await page.screenshot())
  // The sign-in probe above is the only expected failure-free path; nothing else may log errors.
  expect(consoleErrors).toEqual([])
})
