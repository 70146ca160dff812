// The dashboard's 提醒 panel against the real server and its seeded demo, in headless Chromium: the alerts of
// the area in view grouped by kind with the counts GET /api/alerts gives, a click that opens the unit, and a
// visitor not signed in told how many alerts about non-public units are not listed.
import { writeFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureWebBuild } from '../../server/web-build'
import { launchBrowser, openAtlasPage, startServer, type AtlasPage, type RunningServer } from './harness'

const SHOT = process.env.ATLAS_ALERTS_SHOT // a file: save the panel's screenshot there

interface AlertsAnswer {
  area: { code: string; name: string }
  counts: Record<string, number>
  alerts: { id: string; kind: string; message: string; unit: { id: number } | null }[]
  withheld: number
}

describe('the 提醒 panel', () => {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let atlas: AtlasPage
  let answer: AlertsAnswer

  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    browser = await launchBrowser()
    answer = (await (await fetch(`${server.url}/api/alerts?area=530626`)).json()) as AlertsAnswer
    atlas = await openAtlasPage(browser, `${server.url}/?area=530626`)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('shows the area’s alerts by kind with their counts, the first kind open', async () => {
    const { page } = atlas
    const tab = page.locator('[data-testid=alerts-tab]')
    await tab.locator('.tab-count').waitFor({ timeout: 30_000 })
    expect(await tab.textContent()).toBe(`提醒${answer.alerts.length}`)
    await tab.click()
    const panel = page.locator('[data-testid=alerts-panel]')
    await panel.waitFor()
    expect(await panel.locator('.detail-title').textContent()).toContain('绥江县')
    const kinds = Object.entries(answer.counts).filter(([, n]) => n > 0)
    expect(kinds.length).toBeGreaterThan(0)
    for (const [kind, count] of kinds) expect(await panel.locator(`[data-kind=${kind}] strong`).textContent()).toBe(String(count))
    const first = answer.alerts.find((a) => a.kind === kinds[0][0])!
    expect(await panel.locator('.alert-item').first().textContent()).toContain(first.message)
    if (answer.withheld > 0) expect(await panel.textContent()).toContain(`另有 ${answer.withheld} 条涉及不公开类别单位的提醒未列出`)
    if (SHOT) await writeFile(SHOT, await page.screenshot())
    expect(atlas.consoleErrors).toEqual([])
  })

  test('an alert about a unit opens that unit’s details', async () => {
    const { page } = atlas
    const panel = page.locator('[data-testid=alerts-panel]')
    const kind = answer.alerts.find((a) => a.unit !== null)!.kind
    await panel.locator(`[data-kind=${kind}]`).click()
    const alert = answer.alerts.find((a) => a.kind === kind && a.unit !== null)!
    await panel.locator('.alert-item', { hasText: alert.message }).first().click()
    await page.locator('[data-testid=unit-detail]').waitFor({ timeout: 30_000 })
    expect(new URL(page.url()).searchParams.get('unit')).toBe(String(alert.unit!.id))
  })
})
