// HTTPS by the server itself: a self-signed certificate made with openssl, the app served by @hono/node-server
// with what tlsServing returns (as server/index.ts does), and the plain-HTTP port that redirects.
import { serve } from '@hono/node-server'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request, type Server } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ConfigError } from '../../server/config'
import { httpsRedirectServer, tlsServing } from '../../server/tls'
import { ADMIN_PASSWORD, demoApp } from './demo-app'

const dir = mkdtempSync(join(tmpdir(), 'atlas-tls-'))

function selfSigned(name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`)
  const key = join(dir, `${name}.key`)
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' })
  return { cert, key }
}

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function call(client: typeof request, url: string, options: Record<string, unknown> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = client(url, options, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const files = selfSigned('atlas')
const { app, store } = demoApp()
let server: Server
let redirect: Server
let httpsPort = 0
let redirectPort = 0

beforeAll(async () => {
  const { notAfter: _notAfter, ...https } = tlsServing(files)
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', ...https }, () => resolve(s as Server)) as Server
  })
  httpsPort = (server.address() as AddressInfo).port
  redirect = httpsRedirectServer(httpsPort)
  await new Promise<void>((resolve) => redirect.listen(0, '127.0.0.1', resolve))
  redirectPort = (redirect.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise((resolve) => redirect?.close(resolve))
  server?.closeAllConnections?.()
  await new Promise((resolve) => server?.close(resolve))
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the server over HTTPS (ATLAS_TLS_CERT, ATLAS_TLS_KEY)', () => {
  const ca = () => ({ ca: [readFileSync(files.cert)] })

  test('answers /api/health over TLS with Strict-Transport-Security', async () => {
    const answer = await call(httpsRequest as typeof request, `https://localhost:${httpsPort}/api/health`, ca())
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true })
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000')
  })

  test('sets the session cookie Secure', async () => {
    const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD })
    const answer = await call(httpsRequest as typeof request, `https://localhost:${httpsPort}/api/auth/login`,
      { ...ca(), method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, body)
    expect(answer.status).toBe(200)
    const cookie = String(answer.headers['set-cookie'])
    expect(cookie).toMatch(/^atlas_session=/)
    expect(cookie).toMatch(/; Secure/)
  })

  test('the plain-HTTP port answers 308 to the same path over HTTPS', async () => {
    const answer = await call(request, `http://127.0.0.1:${redirectPort}/units?area=530626`, { headers: { Host: `atlas.example.gov.cn:${redirectPort}` } })
    expect(answer.status).toBe(308)
    expect(answer.headers.location).toBe(`https://atlas.example.gov.cn:${httpsPort}/units?area=530626`)
  })
})

describe('tlsServing refuses files it cannot serve with, naming them', () => {
  test('a missing file', () => {
    expect(() => tlsServing({ cert: join(dir, 'none.crt'), key: files.key })).toThrow(new ConfigError(`ATLAS_TLS_CERT: ${join(dir, 'none.crt')} cannot be read (ENOENT); expected the path of a PEM file`))
  })

  test('a file that is not a certificate, and one that is not a key', () => {
    const junk = join(dir, 'junk.pem')
    writeFileSync(junk, 'not pem at all\n')
    expect(() => tlsServing({ cert: junk, key: files.key })).toThrow(`ATLAS_TLS_CERT: ${junk} is not a PEM certificate`)
    expect(() => tlsServing({ cert: files.cert, key: junk })).toThrow(`ATLAS_TLS_KEY: ${junk} is not an unencrypted PEM private key`)
  })

  test('a key that belongs to another certificate', () => {
    const other = selfSigned('other')
    expect(() => tlsServing({ cert: files.cert, key: other.key })).toThrow(`ATLAS_TLS_KEY: ${other.key} is not the private key of the certificate in ${files.cert}`)
  })
})
