import { expect, test } from 'vitest'
import { nextPathOf } from '../../web/login/next-path'

test('only same-site paths are followed after sign-in', () => {
  expect(nextPathOf('?next=/plan?area=530626')).toBe('/plan?area=530626')
  expect(nextPathOf('')).toBe('/')
  expect(nextPathOf('?next=https://evil.example/')).toBe('/')
  expect(nextPathOf('?next=//evil.example/')).toBe('/')
  expect(nextPathOf('?next=/\\evil.example/')).toBe('/')
})
