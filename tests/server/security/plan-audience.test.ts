// Site planning and sensitive categories (宗教活动场所 by default, ATLAS_SENSITIVE_CATEGORIES): callers not
// signed in (anonymous, screen tokens) learn neither the name nor the place of a sensitive unit from a
// plan, a saved scenario or the gap analysis, and cannot locate one by choosing demand points and radius.
import { describe, expect, test } from 'vitest'
import type { AtlasStore } from '../../../server/db/store'
import { redactedName } from '../../../server/shared/audience'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn } from '../demo-app'

const SENSITIVE = '宗教活动场所'
const SUIJIANG = '530626'
const NANAN_TEMPLE = 300 // 南岸观音寺: 宗教活动场所, 申报, in 南岸镇 530626102
const XINTAN_MOSQUE = 289 // 新滩清真寺: 宗教活动场所, 命名 县级, in 新滩镇 530626103

type App = ReturnType<typeof demoApp>['app']

/** Names and coordinates (as printed in JSON) of the units of `categories`: none may reach a caller not signed in. */
function secretsOf(store: AtlasStore, categories: readonly string[]): string[] {
  return store
    .snapshot()
    .units.filter((u) => categories.includes(u.category))
    .flatMap((u) => [u.name, ...(u.lon === null || u.lat === null ? [] : [String(u.lon), String(u.lat)])])
}

function leaked(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => text.includes(secret))
}

/** Moves units by (dLon, dLat) through an import, as a corrected ledger would; each must stay in its township. */
function moveUnits(store: AtlasStore, ids: readonly number[], [dLon, dLat]: [number, number]): void {
  const before = store.snapshot()
  const units = before.units.filter((u) => ids.includes(u.id))
  store.imports.commitUnits(
    units.map(({ id, history: _history, ...unit }) => ({ ...unit, lon: unit.lon! + dLon, lat: unit.lat! + dLat, externalId: null, updates: id })),
    { fileName: 'move.csv', options: {}, report: {}, actor: 'test' },
  )
  const after = store.snapshot()
  for (const id of ids) expect(after.unitAreas.get(id), `unit ${id} left its township`).toBe(before.unitAreas.get(id))
}

/**
 * A square grid of demand points, `n` × `n` (n odd), `stepDeg` apart, around [lon, lat] but half a step off it,
 * so that no point stands exactly on a unit: the answer echoes the demand points, and the test looks for
 * the units' coordinates in it.
 */
function demandGrid([lon, lat]: [number, number], n: number, stepDeg: number) {
  const half = (n - 1) / 2 - 0.5
  return Array.from({ length: n * n }, (_, k) => ({
    id: `g${k}`,
    lon: Math.round((lon + ((k % n) - half) * stepDeg) * 1e6) / 1e6,
    lat: Math.round((lat + (Math.floor(k / n) - half) * stepDeg) * 1e6) / 1e6,
    weight: 1,
  }))
}

async function screenToken(app: App, admin: string): Promise<string> {
  const answer = await app.request('/api/screen-tokens', jsonRequest('POST', { label: '大厅' }, admin))
  return ((await answer.json()) as { token: string }).token
}

