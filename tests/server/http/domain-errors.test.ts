// Errors mapped once: a domain error's kind decides its status on every route; anything else is a 500 with a
// request id that finds the stack in the log, never a 400 and never the stack in the answer.
import { describe, expect, test } from 'vitest'
import { createApp } from '../../../server/app'
import { DOMAIN_ERROR_KINDS, DomainError, STATUS_OF_KIND } from '../../../server/domain-error'
import { demoApp, jsonRequest } from '../demo-app'

function appWhoseSnapshotThrows(error: Error) {
  const { store } = demoApp()
  const logged: string[] = []
  const broken = Object.create(store, { snapshot: { value: () => { throw error } } })
  return { app: createApp({ store: broken, version: 'test', log: (m) => logged.push(m) }), logged }
}

describe('app.onError', () => {
  test.each(DOMAIN_ERROR_KINDS)('a %s domain error is its status, with its message, on any route', async (kind) => {
    const { app } = appWhoseSnapshotThrows(new DomainError(kind, `the ${kind} thing`))
    for (const answer of [await app.request('/api/coverage'), await app.request('/api/units/columns'), await app.request('/api/plan', jsonRequest('POST', { area: '530626', sites: 1 }))]) {
      expect(answer.status).toBe(STATUS_OF_KIND[kind])
      expect((await answer.json()).error.message).toBe(`the ${kind} thing`)
    }
  })

  test.each([new RangeError('index out of range'), new TypeError('x is undefined')])('a stray %s is a 500 with a request id in the log and no stack in the answer', async (error) => {
    const { app, logged } = appWhoseSnapshotThrows(error)
    const answer = await app.request('/api/coverage')
    expect(answer.status).toBe(500)
    const body = await answer.json()
    expect(body.error.code).toBe('internal')
    expect(JSON.stringify(body)).not.toContain(error.message)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain(`[${body.error.details.requestId}]`)
    expect(logged[0]).toContain(error.message)
  })

  test('the same error is the same status everywhere: an unknown area is a 404 on plan and on gaps', async () => {
    const { app } = demoApp()
    expect((await app.request('/api/plan', jsonRequest('POST', { area: '530699', sites: 1 }))).status).toBe(404)
    expect((await app.request('/api/plan/gaps?area=530699')).status).toBe(404)
    expect((await app.request('/api/coverage?level=county&parent=530699')).status).toBe(404)
  })
})
