import { describe, expect, test } from 'vitest'
import { httpsLocation } from '../../../server/http/transport-security'
import { ADMIN_PASSWORD, demoApp, jsonRequest } from '../demo-app'

describe('httpsLocation', () => {
  test('keeps the host name and the path, and moves to the HTTPS port', () => {
    expect(httpsLocation('atlas.example.gov.cn:80', '/units?q=1', 8443)).toBe('https://atlas.example.gov.cn:8443/units?q=1')
    expect(httpsLocation('atlas.example.gov.cn', '/', 443)).toBe('https://atlas.example.gov.cn/')
    expect(httpsLocation('[::1]:8080', '/api/health', 8443)).toBe('https://[::1]:8443/api/health')
  })

  test('a missing or unusable Host header goes to the fallback host', () => {
    expect(httpsLocation(undefined, '/x', 8443)).toBe('https://localhost:8443/x')
    expect(httpsLocation('bad host/evil', '/x', 8443, 'atlas.local')).toBe('https://atlas.local:8443/x')
  })
})

describe('HSTS and Secure cookies over HTTP and behind proxies', () => {
  const login = (headers: Record<string, string>, peer: string) => (app: ReturnType<typeof demoApp>['app']) =>
    app.request('/api/auth/login', jsonRequest('POST', { username: 'admin', password: ADMIN_PASSWORD }, undefined, headers), { incoming: { socket: { remoteAddress: peer } } })

  test('plain HTTP: no HSTS, the cookie is not Secure', async () => {
    const { app, store } = demoApp()
    const answer = await app.request('/api/health')
    expect(answer.headers.get('strict-transport-security')).toBeNull()
    expect((await login({}, '192.0.2.7')(app)).headers.get('set-cookie')).not.toContain('Secure')
    store.close()
  })

  test('X-Forwarded-Proto: https from a peer that is not a trusted proxy changes nothing', async () => {
    const { app, store } = demoApp({ trustedProxies: ['127.0.0.1'] })
    const answer = await login({ 'X-Forwarded-Proto': 'https' }, '192.0.2.7')(app)
    expect(answer.headers.get('set-cookie')).not.toContain('Secure')
    expect(answer.headers.get('strict-transport-security')).toBeNull()
    store.close()
  })

  test('from a trusted proxy it makes the cookie Secure and sends HSTS with the configured max-age', async () => {
    const { app, store } = demoApp({ trustedProxies: ['127.0.0.1'], hstsMaxAgeSeconds: 600 })
    const answer = await login({ 'X-Forwarded-Proto': 'https' }, '127.0.0.1')(app)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('set-cookie')).toContain('Secure')
    expect(answer.headers.get('strict-transport-security')).toBe('max-age=600')
    store.close()
  })
})