describe('POST /api/plan is no location oracle', () => {
  test('an anonymous answer is the same whether the sensitive units stand where they are or elsewhere in their townships', async () => {
    const truth = demoApp()
    const moved = demoApp()
    const ids = [NANAN_TEMPLE, XINTAN_MOSQUE]
    const shift: [number, number] = [0.008, 0.008] // ~1 km
    moveUnits(moved.store, ids, shift)
    const at = (id: number) => {
      const u = truth.store.snapshot().units.find((x) => x.id === id)!
      return [u.lon! + shift[0] / 2, u.lat! + shift[1] / 2] as [number, number]
    }
    // A dense grid (~220 m) over both positions of each unit, and radii small enough to tell them apart.
    const demand = [...demandGrid(at(NANAN_TEMPLE), 13, 0.002), ...demandGrid(at(XINTAN_MOSQUE), 13, 0.002).map((d) => ({ ...d, id: `m${d.id}` }))]
    const bodies = [
      { area: SUIJIANG, sites: 3, radiusKm: 0.5, demand },
      { area: SUIJIANG, sites: 3, radiusKm: 1, demand, required: [{ id: 'far', lon: 103.6, lat: 28.0 }] },
      { area: SUIJIANG, model: 'lscp', sites: 50, radiusKm: 0.4, demand },
      { area: SUIJIANG, sites: 2, radiusKm: 3 },
    ]
    for (const body of bodies) {
      const a = await (await truth.app.request('/api/plan', jsonRequest('POST', body))).text()
      const b = await (await moved.app.request('/api/plan', jsonRequest('POST', body))).text()
      expect(b, JSON.stringify({ ...body, demand: undefined })).toBe(a)
      expect(leaked(a, secretsOf(truth.store, [SENSITIVE]))).toEqual([])
      expect(JSON.parse(a).notes.join(' ')).toContain(SENSITIVE)
    }
    // Signed in, the model does use them: the same request tells the two positions apart.
    const admin = await signIn(truth.app, 'admin', ADMIN_PASSWORD)
    const adminMoved = await signIn(moved.app, 'admin', ADMIN_PASSWORD)
    const full = await (await truth.app.request('/api/plan', jsonRequest('POST', bodies[1], admin))).json()
    const fullMoved = await (await moved.app.request('/api/plan', jsonRequest('POST', bodies[1], adminMoved))).json()
    expect(full.chosen.map((s: { unitId: number }) => s.unitId)).toContain(NANAN_TEMPLE)
    expect(fullMoved.demand).not.toEqual(full.demand)
    // A screen token cannot ask at all.
    const token = await screenToken(truth.app, admin)
    const byToken = await truth.app.request('/api/plan', jsonRequest('POST', bodies[0], undefined, { Authorization: `Bearer ${token}` }))
    expect(byToken.status).toBe(403)
    truth.store.close()
    moved.store.close()
  })
})

describe('saved scenarios', () => {
  test('GET /api/plan/scenarios/:id: callers not signed in get neither name nor place of a sensitive unit', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const temple = store.snapshot().units.find((u) => u.id === NANAN_TEMPLE)!
    // The admin's plan chooses 南岸观音寺: all the demand stands on it, the open sites are far away.
    const request = {
      area: SUIJIANG,
      sites: 1,
      radiusKm: 0.5,
      demand: demandGrid([temple.lon!, temple.lat!], 5, 0.002),
      required: [{ id: 'far', lon: 103.6, lat: 28.0 }],
    }
    const saved = await app.request('/api/plan/scenarios', jsonRequest('POST', { name: '南岸方案', request }, admin))
    expect(saved.status).toBe(201)
    const { id } = await saved.json()
    const full = await (await app.request(`/api/plan/scenarios/${id}`, { headers: { Cookie: admin } })).json()
    expect(full.result.chosen.map((s: { unitId: number }) => s.unitId)).toEqual([NANAN_TEMPLE])
    expect(full.createdBy).toBe('admin')
    // And one from the store's own settlements and open sites, which include named 宗教活动场所.
    const plain = await (await app.request('/api/plan/scenarios', jsonRequest('POST', { name: '绥江默认', request: { area: SUIJIANG, sites: 3, radiusKm: 3 } }, admin))).json()

    const token = await screenToken(app, admin)
    const secrets = secretsOf(store, [SENSITIVE])
    for (const headers of [{}, { Authorization: `Bearer ${token}` }] as Record<string, string>[]) {
      for (const scenario of [id, plain.id]) {
        const answer = await app.request(`/api/plan/scenarios/${scenario}`, { headers })
        expect(answer.status).toBe(200)
        const text = await answer.text()
        expect(leaked(text, secrets)).toEqual([])
        const body = JSON.parse(text)
        expect(body.createdBy).toBeNull()
        expect(body.result.required).toEqual([])
      }
      const list = await (await app.request(`/api/plan/scenarios?area=${SUIJIANG}`, { headers })).json()
      expect(list.scenarios).toHaveLength(2)
      expect(list.scenarios.map((s: { createdBy: string | null }) => s.createdBy)).toEqual([null, null])
    }
    const listed = await (await app.request(`/api/plan/scenarios?area=${SUIJIANG}`, { headers: { Cookie: admin } })).json()
    expect(listed.scenarios.map((s: { createdBy: string }) => s.createdBy)).toEqual(['admin', 'admin'])
    store.close()
  })
})

