import { describe, expect, test } from 'vitest'
import { screenConfigSchema } from '../../../server/routes/screen-profiles'
import { DEFAULT_SCREEN_CONFIG } from '../../../server/shared/screen-profile'
import { pageOf } from '../../../web/pages'
import { effectiveConfig, growthYears, screenUrlOptionsOf } from '../../../web/screen/screen-config'

describe('screen config', () => {
  test('the shared defaults are what the server fills in for an empty profile', () => {
    expect(DEFAULT_SCREEN_CONFIG).toEqual(screenConfigSchema.parse({}))
  })

  test('URL options: profile slug, fit mode, intervals, edit, title', () => {
    expect(screenUrlOptionsOf('?profile=hall-a&fit=fill-width&interval=5&tour=8&idle=20&edit=1&title=%E7%BB%A5%E6%B1%9F')).toEqual({
      profile: 'hall-a',
      fit: 'fill-width',
      edit: true,
      refreshSeconds: 5,
      tourSeconds: 8,
      idleSeconds: 20,
      title: '绥江',
    })
    expect(screenUrlOptionsOf('')).toEqual({ profile: null, fit: 'fit', edit: false, refreshSeconds: null, tourSeconds: null, idleSeconds: 30, title: null })
  })

  test('bad URL values fall back instead of breaking the screen', () => {
    const o = screenUrlOptionsOf('?profile=../x&fit=zoom&interval=abc&tour=-3&idle=0')
    expect(o).toMatchObject({ profile: null, fit: 'fit', refreshSeconds: null, tourSeconds: null, idleSeconds: 30 })
    expect(screenUrlOptionsOf('?interval=0.01').refreshSeconds).toBe(0.25) // never a busy loop
  })

  test('URL overrides sit on top of the profile', () => {
    const config = effectiveConfig({ ...DEFAULT_SCREEN_CONFIG, refreshSeconds: 60, title: '甲' }, screenUrlOptionsOf('?interval=1'))
    expect(config).toMatchObject({ refreshSeconds: 1, title: '甲', tourSeconds: 12 })
  })

  test('growth years end at the current one', () => {
    expect(growthYears(2026, 4)).toEqual([2023, 2024, 2025, 2026])
  })
})

test('/screen is its own page', () => {
  expect(['/screen', '/screen/', '/screen?profile=a'].map((p) => pageOf(p.split('?')[0]))).toEqual(['screen', 'screen', 'screen'])
})
