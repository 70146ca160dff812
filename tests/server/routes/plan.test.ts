// POST /api/plan and its scenarios and promotion, through app.request on the demo store.
import { describe, expect, test } from 'vitest'
import { ADMIN_PASSWORD, demoApp, jsonRequest, markPasswordChosenByUser, signIn } from '../demo-app'

describe('POST /api/plan', () => {
  test('plans 绥江县 from the store: chosen candidates are 培育/申报 units, coverage rises, the gap is proved', async () => {
    const { app, store } = demoApp()
    const answer = await app.request('/api/plan', jsonRequest('POST', { area: '530626', sites: 3, radiusKm: 3 }))
    expect(answer.status).toBe(200)
    const plan = await answer.json()
    expect(plan.sources).toEqual({ demand: 'sample-settlements', candidates: 'store', required: 'store' })
    expect(plan.sample).toBe(true)
    expect(plan.chosen.length).toBeGreaterThanOrEqual(1)
    const units = new Map(store.snapshot().units.map((u) => [u.id, u]))
    for (const site of plan.chosen) expect(['培育', '申报']).toContain(units.get(site.unitId)?.status)
    expect(plan.coveredWeightAfter).toBeGreaterThan(plan.coveredWeightBefore)
    expect(plan.coveredWeightAfter).toBe(plan.coveredWeightBefore + plan.chosen.reduce((s: number, c: { coveredWeightAdded: number }) => s + c.coveredWeightAdded, 0))
    expect(plan.bound.value).toBeGreaterThanOrEqual(plan.coveredWeightAfter)
    expect(plan.gap).toBeGreaterThanOrEqual(0)
  })

  test('demand and candidates from the request: the obvious best site is chosen', async () => {
    const { app } = demoApp()
    const body = {
      area: '530626',
      sites: 1,
      radiusKm: 2,
      demand: [
        { id: 'v1', lon: 104.0, lat: 28.5, weight: 100 },
        { id: 'v2', lon: 104.005, lat: 28.505, weight: 100 },
        { id: 'v3', lon: 104.3, lat: 28.6, weight: 50 },
      ],
      candidates: [
        { id: 'near-v1-v2', lon: 104.002, lat: 28.502 },
        { id: 'near-v3', lon: 104.3, lat: 28.601 },
      ],
      required: [{ id: 'far', lon: 103.6, lat: 28.0 }],
    }
    const plan = await (await app.request('/api/plan', jsonRequest('POST', body))).json()
    expect(plan.chosen.map((s: { id: string }) => s.id)).toEqual(['near-v1-v2'])
    expect([plan.coveredWeightBefore, plan.coveredWeightAfter, plan.totalWeight]).toEqual([0, 200, 250])
    expect(plan.gap).toBe(0)
  })

  test('bad input is a 400 naming the value', async () => {
    const { app } = demoApp()
    const cases: [unknown, RegExp][] = [
      [{ area: '5306', sites: 1 }, /area: "5306" is not valid/],
      [{ area: '530626', sites: 0 }, /sites: 0 is not valid \(expected at least 1 site\)/],
      [{ area: '530626', sites: 1, radiusKm: -2 }, /radiusKm: -2 is not valid/],
      [{ area: '530626', sites: 1, demand: [{ lon: 1031.2, lat: 28 }] }, /demand.0.lon: 1031.2 is not valid \(expected a longitude in China, 73–136\)/],
    ]
    for (const [body, message] of cases) {
      const answer = await app.request('/api/plan', jsonRequest('POST', body))
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect((await answer.json()).error.message).toMatch(message)
    }
  })

  test('an area the store does not have is a 404, as on every route', async () => {
    const { app } = demoApp()
    for (const answer of [await app.request('/api/plan', jsonRequest('POST', { area: '530699', sites: 1 })), await app.request('/api/plan/gaps?area=530699')]) {
      expect(answer.status).toBe(404)
      expect((await answer.json()).error).toEqual({ code: 'not_found', message: expect.stringMatching(/area: 530699 is not an area in the store/) })
    }
  })
})