describe('GET /api/plan/gaps', () => {
  test('callers not signed in see sensitive candidates counted under a generic name', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const token = await screenToken(app, admin)
    const path = '/api/plan/gaps?area=530602'
    const full = await (await app.request(path, { headers: { Cookie: admin } })).json()
    const sensitiveCandidates = full.children.flatMap((c: { candidates: { name: string; category: string }[] }) => c.candidates.filter((u) => u.category === SENSITIVE))
    expect(sensitiveCandidates.map((u: { name: string }) => u.name)).toContain('青岗岭基督教堂')
    for (const headers of [{}, { Authorization: `Bearer ${token}` }] as Record<string, string>[]) {
      const text = await (await app.request(path, { headers })).text()
      expect(leaked(text, secretsOf(store, [SENSITIVE]))).toEqual([])
      const body = JSON.parse(text)
      const shown = body.children.flatMap((c: { candidates: { name: string; category: string }[] }) => c.candidates.filter((u) => u.category === SENSITIVE))
      expect(shown).toHaveLength(sensitiveCandidates.length)
      expect(shown.every((u: { name: string }) => u.name === redactedName(SENSITIVE))).toBe(true)
      expect(body.summary).toEqual(full.summary)
    }
    store.close()
  })
})

describe('ATLAS_SENSITIVE_CATEGORIES reaches /api/plan', () => {
  test('with 学校 configured, anonymous plans and gaps hide schools, and 宗教活动场所 are shown like any category', async () => {
    const { app, store } = demoApp({ sensitiveCategories: ['学校'] })
    const school = store.snapshot().units.find((u) => u.name === '南岸中心幼儿园')!
    const temple = store.snapshot().units.find((u) => u.id === NANAN_TEMPLE)!
    const far = [{ id: 'far', lon: 103.6, lat: 28.0 }]
    const onSchool = { area: SUIJIANG, sites: 1, radiusKm: 0.5, demand: demandGrid([school.lon!, school.lat!], 5, 0.002), required: far }
    const onTemple = { area: SUIJIANG, sites: 1, radiusKm: 0.5, demand: demandGrid([temple.lon!, temple.lat!], 5, 0.002), required: far }
    const schoolSecrets = secretsOf(store, ['学校'])

    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const full = await (await app.request('/api/plan', jsonRequest('POST', onSchool, admin))).json()
    expect(full.chosen.map((s: { name: string }) => s.name)).toEqual(['南岸中心幼儿园'])

    const anonymous = await (await app.request('/api/plan', jsonRequest('POST', onSchool))).text()
    expect(leaked(anonymous, schoolSecrets)).toEqual([])
    const templePlan = await (await app.request('/api/plan', jsonRequest('POST', onTemple))).json()
    expect(templePlan.chosen.map((s: { name: string; position: number[] }) => [s.name, s.position])).toEqual([['南岸观音寺', [temple.lon, temple.lat]]])

    const gaps = await (await app.request('/api/plan/gaps?area=530626')).text()
    expect(leaked(gaps, schoolSecrets)).toEqual([])
    expect(gaps).toContain('南岸观音寺')
    store.close()
  })
})
