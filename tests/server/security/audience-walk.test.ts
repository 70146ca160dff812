// The audience policy, checked from outside: every GET route of the app (found in app.routes, so a new route
// is walked the day it lands) and the read-only POST /api/plan, asked by an anonymous caller and by a screen
// token with a non-default sensitive category (学校), must not carry the name or the exact place of any 学校
// unit — whatever the route, its parameters or the ids in its path. Signed-in users still see them (the
// check can fail: the same walk as admin must find the names).
import { describe, expect, test } from 'vitest'
import { newToken, tokenHash } from '../../../server/auth/tokens'
import { ExportQueue } from '../../../server/export/queue'
import type { ExportRenderer, RenderResult } from '../../../server/export/renderer'
import { createApp } from '../../../server/app'
import { openTestStore } from '../test-store'
import type { AtlasStore } from '../../../server/db/store'
import { ADMIN_PASSWORD, jsonRequest, signIn, TODAY } from '../demo-app'

const SENSITIVE = '学校'
const HOST = 'http://localhost'

function stubExporter() {
  const result: RenderResult = { bytes: Buffer.from('stub'), pages: 1, widthPx: 1, heightPx: 1, sheets: ['530600'] }
  const renderer = { render: async () => result } as unknown as ExportRenderer
  return { renderer, queue: new ExportQueue(renderer, { maxQueued: 1000 }) }
}

async function walkedApp() {
  const now = () => new Date(`${TODAY}T09:00:00Z`)
  const store = openTestStore({ now })
  const token = newToken()
  store.screenTokens.create(tokenHash(token), 'walk', 'test')
  const app = createApp({ store, version: 'walk', now, log: () => {}, security: { sensitiveCategories: [SENSITIVE] }, exporter: stubExporter() })
  const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
  // Saved by an admin, so the stored answers hold everything the admin may see.
  for (const area of ['530626', '530602']) {
    const request = { area, sites: 3, radiusKm: 3 }
    const saved = await app.request('/api/plan/scenarios', jsonRequest('POST', { name: `方案 ${area}`, request }, admin, { Origin: HOST }))
    expect(saved.status).toBe(201)
  }
  return { app, store, token, admin }
}

interface Secret {
  unitId: number
  name: string
  place: [number, number] | null
}

/** What would give a sensitive unit away: its name, or its longitude and latitude side by side. */
function secretsOf(store: AtlasStore): Secret[] {
  return store.snapshot().units
    .filter((u) => u.category === SENSITIVE)
    .map((u) => ({ unitId: u.id, name: u.name, place: u.lon === null || u.lat === null ? null : [u.lon, u.lat] }))
}

const NEAR_DEGREES = 5e-5 // ~5 m: closer than that is the place itself, farther may be a boundary vertex by chance

/** The secrets whose longitude and latitude stand next to each other in `body` ([lon, lat], lon,lat in CSV, …). */
function placesIn(body: string, secrets: readonly Secret[]): Secret[] {
  const cell = (lon: number) => Math.round(lon / NEAR_DEGREES)
  const byCell = new Map<number, Secret[]>()
  for (const secret of secrets) {
    if (!secret.place) continue
    for (const key of [cell(secret.place[0]) - 1, cell(secret.place[0]), cell(secret.place[0]) + 1]) byCell.set(key, [...(byCell.get(key) ?? []), secret])
  }
  const numbers = (body.match(/-?\d+\.\d+/g) ?? []).map(Number)
  const found = new Set<Secret>()
  for (let i = 0; i + 1 < numbers.length; i++) {
    for (const secret of byCell.get(cell(numbers[i])) ?? []) {
      const [lon, lat] = secret.place!
      if (Math.abs(numbers[i] - lon) < NEAR_DEGREES && Math.abs(numbers[i + 1] - lat) < NEAR_DEGREES) found.add(secret)
    }
  }
  return [...found]
}

const QUERIES: Record<string, string>[] = [
  {},
  { area: '530626' },
  { area: '530602' },
  { level: 'county' },
  { level: 'township', parent: '530626' },
  { level: 'township', parent: '530602' },
  { category: SENSITIVE },
  { area: '530626', category: SENSITIVE, year: '2026' },
  { format: 'json' },
  { format: 'csv' },
  { format: 'geojson' },
  { area: '530626', period: '2025', format: 'html' },
]

async function pathsToWalk(app: Awaited<ReturnType<typeof walkedApp>>['app'], store: AtlasStore, admin: string) {
  const ids: Record<string, string[]> = {
    units: store.snapshot().units.filter((u) => u.category === SENSITIVE).map((u) => String(u.id)),
    corridors: ((await (await app.request('/api/corridors', { headers: { Cookie: admin } })).json()).corridors as { id: number }[]).map((c) => String(c.id)),
    scenarios: ((await (await app.request('/api/plan/scenarios', { headers: { Cookie: admin } })).json()).scenarios as { id: number }[]).map((s) => String(s.id)),
  }
  const paths: string[] = []
  for (const route of new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path))) {
    if (route.includes('*')) continue
    const param = /:(\w+)(\{[^}]*\})?/.exec(route)
    const family = route.split('/')[2]
    const values = param === null ? [''] : (ids[family === 'plan' ? 'scenarios' : family] ?? ['1'])
    for (const value of values) {
      const path = param === null ? route : route.replace(param[0], value)
      for (const query of QUERIES) paths.push(`${path}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`)
    }
  }
  return paths
}

async function leaks(app: Awaited<ReturnType<typeof walkedApp>>['app'], paths: string[], headers: Record<string, string>, secrets: Secret[]) {
  const found: string[] = []
  const readers: [string, () => Promise<Response>][] = [
    ...paths.map((path): [string, () => Promise<Response>] => [`GET ${path}`, async () => app.request(path, { headers })]),
    ...['530626', '530602', '530600'].map((area): [string, () => Promise<Response>] => [
      `POST /api/plan ${area}`,
      async () => app.request('/api/plan', jsonRequest('POST', { area, sites: 3, radiusKm: 3 }, undefined, headers)),
    ]),
  ]
  for (const [label, read] of readers) {
    const answer = await read()
    const body = await answer.text()
    for (const { unitId, name } of secrets) if (body.includes(name)) found.push(`${label} (${answer.status}) carries the name ${name} of unit ${unitId}`)
    for (const { unitId, place } of placesIn(body, secrets)) found.push(`${label} (${answer.status}) carries the place ${place!.join(', ')} of unit ${unitId}`)
  }
  return found
}

describe(`the audience walk: every GET route with ATLAS_SENSITIVE_CATEGORIES=${SENSITIVE}`, () => {
  test('anonymous callers and screen tokens learn no name or place of a sensitive unit anywhere', async () => {
    const { app, store, token, admin } = await walkedApp()
    const secrets = secretsOf(store)
    expect(secrets.length).toBeGreaterThan(10)
    const paths = await pathsToWalk(app, store, admin)
    expect(paths.length).toBeGreaterThan(200)
    expect(await leaks(app, paths, {}, secrets)).toEqual([])
    expect(await leaks(app, paths, { Authorization: `Bearer ${token}` }, secrets)).toEqual([])
  }, 120_000)

  test('the walk can fail: a signed-in admin is shown the names and places', async () => {
    const { app, store, admin } = await walkedApp()
    const secrets = secretsOf(store)
    const found = await leaks(app, ['/api/units?area=530626'], { Cookie: admin }, secrets)
    expect(found.length).toBeGreaterThan(0)
  }, 60_000)
})
