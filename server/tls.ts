// HTTPS for the server itself (ATLAS_TLS_CERT, ATLAS_TLS_KEY): the PEM files read and checked once at start,
// and the optional plain-HTTP port that sends every request on to HTTPS. Process wiring for server/index.ts.
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer, type ServerOptions } from 'node:https'
import { ConfigError, type TlsFiles } from './config'
import { httpsLocation } from './http/transport-security'

export interface TlsServing {
  createServer: typeof createHttpsServer
  serverOptions: ServerOptions
  notAfter: string // the certificate's expiry, for the start-up log
}

/**
 * The options that make @hono/node-server's serve() speak HTTPS. A file that cannot be read, is not PEM of
 * its kind, or a key that does not belong to the certificate is a ConfigError naming the file: the server
 * refuses to start rather than fall back to plain HTTP.
 */
export function tlsServing(files: TlsFiles): TlsServing {
  const cert = readPem('ATLAS_TLS_CERT', files.cert)
  const key = readPem('ATLAS_TLS_KEY', files.key)
  let certificate: X509Certificate
  try {
    certificate = new X509Certificate(cert)
  } catch (error) {
    throw new ConfigError(`ATLAS_TLS_CERT: ${files.cert} is not a PEM certificate (${(error as Error).message}); expected a file beginning -----BEGIN CERTIFICATE-----`)
  }
  let privateKey
  try {
    privateKey = createPrivateKey(key)
  } catch (error) {
    throw new ConfigError(`ATLAS_TLS_KEY: ${files.key} is not an unencrypted PEM private key (${(error as Error).message}); expected a file beginning -----BEGIN PRIVATE KEY-----`)
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ConfigError(`ATLAS_TLS_KEY: ${files.key} is not the private key of the certificate in ${files.cert} (${certificate.subject.replace(/\n/g, ', ')})`)
  }
  return { createServer: createHttpsServer, serverOptions: { cert, key }, notAfter: certificate.validTo }
}

function readPem(name: string, file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (error) {
    throw new ConfigError(`${name}: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); expected the path of a PEM file`)
  }
}

/** A plain-HTTP listener on `port` answering every request with 308 to the same path over HTTPS on `httpsPort`. */
export function httpsRedirectServer(httpsPort: number): Server {
  return createHttpServer((request, response) => {
    response.writeHead(308, { Location: httpsLocation(request.headers.host, request.url ?? '/', httpsPort), 'Content-Length': '0' })
    response.end()
  })
}
