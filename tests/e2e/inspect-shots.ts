// Screenshots of /inspect at 390×844 for a person to look at (not a test): the list (我的督导), the visit form, and
// the sync queue holding an item in each state a phone meets (已同步, 冲突, 被拒绝, 待同步), made against the real
// server on a fresh demo store. Run by hand: npx tsx tests/e2e/inspect-shots.ts [OUTDIR] (default docs/screenshots).
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ensureWebBuild } from '../../server/web-build'
import { PROJECT_ROOT } from '../../server/paths'
import { launchBrowser, startServer } from './harness'
import { apiCaller, readyInspector, recordVisit, signInOnPhone, statesOf } from './inspect-harness'

const outDir = process.argv[2] ?? join(PROJECT_ROOT, 'docs', 'screenshots')
const ADMIN_PASSWORD = 'shots-admin-password'
const COUNTY = '530626' // 绥江县
const OTHER_COUNTY = '530621' // 鲁甸县: where the office moves the inspector, so a queued visit is refused
const inspector = { username: 'field-zhang', password: 'Field-visit-2026!' }
const colleague = { username: 'field-li', password: 'Field-visit-Li-2026!' }

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`inspect-shots: ${what} did not happen within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

await ensureWebBuild()
await mkdir(outDir, { recursive: true })
const server = await startServer({ env: { ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD } })
const browser = await launchBrowser()
try {
  const api = apiCaller(server.url)
  const admin = await api.sessionOf('admin', ADMIN_PASSWORD)
  const inspectorId = await readyInspector(api, admin, inspector, COUNTY)
  await readyInspector(api, admin, colleague, COUNTY)
  // 绥江县城: distances in the list are from here.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', geolocation: { latitude: 28.592, longitude: 103.968, accuracy: 15 }, permissions: ['geolocation'] })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await signInOnPhone(page, server.url, inspector)
  // An overdue follow-up from a visit late last year (so this year's visits due stay as they were) on the unit the
  // list puts first; the page reloads to fetch it.
  const first = await page.locator('.inspect-unit strong').first().textContent()
  const { features } = (await api.call('GET', `/api/units?area=${COUNTY}`, admin)) as { features: { properties: { id: number; name: string } }[] }
  const lastYear = new Date().getUTCFullYear() - 1
  const { inspection } = (await api.call('POST', '/api/inspections', admin, {
    unit: features.find((f) => f.properties.name === first)!.properties.id, date: `${lastYear}-11-20`, inspectors: ['县民宗局督导组'], checklist: [], rating: '合格',
    findings: '宣传栏内容陈旧', followUp: '更新宣传栏内容', followUpDue: `${lastYear}-12-20`,
  })) as { inspection: { id: number; version: number } }
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  await page.reload()
  await page.locator('.inspect-followup').first().waitFor({ timeout: 20_000 })
  await page.waitForTimeout(500)
  await page.screenshot({ path: join(outDir, 'inspect-list.png') })

  // A colleague closes the follow-up from another phone, so this phone's close will meet it.
  const colleagueCookie = await api.sessionOf(colleague.username, colleague.password)
  await api.call('PATCH', `/api/inspections/${inspection.id}`, colleagueCookie, { followUpClosedAt: yesterday }, { 'If-Match': `"${inspection.version}"` })

  await recordVisit(page, 0, '#c0392b', async () => {
    await page.getByRole('radiogroup', { name: '阵地建设' }).getByText('基本达标').click()
    await page.getByLabel('总体评价').selectOption('良好')
    await page.getByLabel('整改要求').fill('补充活动台账')
    await page.locator('.inspect-page').evaluate((e) => e.scrollTo(0, 0))
    await page.screenshot({ path: join(outDir, 'inspect-form.png') })
    await page.locator('.inspect-gps').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(outDir, 'inspect-form-photos.png') })
  })
  await until('the first visit synced', async () => (await statesOf(page)).join() === 'synced')

  await page.getByRole('button', { name: '我的督导' }).click()
  await page.locator('.inspect-followup', { hasText: '更新宣传栏内容' }).getByRole('button', { name: '已整改' }).click()
  await page.getByRole('button', { name: /同步队列/ }).click()
  await until('the close in conflict', async () => (await statesOf(page)).includes('conflict'))

  await context.setOffline(true)
  await recordVisit(page, 1, '#2e86c1')
  await api.call('PATCH', `/api/users/${inspectorId}`, admin, { areaScope: OTHER_COUNTY })
  await context.setOffline(false)
  await until('the second visit refused', async () => (await statesOf(page)).includes('refused'))

  await context.setOffline(true)
  await recordVisit(page, 0, '#16a085')
  await page.waitForTimeout(500)
  console.log('queue states, newest first:', await statesOf(page))
  await page.screenshot({ path: join(outDir, 'inspect-queue.png') })
  if (errors.length > 0) throw new Error(`inspect-shots: the page failed: ${errors.join('; ')}`)
  console.log(`inspect-shots: wrote inspect-list.png, inspect-form.png, inspect-form-photos.png, inspect-queue.png to ${outDir}`)
} finally {
  await browser.close()
  await server.stop()
}
