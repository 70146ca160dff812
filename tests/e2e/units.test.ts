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
  await expect.poll(() => page.getByTestId('units-total').textContent(), { timeout: 30_000 }).toMatch(/共 \d+ 个单位/)
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

test('a workflow step with its reason moves the unit and shows in its history; a batch 申报 moves every ticked unit', async () => {
  const page = await signedInUnitsPage()
  await page.getByRole('combobox', { name: '状态' }).selectOption('培育')
  // The filter has applied once every drawn row says 培育 (the status is the fifth column).
  const statuses = () => page.locator('.units-body [role=row]').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('[role=gridcell]')[4]?.textContent))
  await expect.poll(async () => { const s = await statuses(); return s.length > 3 && s.every((x) => x === '培育') }, { timeout: 15_000 }).toBe(true)
  const cultivated = await page.locator('.units-body [role=row]').evaluateAll((rows) => rows.slice(0, 3).map((r) => Number(r.querySelector('[role=gridcell]')?.textContent)))
  expect(cultivated).toHaveLength(3)

  // One unit: 撤销 with its reason, from the form's workflow panel.
  await row(page, cultivated[0]).click()
  const form = page.getByTestId('unit-form')
  await form.getByTestId('unit-workflow').getByRole('button', { name: '撤销' }).click()
  await form.getByTestId('workflow-step-form').getByLabel('原因（必填）').fill('单位已合并')
  await form.getByRole('button', { name: '办理撤销' }).click()
  await expect.poll(() => form.getByRole('status').textContent()).toContain('已办理撤销：培育 → 撤销')
  await expect.poll(() => form.getByTestId('unit-workflow').locator('.is-current').textContent()).toBe('撤销')
  await expect.poll(() => form.getByTestId('unit-history').locator('li').first().textContent()).toMatch(/培育 → 撤销.*admin.*单位已合并/)
  await form.getByRole('button', { name: '关闭' }).click()

  // A batch: tick the other two and apply 申报 together.
  for (const id of cultivated.slice(1)) await row(page, id).getByRole('checkbox').check()
  const batch = page.getByTestId('units-batch')
  await expect.poll(() => batch.textContent()).toContain('已选 2 个单位')
  await batch.getByLabel('批量转为').selectOption('申报')
  await batch.getByLabel('批量办理说明').fill('2026年度申报')
  await batch.getByRole('button', { name: '办理' }).click()
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('2 个单位已转为申报')
  for (const id of cultivated.slice(1)) {
    const answer = await page.evaluate(async (unit) => (await (await fetch(`/api/units/${unit}/record`)).json()) as { unit: { status: string } }, id)
    expect(answer.unit.status).toBe('申报')
  }
  if (process.env.ATLAS_UNITS_SHOTS) {
    await page.getByRole('combobox', { name: '状态' }).selectOption('撤销')
    await row(page, cultivated[0]).click()
    await page.getByTestId('unit-history').waitFor()
    await page.getByTestId('unit-history').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${process.env.ATLAS_UNITS_SHOTS}/units-workflow.png` })
  }
  await page.close()
})

/** Waits until the form's location map has drawn its area (body[data-map-ready]="1", set by UnitLocationMap). */
async function mapDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.mapReady === '1' || document.body.dataset.atlasError !== undefined, null, { timeout: 60_000 })
  expect(await page.evaluate(() => document.body.dataset.atlasError)).toBeUndefined()
}

interface AreasAt {
  areas: { code: string }[]
}

test('a unit added by a click on the map shows its area before saving and is listed; dragging its marker moves it', async () => {
  const page = await signedInUnitsPage()
  const totalBefore = Number((await page.getByTestId('units-total').textContent())!.replace(/\D/g, ''))
  await page.getByRole('button', { name: '在地图上添加单位' }).click()
  const draft = page.getByTestId('unit-new-form')
  await draft.getByLabel('单位名称').fill('地图添加的示例社区')
  await draft.getByLabel('类别').selectOption('社区')
  await mapDrawn(page)

  // A click in the middle of the map (昭通市, the admin's whole atlas) places the point and names its township.
  const canvas = (await draft.locator('.unit-map-canvas canvas').boundingBox())!
  await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2)
  const found = draft.getByTestId('unit-place-found')
  await expect.poll(() => found.textContent(), { timeout: 10_000 }).toMatch(/^将位于：\S+ \S+ \((\d{9})\)/)
  const placed = /\((\d{9})\)/.exec((await found.textContent())!)![1]
  const [lon, lat] = [await draft.getByLabel('经度').inputValue(), await draft.getByLabel('纬度').inputValue()]
  expect(lon).toMatch(/^10[34]\.\d{1,6}$/)
  expect(lat).toMatch(/^2[6-9]\.\d{1,6}$/)
  if (process.env.ATLAS_UNITS_SHOTS) await draft.screenshot({ path: `${process.env.ATLAS_UNITS_SHOTS}/units-new-on-map.png` })

  // Saved: POST /api/units, then the page opens the created unit and the table lists it.
  await draft.getByRole('button', { name: '保存' }).click()
  const form = page.getByTestId('unit-form')
  await expect.poll(() => form.locator('h2').textContent()).toMatch(/单位 #\d+/)
  const id = Number(/#(\d+)/.exec((await form.locator('h2').textContent())!)![1])
  expect(await page.getByRole('status').first().textContent()).toContain(`已新增单位 #${id}“地图添加的示例社区”`)
  await expect.poll(() => page.getByTestId('units-total').textContent()).toBe(`共 ${totalBefore + 1} 个单位`)
  await page.getByLabel('搜索').fill('地图添加的示例社区')
  await expect.poll(() => row(page, id).textContent()).toContain('地图添加的示例社区')
  const record = async () => (await page.evaluate(async (unit) => (await (await fetch(`/api/units/${unit}/record`)).json()) as { unit: { lon: number; lat: number; areaCode: string; status: string; version: number } }, id)).unit
  expect(await record()).toMatchObject({ lon: Number(lon), lat: Number(lat), areaCode: placed, status: '培育', version: 1 })

  // Dragging the marker moves the point: the new area shows before saving, and the save keeps both.
  await mapDrawn(page)
  const marker = (await form.getByTestId('unit-marker').boundingBox())!
  const grip = { x: marker.x + marker.width / 2, y: marker.y + marker.height / 2 }
  await page.mouse.move(grip.x, grip.y)
  await page.mouse.down()
  for (let step = 1; step <= 10; step++) await page.mouse.move(grip.x + step * 8, grip.y + step * 3)
  await page.mouse.up()
  const moved = form.getByTestId('unit-place-found')
  await expect.poll(() => moved.textContent(), { timeout: 10_000 }).toMatch(/^将位于：\S+ \S+ \(\d{9}\)/)
  const [lon2, lat2] = [await form.getByLabel('经度').inputValue(), await form.getByLabel('纬度').inputValue()]
  expect(Number(lon2)).toBeGreaterThan(Number(lon))
  expect(Number(lat2)).toBeLessThan(Number(lat))
  const movedTo = /\((\d{9})\)/.exec((await moved.textContent())!)![1]
  const chain = await page.evaluate(async ([x, y]) => (await (await fetch(`/api/areas/at?lon=${x}&lat=${y}`)).json()) as AreasAt, [lon2, lat2])
  expect(chain.areas[0].code).toBe(movedTo)
  expect(movedTo).not.toBe(placed)
  if (process.env.ATLAS_UNITS_SHOTS) await form.screenshot({ path: `${process.env.ATLAS_UNITS_SHOTS}/units-dragged.png` })
  await form.getByRole('button', { name: '保存' }).click()
  await expect.poll(() => form.getByRole('status').textContent()).toContain('已保存（版本 2）')
  expect(await record()).toMatchObject({ lon: Number(lon2), lat: Number(lat2), areaCode: movedTo, version: 2 })
  await page.close()
}, 180_000)
