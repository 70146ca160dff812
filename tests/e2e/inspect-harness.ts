// What the /inspect browser tests share: the API as a test script calls it (fetch, cookie in hand), an inspector
// account ready to sign in, and the phone's gestures (sign in, record a visit with a photo, read the queue).
import type { Page } from 'playwright-core'

export interface Credentials {
  username: string
  password: string
}

export interface ApiCaller {
  /** Signs in with fetch and returns the session cookie. */
  sessionOf(username: string, password: string): Promise<string>
  /** The answer's JSON (null for HEAD); throws naming the status and body unless 2xx. */
  call(method: string, path: string, cookie: string, body?: unknown, headers?: Record<string, string>): Promise<unknown>
}

export function apiCaller(url: string): ApiCaller {
  return {
    async sessionOf(username, password) {
      const answer = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) })
      if (!answer.ok) throw new Error(`sign-in ${username}: ${answer.status} ${await answer.text()}`)
      return (answer.headers.get('set-cookie') ?? '').split(';')[0]
    },
    async call(method, path, cookie, body, headers = {}) {
      const answer = await fetch(`${url}${path}`, {
        method,
        headers: { Cookie: cookie, Origin: url, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      })
      if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`)
      return method === 'HEAD' ? null : answer.json()
    },
  }
}

/** Creates an inspector scoped to `areaScope` and makes the first sign-in's password change, so `who` signs in plainly. Answers the user's id. */
export async function readyInspector(api: ApiCaller, adminCookie: string, who: Credentials, areaScope: string): Promise<number> {
  const first = `${who.password}-first`
  const { user } = (await api.call('POST', '/api/users', adminCookie, { username: who.username, password: first, role: 'inspector', areaScope })) as { user: { id: number } }
  await api.call('POST', '/api/auth/password', await api.sessionOf(who.username, first), { currentPassword: first, newPassword: who.password })
  return user.id
}

/** Opens /inspect and signs in; resolves when the list of units is there. */
export async function signInOnPhone(page: Page, url: string, who: Credentials): Promise<void> {
  await page.goto(`${url}/inspect`)
  await page.getByLabel('用户名').fill(who.username)
  await page.getByLabel('密码').fill(who.password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.locator('.inspect-unit').first().waitFor({ timeout: 20_000 })
}

/** A small PNG of one colour, drawn by the page itself (so photos of different colours differ). */
export async function testPng(page: Page, colour: string): Promise<Buffer> {
  const base64 = await page.evaluate((fill) => {
    const canvas = document.createElement('canvas')
    canvas.width = 64
    canvas.height = 48
    const g = canvas.getContext('2d')!
    g.fillStyle = fill
    g.fillRect(0, 0, 64, 48)
    return canvas.toDataURL('image/png').split(',')[1]
  }, colour)
  return Buffer.from(base64, 'base64')
}

/** Records a visit to the `nth` unit of the list with one photo of `colour`; `beforeSave` runs on the filled form (e.g. screenshots). */
export async function recordVisit(page: Page, nth: number, colour: string, beforeSave?: () => Promise<void>): Promise<void> {
  const png = await testPng(page, colour)
  await page.getByRole('button', { name: '我的督导' }).click()
  await page.locator('.inspect-unit').nth(nth).click()
  await page.getByLabel('发现的问题').fill(`第${nth + 1}个单位：宣传栏内容需更新`)
  await page.getByLabel('拍照或选择照片').setInputFiles({ name: `visit-${nth}.png`, mimeType: 'image/png', buffer: png })
  await page.locator('.inspect-thumbs img').first().waitFor()
  await beforeSave?.()
  await page.getByRole('button', { name: '保存到待同步' }).click()
  await page.getByRole('list', { name: '同步队列' }).waitFor()
}

/** The queue's items as the page shows them, newest first: their states. */
export const statesOf = (page: Page) => page.locator('.inspect-queue-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-state')))

/** The queue's items as the page shows them, newest first: their badges. */
export const badgesOf = (page: Page) => page.locator('.inspect-queue-item .inspect-badge').allTextContents()
