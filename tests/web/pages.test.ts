import { expect, test } from 'vitest'
import { pageOf } from '../../web/pages'

test('paths pick pages; a trailing slash does not matter; anything else is not found', () => {
  expect(['/', '', '/login', '/login/', '/map', '/dashboard', '/admin', '/login/x'].map(pageOf)).toEqual([
    'dashboard',
    'dashboard',
    'login',
    'login',
    'not-found',
    'not-found',
    'not-found',
    'login',
  ])
})

test('/audit is the audit page', () => {
  expect(['/audit', '/audit/'].map(pageOf)).toEqual(['audit', 'audit'])
})

test('/account is the account page', () => {
  expect(['/account', '/account/'].map(pageOf)).toEqual(['account', 'account'])
})
