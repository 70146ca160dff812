// The /plan page against the real server and its demo store, in headless Chromium.
import { writeFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { colourCensus, launchBrowser, mapOnlyScreenshot, openAtlasPage, startServer, type RunningServer } from './harness'

let server: RunningServer | undefined
let browser: Browser | undefined

beforeAll(async () => {
  await ensureWebBuild()
  server = await startServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('planning 绥江县: chosen sites listed with coverage before → after and the gap, drawn on the map', async () => {
  const { page, consoleErrors } = await openAtlasPage(browser!, `${server!.url}/plan`)
  await page.getByLabel('规划区域').selectOption('530626')
  await page.getByLabel('新增示范点数量').fill('3')
  await page.getByLabel('覆盖半径 (公里)').fill('3')
  await page.getByRole('button', { name: '计算方案' }).click()
  const summary = page.getByTestId('plan-summary')
  await summary.waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, { timeout: 60_000 })
  expect(await summary.locator('h2').textContent()).toMatch(/^绥江县：\d 个新示范点$/)
  expect(await summary.textContent()).toMatch(/覆盖人口 \d+\.\d% → \d+\.\d%/)
  expect(await page.getByTestId('plan-gap').textContent()).toMatch(/^\d+\.\d%$/)
  expect(await summary.locator('tbody tr').count()).toBeGreaterThanOrEqual(1)
  expect(await page.getByTestId('sample-notice').isVisible()).toBe(true)
  const census = await colourCensus(page, await mapOnlyScreenshot(page))
  expect(census.pixels['#2a4'] ?? 0, 'newly covered settlements (green) are drawn').toBeGreaterThan(0)
  if (process.env.ATLAS_SCREENSHOT_PLAN) await writeFile(process.env.ATLAS_SCREENSHOT_PLAN, await page.screenshot())
  expect(consoleErrors).toEqual([])
})
