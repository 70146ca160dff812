import { describe, expect, test } from 'vitest'
import { ADMIN_PASSWORD, demoApp, signIn } from '../demo-app'

const SENSITIVE = '宗教活动场所'

describe('GET /api/units/:id', () => {
  const { app, store } = demoApp()
  const units = store.snapshot().units
  const inspected = units.find((u) => u.category !== SENSITIVE && store.snapshot().inspections.some((i) => i.unitId === u.id))!
  const sensitive = units.find((u) => u.category === SENSITIVE && u.lon !== null && u.history.length > 0)!

  test('a unit with its history and inspections', async () => {
    const answer = await app.request(`/api/units/${inspected.id}`)
    expect(answer.status).toBe(200)
    const body = await answer.json()
    expect(body.unit).toMatchObject({ id: inspected.id, name: inspected.name, category: inspected.category, redacted: false })
    expect(body.unit.lon).toBe(inspected.lon)
    expect(body.unit.contact).toBe('') // contact details only for signed-in users
    expect(body.history).toEqual(inspected.history)
    expect(body.inspections.length).toBeGreaterThan(0)
    expect(body.inspections.every((i: { unitId: number }) => i.unitId === inspected.id)).toBe(true)
  })

  test('anonymous callers get a sensitive unit without name, location, address, notes, people or free text', async () => {
    const body = await (await app.request(`/api/units/${sensitive.id}`)).json()
    expect(body.unit).toMatchObject({ id: sensitive.id, category: SENSITIVE, name: `${SENSITIVE}（不公开）`, lon: null, lat: null, address: '', notes: '', redacted: true })
    expect(body.unit.areaCode === null || body.unit.areaCode.length <= 9).toBe(true)
    expect(body.history.map((h: { at: string }) => h.at)).toEqual(sensitive.history.map((h) => h.at))
    expect(body.history.every((h: { by: string; reason: string }) => h.by === '' && h.reason === '')).toBe(true)
  })

  test('signed-in users see a sensitive unit in full', async () => {
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    const body = await (await app.request(`/api/units/${sensitive.id}`, { headers: { Cookie: cookie } })).json()
    expect(body.unit).toMatchObject({ name: sensitive.name, lon: sensitive.lon, lat: sensitive.lat, redacted: false })
  })

  test('an unknown id is a 404 in the error shape; /api/units/issues still answers', async () => {
    const answer = await app.request('/api/units/999999')
    expect(answer.status).toBe(404)
    expect((await answer.json()).error.code).toBe('not_found')
    expect((await app.request('/api/units/issues')).status).toBe(200)
  })
})
