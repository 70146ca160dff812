import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '../../server/config'

describe('readConfig', () => {
  it('has defaults: port 8787, ./data, demo on, reads open, embedding by the atlas itself only', () => {
    expect(readConfig({}, '/srv/atlas')).toEqual({
      port: 8787,
      dataDir: '/srv/atlas/data',
      demo: 'full',
      requireLogin: false,
      adminPassword: null,
      frameAncestors: ["'self'"],
      allowedOrigins: [],
      trustedProxies: [],
      sensitiveCategories: ['宗教活动场所'],
      tls: null,
      hstsMaxAgeSeconds: 31_536_000,
      httpRedirectPort: null,
      crypto: 'standard',
      backupPassphrase: null,
      scheduledBackups: null,
    })
  })

  it('reads PORT, ATLAS_DATA_DIR, ATLAS_DEMO and the security settings', () => {
    const env = {
      PORT: '9000',
      ATLAS_DATA_DIR: '/var/atlas',
      ATLAS_DEMO: '0',
      ATLAS_REQUIRE_LOGIN: '1',
      ATLAS_ADMIN_PASSWORD: 'a-long-secret',
      ATLAS_FRAME_ANCESTORS: "'self' https://portal.example.gov.cn",
      ATLAS_ALLOWED_ORIGINS: 'https://edit.example.gov.cn',
    }
    expect(readConfig(env, '/x')).toEqual({
      port: 9000,
      dataDir: '/var/atlas',
      demo: 'none',
      requireLogin: true,
      adminPassword: 'a-long-secret',
      frameAncestors: ["'self'", 'https://portal.example.gov.cn'],
      allowedOrigins: ['https://edit.example.gov.cn'],
      trustedProxies: [],
      sensitiveCategories: ['宗教活动场所'],
      tls: null,
      hstsMaxAgeSeconds: 31_536_000,
      httpRedirectPort: null,
      crypto: 'standard',
      backupPassphrase: null,
      scheduledBackups: null,
    })
  })

  it('reads ATLAS_SENSITIVE_CATEGORIES: comma-, ，- or 、-separated names, or none', () => {
    expect(readConfig({ ATLAS_SENSITIVE_CATEGORIES: '宗教活动场所, 教育基地，军营、宗教活动场所' }).sensitiveCategories).toEqual(['宗教活动场所', '教育基地', '军营'])
    expect(readConfig({ ATLAS_SENSITIVE_CATEGORIES: 'none' }).sensitiveCategories).toEqual([])
    expect(() => readConfig({ ATLAS_SENSITIVE_CATEGORIES: ',,' })).toThrow('ATLAS_SENSITIVE_CATEGORIES=,, is not a list of category names')
  })

  it('reads ATLAS_TRUSTED_PROXIES: space-separated IP addresses, none by default; names a bad one', () => {
    expect(readConfig({}).trustedProxies).toEqual([])
    expect(readConfig({ ATLAS_TRUSTED_PROXIES: ' 127.0.0.1  ::1 10.0.0.2 ' }).trustedProxies).toEqual(['127.0.0.1', '::1', '10.0.0.2'])
    expect(() => readConfig({ ATLAS_TRUSTED_PROXIES: '127.0.0.1 10.0.0.0/8' })).toThrow(
      'ATLAS_TRUSTED_PROXIES: 10.0.0.0/8 is not an IP address (expected space-separated addresses, e.g. 127.0.0.1 ::1)',
    )
  })

  it('names bad values', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => readConfig({ PORT: '70000' })).toThrow('PORT=70000 is not a port')
    expect(() => readConfig({ ATLAS_DEMO: 'maybe' })).toThrow('ATLAS_DEMO=maybe is not a demo mode')
    expect(() => readConfig({ ATLAS_FRAME_ANCESTORS: 'portal.example.gov.cn/' })).toThrow(
      "ATLAS_FRAME_ANCESTORS: portal.example.gov.cn/ is not an origin (expected e.g. https://portal.example.gov.cn, or 'self')",
    )
  })

  it('reads HTTPS, 国密 and backup settings', () => {
    const config = readConfig({
      ATLAS_TLS_CERT: 'tls/atlas.crt', ATLAS_TLS_KEY: '/etc/atlas/atlas.key', ATLAS_HSTS_MAX_AGE: '600', ATLAS_HTTP_REDIRECT_PORT: '8080',
      ATLAS_CRYPTO: 'GM', ATLAS_BACKUP_PASSPHRASE: 'correct horse', ATLAS_BACKUP_DIR: 'backups', ATLAS_BACKUP_EVERY_HOURS: '0.5', ATLAS_BACKUP_KEEP: '3',
    }, '/srv/atlas')
    expect(config).toMatchObject({
      tls: { cert: '/srv/atlas/tls/atlas.crt', key: '/etc/atlas/atlas.key' },
      hstsMaxAgeSeconds: 600,
      httpRedirectPort: 8080,
      crypto: 'gm',
      backupPassphrase: 'correct horse',
      scheduledBackups: { dir: '/srv/atlas/backups', everyHours: 0.5, keep: 3 },
    })
  })

  it('refuses half a TLS setting, a redirect port without TLS, an unknown crypto suite and bad backup numbers, by name', () => {
    expect(() => readConfig({ ATLAS_TLS_CERT: 'a.crt' })).toThrow('ATLAS_TLS_CERT and ATLAS_TLS_KEY go together: ATLAS_TLS_KEY is not set')
    expect(() => readConfig({ ATLAS_HTTP_REDIRECT_PORT: '80' })).toThrow('ATLAS_HTTP_REDIRECT_PORT=80 needs HTTPS to redirect to')
    expect(() => readConfig({ ATLAS_TLS_CERT: 'a', ATLAS_TLS_KEY: 'b', ATLAS_HTTP_REDIRECT_PORT: 'http' })).toThrow('ATLAS_HTTP_REDIRECT_PORT=http is not a port')
    expect(() => readConfig({ ATLAS_CRYPTO: 'sm4' })).toThrow(new ConfigError('ATLAS_CRYPTO=sm4 is not a crypto suite (expected standard or gm)'))
    expect(() => readConfig({ ATLAS_BACKUP_EVERY_HOURS: '0' })).toThrow('ATLAS_BACKUP_EVERY_HOURS=0 is not a number of hours')
    expect(() => readConfig({ ATLAS_BACKUP_KEEP: '0' })).toThrow('ATLAS_BACKUP_KEEP=0 is not a whole number of at least 1 (default 7)')
    expect(() => readConfig({ ATLAS_HSTS_MAX_AGE: '1.5' })).toThrow('ATLAS_HSTS_MAX_AGE=1.5 is not a whole number of at least 0')
  })
})