describe('models and gaps', () => {
  test('anonymous callers do not get the places of named units; signed-in ones do', async () => {
    const { app } = demoApp()
    const body = { area: '530626', sites: 2, radiusKm: 3 }
    const anonymous = await (await app.request('/api/plan', jsonRequest('POST', body))).json()
    expect(anonymous.required).toEqual([])
    expect(anonymous.counts.required).toBeGreaterThan(0)
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const signedIn = await (await app.request('/api/plan', jsonRequest('POST', body, admin))).json()
    expect(signedIn.required).toHaveLength(signedIn.counts.required)
    expect(signedIn.coveredWeightAfter).toBe(anonymous.coveredWeightAfter)
  })

  test('extra candidates (places clicked on the map) join the store candidates', async () => {
    const { app } = demoApp()
    const demand = [{ id: 'v', lon: 104.25, lat: 28.62, weight: 1000 }]
    const body = { area: '530626', sites: 1, radiusKm: 1, demand, required: [{ id: 'far', lon: 103.6, lat: 28.0 }], extraCandidates: [{ lon: 104.2501, lat: 28.6201, name: '自选点1' }] }
    const plan = await (await app.request('/api/plan', jsonRequest('POST', body))).json()
    expect(plan.counts.candidates).toBeGreaterThan(1) // the store's 培育/申报 units and the clicked place
    expect(plan.chosen.map((s: { id: string; name: string }) => [s.id, s.name])).toEqual([['point-1', '自选点1']])
    expect(plan.coveredWeightAfter).toBe(1000)
  })

  test('LSCP: the fewest sites that cover every reachable settlement; each chosen site adds weight', async () => {
    const { app } = demoApp()
    const body = {
      area: '530626',
      model: 'lscp',
      sites: 10,
      radiusKm: 2,
      demand: [
        { id: 'a', lon: 104.0, lat: 28.5, weight: 10 },
        { id: 'b', lon: 104.01, lat: 28.5, weight: 20 },
        { id: 'c', lon: 104.3, lat: 28.6, weight: 30 },
        { id: 'far', lon: 103.5, lat: 28.9, weight: 5 },
      ],
      candidates: [
        { id: 'ab', lon: 104.005, lat: 28.5 },
        { id: 'a-only', lon: 103.995, lat: 28.5 },
        { id: 'c', lon: 104.3, lat: 28.601 },
      ],
      required: [{ id: 'elsewhere', lon: 103.6, lat: 28.0 }],
    }
    const plan = await (await app.request('/api/plan', jsonRequest('POST', body))).json()
    expect(plan.model).toBe('lscp')
    expect(plan.chosen.map((s: { id: string }) => s.id).sort()).toEqual(['ab', 'c'])
    expect(plan.uncoverable).toBe(1)
    expect([plan.coveredWeightBefore, plan.coveredWeightAfter, plan.totalWeight]).toEqual([0, 60, 65])
    expect(plan.bound.value).toBeLessThanOrEqual(2)
    expect(plan.gap).toBe(0)
  })

  test('the covered weight reported equals an independent recount over the demand list', async () => {
    const { app } = demoApp()
    const plan = await (await app.request('/api/plan', jsonRequest('POST', { area: '530600', sites: 15, radiusKm: 4 }))).json()
    const covered = plan.demand.filter((d: { coveredAfter: boolean }) => d.coveredAfter)
    expect(covered.reduce((sum: number, d: { weight: number }) => sum + d.weight, 0)).toBe(plan.coveredWeightAfter)
    const before = plan.demand.filter((d: { coveredBefore: boolean }) => d.coveredBefore)
    expect(before.reduce((sum: number, d: { weight: number }) => sum + d.weight, 0)).toBe(plan.coveredWeightBefore)
  })

  test('gaps of 绥江县: per township coverage, missing categories, candidates, and the fewest promotions', async () => {
    const { app, store } = demoApp()
    const answer = await app.request('/api/plan/gaps?area=530626&minLevel=市级')
    expect(answer.status).toBe(200)
    const gaps = await answer.json()
    expect(gaps.area).toEqual({ code: '530626', name: '绥江县' })
    expect(gaps.children.map((c: { code: string }) => c.code)).toEqual(['530626101', '530626102', '530626103', '530626104', '530626105'])
    expect(gaps.summary.categoryGaps).toBe(gaps.children.reduce((n: number, c: { missingCategories: string[] }) => n + c.missingCategories.length, 0))
    const units = new Map(store.snapshot().units.map((u) => [u.id, u]))
    for (const p of gaps.completeness.promotions) {
      const unit = units.get(p.unitId)!
      expect(['培育', '申报']).toContain(unit.status)
      expect(unit.category).toBe(p.category)
      expect(gaps.children.find((c: { code: string }) => c.code === p.areaCode).missingCategories).toContain(p.category)
    }
    expect(gaps.completeness.filledCount + gaps.completeness.unfillable.length).toBe(gaps.completeness.gapCount)
    expect((await app.request('/api/plan/gaps?area=530626101')).status).toBe(400) // a township has no child areas to compare
    expect((await app.request('/api/plan/gaps?area=530626&scheme=nope')).status).toBe(400)
  })
})

