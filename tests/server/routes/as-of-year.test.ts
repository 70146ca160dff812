// The demo's units promoted from 县级 to 市级 count at the level they held in each as-of year, through the
// API that the dashboard, the screen and the export read.
import { afterAll, describe, expect, test } from 'vitest'
import { demoApp } from '../demo-app'

const { app, store } = demoApp()
afterAll(() => store.close())

const promoted = store.snapshot().units.filter((u) => u.level === '市级' && u.history.some((h) => h.level === '县级'))
const namedAt = (unitId: number, level: string) => store.snapshot().units.find((u) => u.id === unitId)!.history.find((h) => h.level === level)!.at

describe('level history in the as-of year', () => {
  test('the demo has units named 县级 first and 市级 three years later', () => {
    expect(promoted.length).toBeGreaterThan(2)
    for (const unit of promoted) expect(Number(namedAt(unit.id, '市级').slice(0, 4)) - Number(namedAt(unit.id, '县级').slice(0, 4))).toBe(3)
  })

  test('GET /api/units?year= shows each promoted unit at 县级 between its two namings and at 市级 after', async () => {
    const unit = promoted[0]
    const between = Number(namedAt(unit.id, '县级').slice(0, 4)) + 1
    const after = Number(namedAt(unit.id, '市级').slice(0, 4))
    const levelIn = async (year: number) => {
      const answer = (await (await app.request(`/api/units?year=${year}`)).json()) as { features: { id: number; properties: { level: string | null } }[] }
      return answer.features.find((f) => f.id === unit.id)?.properties.level
    }
    expect(await levelIn(between)).toBe('县级')
    expect(await levelIn(after)).toBe('市级')
  })

  test('a 市级-and-above view (?minLevel=市级) takes them in only from their promotion', async () => {
    const unit = promoted[0]
    const between = Number(namedAt(unit.id, '县级').slice(0, 4)) + 1
    const after = Number(namedAt(unit.id, '市级').slice(0, 4))
    const cityLevel = async (year: number) => {
      const answer = (await (await app.request(`/api/units?year=${year}&minLevel=市级`)).json()) as { features: { id: number }[] }
      return answer.features.some((f) => f.id === unit.id)
    }
    expect(await cityLevel(between)).toBe(false)
    expect(await cityLevel(after)).toBe(true)
  })
})