describe('scenarios and promotion', () => {
  test('saving a scenario needs an editor in scope; it is listed and fetched with its result', async () => {
    const { app, store } = demoApp()
    const request = { area: '530626', sites: 2, radiusKm: 3 }
    expect((await app.request('/api/plan/scenarios', jsonRequest('POST', { name: '方案A', request }))).status).toBe(401)
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    await app.request('/api/users', jsonRequest('POST', { username: 'ludian', password: 'a-good-password-9', role: 'editor', areaScope: '530621' }, admin))
    markPasswordChosenByUser(store, 'ludian')
    const ludian = await signIn(app, 'ludian', 'a-good-password-9')
    expect((await app.request('/api/plan/scenarios', jsonRequest('POST', { name: '方案A', request }, ludian))).status).toBe(403)
    const saved = await app.request('/api/plan/scenarios', jsonRequest('POST', { name: '方案A', request }, admin))
    expect(saved.status).toBe(201)
    const { id } = await saved.json()
    const list = await (await app.request('/api/plan/scenarios?area=530626', { headers: { Cookie: admin } })).json()
    expect(list.scenarios).toEqual([expect.objectContaining({ id, name: '方案A', areaCode: '530626', createdBy: 'admin' })])
    const fetched = await (await app.request(`/api/plan/scenarios/${id}`)).json()
    expect(fetched.result.area).toEqual({ code: '530626', name: '绥江县' })
    expect((await app.request(`/api/plan/scenarios/${id}`, jsonRequest('DELETE', {}, ludian))).status).toBe(403)
    expect((await app.request(`/api/plan/scenarios/${id}`, jsonRequest('DELETE', {}, admin))).status).toBe(200)
    expect((await app.request(`/api/plan/scenarios/${id}`)).status).toBe(404)
  })

  test('deleting a scenario: its owner or an admin; an editor of the same area may not delete the admin’s', async () => {
    const { app, store } = demoApp()
    const request = { area: '530626', sites: 2, radiusKm: 3 }
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    await app.request('/api/users', jsonRequest('POST', { username: 'suijiang', password: 'a-good-password-9', role: 'editor', areaScope: '530626' }, admin))
    markPasswordChosenByUser(store, 'suijiang')
    const suijiang = await signIn(app, 'suijiang', 'a-good-password-9')
    const save = async (cookie: string) => (await (await app.request('/api/plan/scenarios', jsonRequest('POST', { name: '方案', request }, cookie))).json()).id as number
    const adminsOwn = await save(admin)
    const editorsOwn = await save(suijiang)
    const another = await save(suijiang)
    expect((await app.request(`/api/plan/scenarios/${adminsOwn}`, { method: 'DELETE' })).status).toBe(401)
    const refused = await app.request(`/api/plan/scenarios/${adminsOwn}`, jsonRequest('DELETE', {}, suijiang))
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.message).toContain('admin')
    expect((await app.request(`/api/plan/scenarios/${adminsOwn}`)).status).toBe(200)
    expect((await app.request(`/api/plan/scenarios/${editorsOwn}`, jsonRequest('DELETE', {}, suijiang))).status).toBe(200)
    expect((await app.request(`/api/plan/scenarios/${another}`, jsonRequest('DELETE', {}, admin))).status).toBe(200)
    expect((await app.request(`/api/plan/scenarios/${adminsOwn}`, jsonRequest('DELETE', {}, admin))).status).toBe(200)
  })

  test('promoting chosen 培育 units to 申报 records status history and the audit log; named units are refused', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const units = store.snapshot().units
    const cultivating = units.find((u) => u.status === '培育')!
    const named = units.find((u) => u.status === '命名')!
    expect((await app.request('/api/plan/promote', jsonRequest('POST', { unitIds: [cultivating.id] }))).status).toBe(401)
    const refused = await app.request('/api/plan/promote', jsonRequest('POST', { unitIds: [cultivating.id, named.id] }, admin))
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.message).toContain(`${named.id} ${named.name} (命名)`)
    expect(store.snapshot().units.find((u) => u.id === cultivating.id)?.status).toBe('培育')

    const ok = await app.request('/api/plan/promote', jsonRequest('POST', { unitIds: [cultivating.id], reason: '方案A 推荐' }, admin))
    expect(await ok.json()).toEqual({ promoted: 1, status: '申报' })
    const after = store.snapshot().units.find((u) => u.id === cultivating.id)!
    expect(after.status).toBe('申报')
    expect(after.history.at(-1)).toMatchObject({ from: '培育', to: '申报', by: 'admin', reason: '方案A 推荐' })
    const [entry] = store.audit.list({ limit: 1, entity: 'unit' })
    expect(entry).toMatchObject({ actor: 'admin', action: 'transition', entityId: String(cultivating.id), before: { status: '培育' }, after: { status: '申报' } })
  })
})
